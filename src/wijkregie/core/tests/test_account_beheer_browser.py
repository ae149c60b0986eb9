"""In Chromium with axe: the beheerder creates an account and resets someone's two-step login."""

import re

import pytest
from playwright.sync_api import expect

from wijkregie.testing import build_world
from wijkregie.testing_browser import check_page, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_world(transactional_db):
    return build_world()


def test_the_beheerder_gets_a_link_once_for_a_new_account_and_for_a_reset(page, live_server, browser_world):
    base = live_server.url
    log_in(page, base, "beheer")
    page.goto(f"{base}/beheer/medewerkers/nieuw/")
    page.get_by_label("Gebruikersnaam").fill("nina")
    page.get_by_label("Voornaam").fill("Nina")
    page.get_by_label("Achternaam").fill("Nieuw")
    page.get_by_label("Medewerker", exact=True).check()
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Activeringslink").wait_for()
    assert re.search(r"/account/activeren/[A-Za-z0-9_-]{20,}/", page.locator("main").inner_text())
    check_page(page, "account-activeringslink")

    page.goto(f"{base}/beheer/medewerkers/{browser_world.collega.pk}/")
    page.get_by_role("link", name="Tweestapsinlog opnieuw instellen").click()
    check_page(page, "account-tweestaps-opnieuw")
    page.get_by_role("button", name="Opnieuw instellen en link maken").click()
    expect(page.locator("main")).to_contain_text("werkt niet meer")
