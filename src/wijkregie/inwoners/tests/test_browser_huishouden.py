"""In Chromium: a medewerker composes a household of four from the person page (two parents, children
of 10 and 14), choosing a neighbour at the same address and registering the others on the spot; axe
finds nothing serious. Counts the clicks it costs."""

import datetime

import pytest

from wijkregie.inwoners.models import Lidmaatschap, Persoon
from wijkregie.testing import build_world, make_persoon
from wijkregie.testing_browser import check_page, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def gezin(transactional_db):
    world = build_world()
    moeder = make_persoon(world, "Sara", "de Wit", team=world.team_noord, regisseur=world.medewerker,
                          geboortedatum=datetime.date(1985, 4, 2), postcode="1784AB", huisnummer="12")
    make_persoon(world, "Ron", "de Wit", geboortedatum=datetime.date(1983, 9, 9), postcode="1784AB", huisnummer="12",
                 aangemaakt_door=world.medewerker)
    return moeder


def test_a_household_of_four_is_composed_on_one_page(page, live_server, gezin):
    base = live_server.url
    log_in(page, base, "medewerker", naar=f"/personen/{gezin.pk}/")
    page.get_by_role("link", name="Huishouden samenstellen").click()
    # The partner at the same address is suggested: one choice, his relation and gezag.
    page.get_by_label("Ron de Wit, 09-09-1983, 12, 1784 AB").check()
    page.get_by_label("Relatie in het huishouden").select_option("partner")
    page.get_by_label("Heeft gezag over de minderjarigen").check()
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("Ron de Wit hoort nu bij het huishouden.").wait_for()
    check_page(page, "huishouden")
    vandaag = datetime.date.today()
    for voornaam, leeftijd in (("Noor", 10), ("Tim", 14)):
        page.get_by_text("Of: nieuwe inwoner registreren").click()
        page.locator("#id_nieuw-voornamen").fill(voornaam)
        page.locator("#id_nieuw-achternaam").fill("de Wit")
        page.locator("#id_nieuw-geboortedatum").fill(f"{vandaag.year - leeftijd}-01-01")
        page.get_by_label("Relatie in het huishouden").select_option("kind")
        page.get_by_role("button", name="Toevoegen").click()
        page.get_by_text(f"{voornaam} de Wit hoort nu bij het huishouden.").wait_for()
    huishouden = gezin.lidmaatschappen.get().huishouden
    leden = {lid.persoon.voornamen: lid.relatie for lid in Lidmaatschap.objects.filter(huishouden=huishouden)}
    assert leden == {"Sara": "hoofd", "Ron": "partner", "Noor": "kind", "Tim": "kind"}
    assert sorted(p.leeftijd() for p in Persoon.objects.filter(voornamen__in=["Noor", "Tim"])) == [10, 14]
    assert Persoon.objects.filter(achternaam="de Wit").count() == 4
    # A parent younger than the children is refused at the field, what was typed stays.
    page.get_by_text("Of: nieuwe inwoner registreren").click()
    page.locator("#id_nieuw-voornamen").fill("Piet")
    page.locator("#id_nieuw-achternaam").fill("Jong")
    page.locator("#id_nieuw-geboortedatum").fill(f"{vandaag.year - 5}-01-01")
    page.get_by_label("Relatie in het huishouden").select_option("ouder")
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("Een ouder kan niet jonger zijn dan een kind").wait_for()
    assert page.locator("#id_nieuw-voornamen").input_value() == "Piet"
    check_page(page, "huishouden-fout")
