"""In Chromium: a fresh account is refused with its password, then activated through its link (axe on each)."""

import base64

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from wijkregie.core.accounts import activatie_issue
from wijkregie.testing import TEST_WACHTWOORD, build_world
from wijkregie.testing_browser import check_page

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_world(transactional_db):
    return build_world()


def test_a_fresh_account_is_activated_in_the_browser(page, live_server, browser_world):
    base = live_server.url
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("collega")
    page.get_by_label("Wachtwoord").fill(TEST_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator(".wr-error-summary")).to_contain_text("nog niet geactiveerd")
    check_page(page, "inloggen-niet-geactiveerd")

    token = activatie_issue(actor=browser_world.beheerder, medewerker=browser_world.collega)
    page.goto(f"{base}/account/activeren/{token}/")
    page.wait_for_url(f"{base}/account/activeren/")
    check_page(page, "account-activeren")
    sleutel = page.locator(".wr-key").inner_text().strip()
    page.get_by_label("Kies een wachtwoord").fill("mijn-eigen-wachtwoord-2026")
    page.get_by_label("Herhaal het wachtwoord").fill("mijn-eigen-wachtwoord-2026")
    page.get_by_label("Code uit uw authenticator-app").fill(f"{TOTP(base64.b32decode(sleutel)).token():06d}")
    page.get_by_role("button", name="Account activeren").click()
    page.wait_for_url(f"{base}/")
    expect(page.locator("body")).to_contain_text("geactiveerd")
    check_page(page, "account-geactiveerd-start")

    page.goto(f"{base}/account/activeren/{token}/")
    expect(page.locator("body")).to_contain_text("al gebruikt, verlopen of onbekend")
    check_page(page, "account-activeren-ongeldig")
