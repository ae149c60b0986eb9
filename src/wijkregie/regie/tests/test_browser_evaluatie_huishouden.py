"""An evaluation re-scores the household of three in the ZRM grid, at desk and phone width, axe on every page."""

import pytest

from wijkregie.casus.services import casus_open
from wijkregie.plan.models import ZrmScore
from wijkregie.plan.tests.huishouden import voeg_gezin_toe
from wijkregie.regie.models import Evaluatie
from wijkregie.testing import build_world, make_getekend_plan, make_persoon
from wijkregie.testing_browser import check_page, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def evaluatie_world(transactional_db):
    world = build_world()
    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    casus = casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                       huishouden=persoon.lidmaatschappen.first().huishouden, hoofdpersoon=persoon)
    gezin = voeg_gezin_toe(world, casus)
    make_getekend_plan(world, casus)
    return world, casus, gezin, Evaluatie.objects.get(casus=casus)


def test_an_evaluation_rescores_every_member(page, live_server, evaluatie_world):
    world, casus, gezin, evaluatie = evaluatie_world
    base = live_server.url
    log_in(page, base, "medewerker")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/evaluaties/{evaluatie.pk}/")
    check_page(page, "evaluatie-huishouden-telefoon")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_label("Deels behaald").check()
    for persoon, niveau in zip(gezin, ("3", "2", "4")):
        page.get_by_label(f"ZRM Financiën voor {persoon.naam}").select_option(value=niveau)
    page.get_by_label("Verslag").fill("Samen besproken met Pieter en Sara.")
    page.get_by_role("button", name="Evaluatie vastleggen").click()
    page.get_by_text("De evaluatie is vastgelegd.").wait_for()
    assert sorted(ZrmScore.objects.filter(casus=casus).values_list("niveau", flat=True)) == [2, 3, 4]
    page.goto(f"{base}/evaluaties/{Evaluatie.objects.get(casus=casus, gehouden_op__isnull=True).pk}/")
    check_page(page, "evaluatie-huishouden")
