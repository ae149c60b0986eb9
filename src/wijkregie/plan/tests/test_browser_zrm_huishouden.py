"""A household of three scored in one form, in Chromium at desk and phone width, axe on every page.

Counts the page loads and interactions for the issue note; the PDF (and with WIJKREGIE_SCREENSHOTS=1
the screenshots) land in test-screenshots/.
"""

import pytest

from wijkregie.casus.services import casus_open
from wijkregie.core.tests.achtergrond_hulp import via_achtergrond_in_browser
from wijkregie.plan import services
from wijkregie.plan.models import Doel, ZrmScore
from wijkregie.testing import build_world, make_persoon
from wijkregie.testing_browser import SHOTS, Teller, check_page, log_in

from .huishouden import leefgebied, voeg_gezin_toe

pytestmark = pytest.mark.browser

TELEFOON = {"width": 390, "height": 844}
BUREAU = {"width": 1366, "height": 900}


@pytest.fixture
def gezin_world(transactional_db):
    world = build_world()
    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    casus = casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                       huishouden=persoon.lidmaatschappen.first().huishouden, hoofdpersoon=persoon)
    return world, casus, voeg_gezin_toe(world, casus)


def _past_op_het_scherm(page) -> None:
    """The page itself never scrolls sideways: a wide table scrolls inside its own box."""
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_a_household_of_three_is_scored_in_one_save(page, live_server, gezin_world):
    world, casus, gezin = gezin_world
    base = live_server.url
    page.set_viewport_size(BUREAU)
    log_in(page, base, "medewerker", naar=f"/casussen/{casus.pk}/vraagverheldering/")
    laden = 1
    check_page(page, "zrm-huishouden")
    t = Teller(page)
    for persoon, niveaus in zip(gezin, (("2", "3"), ("3", "4"), ("4", "5"))):
        for naam, niveau in zip(("Financiën", "Huisvesting"), niveaus):
            t.select(page.get_by_label(f"ZRM {naam} voor {persoon.naam}"), value=niveau)
    t.fill(page.get_by_label("Hoe ziet Sara Jansen het zelf"), "Ik wil weer aan het werk.")
    t.click(page.get_by_role("button", name="Scores opslaan"))
    page.get_by_text("6 scores zijn vastgelegd.").wait_for()
    laden += 1
    print(f"\nZRM huishouden van 3 × 2 leefgebieden: {laden} pagina's, {t.clicks} klikken, {t.fields} velden")
    assert ZrmScore.objects.filter(casus=casus).count() == 6
    assert (
        ZrmScore.objects.get(persoon=gezin[1], leefgebied__naam="Huisvesting").eigen_visie
        == "Ik wil weer aan het werk."
    )
    check_page(page, "zrm-huishouden-opgeslagen")
    # The grid now shows what was saved; on a phone it scrolls inside its own box.
    assert page.get_by_label("ZRM Huisvesting voor Tim Jansen").input_value() == "5"
    page.set_viewport_size(TELEFOON)
    check_page(page, "zrm-huishouden-telefoon")
    _past_op_het_scherm(page)
    # A changed cell on the phone: one new score.
    page.get_by_label("ZRM Financiën voor Tim Jansen").select_option(value="5")
    page.get_by_role("button", name="Scores opslaan").click()
    page.get_by_text("1 score is vastgelegd.").wait_for()
    assert ZrmScore.objects.filter(casus=casus).count() == 7

    # The plan names every member: goals for one of them and for the household.
    plan = services.plan_create(actor=world.medewerker, casus=casus)
    services.doel_save(actor=world.medewerker, plan=plan, doel=Doel(
        persoon=gezin[2], leefgebied=leefgebied(world, "Sociaal netwerk"), omschrijving="Tim gaat naar de voetbalclub"))
    services.doel_save(actor=world.medewerker, plan=plan, doel=Doel(
        leefgebied=leefgebied(world, "Financiën"), omschrijving="Samen de rekeningen op orde", prioriteit=2))
    page.set_viewport_size(BUREAU)
    page.goto(f"{base}/casussen/{casus.pk}/plan/")
    page.get_by_text("Voor: Tim Jansen").wait_for()
    check_page(page, "plan-huishouden")
    page.set_viewport_size(TELEFOON)
    check_page(page, "plan-huishouden-telefoon")
    _past_op_het_scherm(page)
    response = via_achtergrond_in_browser(page, base, f"/casussen/{casus.pk}/plan/1/pdf/")  # made by the worker
    assert response.ok
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "ondersteuningsplan-huishouden.pdf").write_bytes(response.body())  # look at it: pdftoppm -png -r 60
