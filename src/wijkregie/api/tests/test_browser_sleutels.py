"""In Chromium: the functioneel beheerder makes a partner's API key from the Beheer page and revokes it;
axe finds nothing serious on either state of the page."""

import pytest
from playwright.sync_api import expect

from wijkregie.organisatie.models import Organisatie, OrganisatieSoort
from wijkregie.testing import build_world
from wijkregie.testing_browser import check_page, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_world(transactional_db):
    world = build_world()
    Organisatie.objects.create(gemeente=world.den_helder, naam="Huisartsenpraktijk Julianadorp",
                               soort=OrganisatieSoort.HUISARTS)
    return world


def test_the_beheerder_makes_and_revokes_a_key(page, live_server, browser_world):
    base = live_server.url
    log_in(page, base, "beheer")
    page.get_by_role("link", name="Beheer", exact=True).click()
    page.get_by_role("link", name="API-sleutels van partners").click()
    page.get_by_label("Organisatie").select_option(label="Huisartsenpraktijk Julianadorp")
    page.get_by_label("Waarvoor").fill("Koppeling HIS")
    page.get_by_label("Verwijzen: een inwoner aanmelden en de status volgen").check()
    page.get_by_role("button", name="Sleutel maken").click()
    sleutel = page.locator("#nieuwe-sleutel").inner_text()
    assert sleutel.startswith("wr_") and "Koppeling HIS" in page.locator("table").inner_text()
    check_page(page, "api-sleutels-nieuw")
    page.get_by_role("button", name="Intrekken").click()
    expect(page.locator("table")).to_contain_text("ingetrokken")
    assert page.locator("#nieuwe-sleutel").count() == 0
    check_page(page, "api-sleutels")
