"""In Chromium: the privacy officer verifies the chain on the page, judges a break-the-glass in the review
queue (an explanation missing first) and registers a request for inzage; axe finds nothing serious."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from wijkregie.casus.models import Casus
from wijkregie.privacy.models import Beoordeling, Inzageverzoek, Noodtoegang
from wijkregie.testing import build_world, make_persoon
from wijkregie.testing_browser import check_page, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_world(transactional_db, settings, tmp_path):
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "controlepunt"
    world = build_world()
    anna = make_persoon(world, "Anna", "de Boer", bsn="999993653", team=world.team_noord, regisseur=world.medewerker)
    Noodtoegang.objects.create(gemeente=world.den_helder, medewerker=world.andere_teamlid, persoon=anna,
                               casus=Casus.objects.get(hoofdpersoon=anna), reden="Crisis in de nacht.",
                               tot=timezone.now() + datetime.timedelta(hours=24))
    return world


def test_the_privacy_officers_desk_in_the_browser(page, live_server, browser_world):
    base = live_server.url
    log_in(page, base, "privacy")
    page.goto(f"{base}/audit/")
    page.get_by_role("button", name="Auditlog nu controleren").click()
    expect(page.locator("body")).to_contain_text("Het auditlog is gecontroleerd en intact.")
    check_page(page, "bureau-audit-gecontroleerd")

    page.get_by_role("link", name="Te beoordelen").click()
    expect(page.locator("body")).to_contain_text("Crisis in de nacht.")
    check_page(page, "bureau-beoordelen")
    page.get_by_label("Niet in orde").check()
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    expect(page.locator(".wr-error-summary")).to_contain_text("Leg uit wat niet in orde is")
    check_page(page, "bureau-beoordelen-fout")
    page.get_by_label("Toelichting").fill("Geen crisis: besproken met de teamleider.")
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    expect(page.locator("body")).to_contain_text("Beoordeling vastgelegd.")
    expect(page.locator("body")).to_contain_text("Er is niets te beoordelen.")
    assert Beoordeling.objects.get().oordeel == "niet_in_orde"
    check_page(page, "bureau-beoordeeld")

    page.get_by_role("link", name="Inzageverzoeken").click()
    page.get_by_label("BSN").fill("999993653")
    page.get_by_label("Hoe is de identiteit vastgesteld?").fill("Paspoort gezien")
    page.get_by_role("button", name="Registreren").click()
    expect(page.locator("body")).to_contain_text("Inzageverzoek van Anna de Boer")
    assert Inzageverzoek.objects.count() == 1
    check_page(page, "bureau-inzageverzoek")
