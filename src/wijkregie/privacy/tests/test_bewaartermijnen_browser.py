"""In Chromium with axe: the retention page and the requests page, with a form error and a decision."""

import pytest
from playwright.sync_api import expect

from wijkregie.testing import build_world, make_persoon
from wijkregie.testing_browser import check_page, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_world(transactional_db):
    world = build_world()
    make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    return world


def test_the_privacy_officer_sets_a_term_and_decides_a_request(page, live_server, browser_world):
    base = live_server.url
    from wijkregie.inwoners.models import Persoon

    persoon_id = Persoon.objects.get(achternaam="Jansen").pk
    log_in(page, base, "privacy")
    page.goto(f"{base}/privacy/bewaartermijnen/")
    check_page(page, "bewaartermijnen")
    page.get_by_label("Wet").select_option("jeugdwet")
    page.get_by_label("Bewaartermijn in jaren na de laatste wijziging").fill("15")
    page.get_by_role("button", name="Termijn opslaan").click()
    expect(page.locator(".wr-error-summary")).to_contain_text("ten minste 20 jaar")
    check_page(page, "bewaartermijnen-fout")

    page.goto(f"{base}/privacy/verzoeken/")
    page.get_by_label("Correctie (AVG art. 16)").check()
    page.get_by_label("Nummer van de inwoner").fill(str(persoon_id))
    page.get_by_label("Verzoek ontvangen op").fill("2026-11-20")
    page.get_by_label("Hoe is de identiteit vastgesteld").fill("Paspoort aan de balie")
    page.get_by_label("Wat vraagt de inwoner").fill("Mijn achternaam is Janssen.")
    page.get_by_label("Te corrigeren gegeven").select_option("achternaam")
    page.get_by_label("Juiste waarde volgens de inwoner").fill("Janssen")
    page.get_by_role("button", name="Registreren").click()
    page.wait_for_url(f"{base}/privacy/verzoeken/")
    check_page(page, "verzoeken-open")
    page.get_by_label("Toegewezen").check()
    page.get_by_label("Motivering (gaat naar de inwoner)").fill("Aangetoond met het paspoort.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_url(f"{base}/privacy/verzoeken/")
    expect(page.locator("body")).to_contain_text("Het besluit is vastgelegd.")
    check_page(page, "verzoeken-besloten")
    assert Persoon.objects.get(pk=persoon_id).achternaam == "Janssen"
