"""In Chromium: the privacy officer searches the audit trail; axe finds nothing serious."""

import pytest
from django.db import transaction
from playwright.sync_api import expect

from wijkregie.core.audit import AuditActie, audit_log, audit_verify
from wijkregie.testing import build_world, make_persoon
from wijkregie.testing_browser import check_page, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_world(transactional_db):
    world = build_world()
    anna = make_persoon(world, "Anna", "de Boer", bsn="999993653")
    with transaction.atomic():
        audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="inwoners.persoon", client_id=anna.pk)
        audit_log(actor=world.medewerker, actie=AuditActie.EXECUTE, object_type="beveiliging.zoeklimiet",
                  omschrijving="te veel zoekopdrachten")
    audit_verify()
    return world


def test_the_privacy_officer_searches_the_trail(page, live_server, browser_world):
    base = live_server.url
    log_in(page, base, "privacy")
    page.get_by_role("link", name="Auditlog", exact=True).click()
    expect(page.locator("body")).to_contain_text("het auditlog is intact")
    page.get_by_role("textbox", name="Inwoner").fill("999993653")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("table")).to_contain_text("Anna de Boer")
    check_page(page, "privacy-audit")
    page.get_by_role("textbox", name="Van").fill("31-02-2026")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator(".wr-error-summary")).to_be_visible()
    check_page(page, "privacy-audit-fout")
