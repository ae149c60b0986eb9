"""A medewerker follows a household from a signed plan through evaluation, afschalen, a check-in,
afsluiten and heropenen, in Chromium, axe on every page."""

import pytest
from playwright.sync_api import expect

from wijkregie.casus.models import Casus
from wijkregie.casus.services import casus_open
from wijkregie.regie.models import Afsluiting, CheckIn
from wijkregie.testing import build_world, make_getekend_plan, make_persoon
from wijkregie.testing_browser import check_page, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def regie_world(transactional_db):
    world = build_world()
    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    casus = casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                       huishouden=persoon.lidmaatschappen.first().huishouden, hoofdpersoon=persoon)
    make_getekend_plan(world, casus)
    return world, casus


def test_from_plan_to_afsluiten_and_heropenen(page, live_server, regie_world):
    world, casus = regie_world
    base = live_server.url
    log_in(page, base, "medewerker", naar=f"/casussen/{casus.pk}/regie/")
    check_page(page, "regie")
    # A contact in one line.
    page.locator("#id_contact-met_wie").fill("Pieter en zijn dochter")
    page.get_by_role("button", name="Vastleggen").first.click()
    page.get_by_text("Het contactmoment is vastgelegd.").wait_for()
    # The evaluation planned at signing.
    page.get_by_role("link", name="houden").first.click()
    check_page(page, "evaluatie")
    page.get_by_label("Deels behaald").check()
    page.get_by_label("ZRM Financiën voor Pieter Jansen").select_option(value="3")
    page.get_by_label("Verslag").fill("De post wordt samen geopend; twee rekeningen betaald.")
    page.get_by_role("button", name="Evaluatie vastleggen").click()
    page.get_by_text("De evaluatie is vastgelegd.").wait_for()
    # Afschalen to the network: vinger aan de pols (one of the actions that unfold when needed).
    page.get_by_text("Op- of afschalen").click()
    page.get_by_label("Afschalen").check()
    page.locator("#id_schaal-naar").select_option(value="netwerk")
    page.locator("#id_schaal-reden").fill("De dochter helpt; het gaat goed.")
    page.locator("form").filter(has=page.locator("#id_schaal-reden")).get_by_role("button", name="Vastleggen").click()
    page.get_by_text("De schaling is vastgelegd.").wait_for()
    expect(page.locator("body")).to_contain_text("Afgeschaald")
    check_page(page, "regie-afgeschaald")
    # One check-in done.
    page.get_by_label("Notitie").first.fill("Alles in orde")
    page.get_by_role("button", name="Gedaan").first.click()
    page.get_by_text("De check-in is vastgelegd.").wait_for()
    # Afsluiten, set apart, with a CBS reason, then heropenen.
    page.get_by_text("De hulp is klaar: casus afsluiten").click()
    page.get_by_label("01 Volgens plan beëindigd").check()
    page.get_by_role("button", name="Casus afsluiten").click()
    page.get_by_text("De casus is afgesloten.").wait_for()
    check_page(page, "regie-afgesloten")
    page.locator("#id_heropenen-reden").fill("Terugval na verlies van werk.")
    page.get_by_role("button", name="Casus heropenen").click()
    page.get_by_text("De casus is heropend.").wait_for()
    page.get_by_role("link", name="Tijdlijn", exact=True).click()
    check_page(page, "tijdlijn")
    casus = Casus.objects.get(pk=casus.pk)
    assert casus.status == "vraagverheldering"
    assert Afsluiting.objects.get(casus=casus).heropend_binnen_12_maanden
    assert CheckIn.objects.filter(casus=casus, gedaan_op__isnull=False).count() == 1
    page.goto(f"{base}/")
    check_page(page, "start-werkvoorraad")
