"""In Debian's Chromium: log in with both steps, visit every page of the foundation, run axe on each.

With WIJKREGIE_SCREENSHOTS=1 screenshots land in test-screenshots/ (look at them: what looks wrong to a person is
wrong); a failing page always does.
"""

import pytest
from playwright.sync_api import expect

from wijkregie.testing import TEST_WACHTWOORD, build_world, totp_device
from wijkregie.testing_browser import check_page as _check
from wijkregie.testing_browser import log_in as _log_in

pytestmark = pytest.mark.browser
@pytest.fixture
def browser_world(transactional_db):
    return build_world()


def test_it_passes_axe_on_the_login_and_two_factor_pages(page, live_server, browser_world):
    page.goto(f"{live_server.url}/inloggen/")
    _check(page, "inloggen")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator(".wr-error-summary")).to_be_visible()
    _check(page, "inloggen-fout")
    totp_device(browser_world.medewerker)  # activated (test_account_activatie_browser.py shows how)
    page.get_by_label("Gebruikersnaam").fill("medewerker")
    page.get_by_label("Wachtwoord").fill(TEST_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/inloggen/tweestaps/")
    _check(page, "tweestaps")


def test_a_medewerker_visits_every_page_and_axe_finds_nothing_serious(page, live_server, browser_world):
    base = live_server.url
    w = browser_world
    _log_in(page, base, "medewerker", via_form=True)
    _check(page, "start-medewerker")
    # A click starts a navigation and returns: axe must wait for the page it is meant to check (it ran on the
    # page being left and failed with "Execution context was destroyed").
    page.get_by_role("link", name="Wijken").first.click()
    page.wait_for_url(f"{base}/wijken/")
    expect(page.locator("body")).to_contain_text("Nieuw Den Helder")
    _check(page, "wijken")
    page.get_by_role("link", name="Nieuw Den Helder").first.click()
    page.wait_for_url(f"{base}/wijken/{w.noord.slug}/")
    _check(page, "wijk")
    page.goto(f"{base}/teams/")
    _check(page, "teams")
    page.goto(f"{base}/teams/{w.team_noord.slug}/")
    expect(page.locator("body")).to_contain_text("Pieter Jansen")
    _check(page, "team")
    page.goto(f"{base}/sociale-kaart/")
    page.get_by_role("searchbox", name="Zoek").fill("huishouden")
    page.locator("#resultaten").get_by_text("1 voorziening gevonden").wait_for()
    assert "Algemeen maatschappelijk werk" not in page.locator("#resultaten").inner_text()
    assert "q=huishouden" in page.url  # the search is linkable
    _check(page, "sociale-kaart")
    page.get_by_role("link", name="Hulp bij het huishouden").click()
    page.wait_for_url(f"{base}/sociale-kaart/*/")
    _check(page, "voorziening")
    page.goto(f"{base}/mandaten/")
    _check(page, "mandaten")


def test_the_functional_admin_and_privacy_officer_pages_pass_axe(page, live_server, browser_world):
    base = live_server.url
    _log_in(page, base, "beheer")
    _check(page, "start-beheer")
    page.goto(f"{base}/beheer/")
    _check(page, "beheer")
    page.goto(f"{base}/beheer/medewerkers/")
    _check(page, "beheer-medewerkers")
    page.goto(f"{base}/beheer/mandaten/nieuw/")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".wr-error-summary")).to_be_visible()
    _check(page, "beheer-mandaat-fout")
    page.goto(f"{base}/beheer/voorzieningen/{browser_world.voorziening_vrij.pk}/")
    _check(page, "beheer-voorziening")
    page.get_by_role("button", name="Uitloggen").click()
    _log_in(page, base, "privacy", naar="/audit/")
    expect(page.locator("body")).to_contain_text("ingelogd")
    _check(page, "audit")


def test_the_policy_officer_start_page_passes_axe(page, live_server, browser_world):
    _log_in(page, live_server.url, "beleid")
    expect(page.locator("body")).to_contain_text("Gemeente in cijfers")
    _check(page, "start-beleid")


def test_the_pages_work_from_the_keyboard(page, live_server, browser_world):
    _log_in(page, live_server.url, "medewerker")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Direct naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    # The main menu is reachable and its links say which page is current.
    page.goto(f"{live_server.url}/wijken/")
    assert page.locator("nav a[aria-current=page]").inner_text() == "Wijken"
