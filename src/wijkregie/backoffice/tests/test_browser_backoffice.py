"""The backoffice decides one request in Chromium: start page → queue → a refused input kept → the decision
→ the beschikking with its letter; then the regisseur finds the expiring indication on the start page and the
beschikking on the casus page. Axe on every page."""

import datetime

import pytest

from wijkregie.backoffice.models import Beschikking, Toewijzing
from wijkregie.casus.services import casus_open
from wijkregie.core.tests.achtergrond_hulp import taken_uitvoeren
from wijkregie.testing import build_world, make_getekend_plan, make_persoon
from wijkregie.testing_browser import check_page, log_in

from .helpers import verzoek_van

pytestmark = pytest.mark.browser


@pytest.fixture
def verzoek_world(transactional_db):
    world = build_world()
    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    casus = casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                       huishouden=persoon.lidmaatschappen.first().huishouden, hoofdpersoon=persoon)
    return world, verzoek_van(make_getekend_plan(world, casus))


def test_the_backoffice_decides_a_request(page, live_server, verzoek_world):
    world, verzoek = verzoek_world
    base = live_server.url
    log_in(page, base, "backoffice")
    page.get_by_text("verzoek om een beschikking wacht").wait_for()
    check_page(page, "backoffice-start")
    page.get_by_role("link", name="Naar de verzoeken").click()
    check_page(page, "backoffice-wachtrij")
    page.get_by_role("link", name=f"Verzoek {verzoek.pk}").click()
    check_page(page, "backoffice-besluit")

    page.get_by_label("Besluit", exact=True).select_option("toekenning")
    page.get_by_label("Motivering").fill("U heeft begeleiding nodig om uw administratie weer zelf te doen.")
    page.get_by_label("AGB-code aanbieder").fill("1234567")  # one digit short
    page.get_by_label("Naam aanbieder").fill("Omring")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Een AGB-code bestaat uit precies 8 cijfers.").first.wait_for()
    assert page.get_by_label("Motivering").input_value().startswith("U heeft begeleiding nodig")
    assert not Beschikking.objects.exists()
    check_page(page, "backoffice-besluit-fout")

    page.get_by_label("AGB-code aanbieder").fill("12345678")
    page.get_by_label("Einddatum").fill((datetime.date.today() + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Het besluit is vastgelegd.").wait_for()
    check_page(page, "backoffice-beschikking")
    toewijzing = Toewijzing.objects.get()
    assert toewijzing.aanbieder_agb == "12345678" and toewijzing.volume == 2  # the plan's 2 hours per week
    # The letter is made by the background worker (core/achtergrond.py): a status page, then the download.
    page.get_by_role("link", name="Brief als pdf").click()
    page.get_by_text("Wordt gemaakt…").wait_for()
    taken_uitvoeren()  # the worker, in-process, through the database backend
    page.get_by_role("button", name="Downloaden").wait_for(timeout=6000)  # the page asks again every 2 s
    # The letter opens in the browser (inline); fetched here with the same session to look at its bytes.
    pdf = page.request.get(base + page.locator("form:has(#bestand-downloaden)").get_attribute("action"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")

    # The regisseur: the indication ends within eight weeks, so it is on the start page; the casus shows it.
    page.context.clear_cookies()
    log_in(page, base, "medewerker")
    page.get_by_role("heading", name="Indicaties die binnen 8 weken aflopen").wait_for()
    check_page(page, "regisseur-start-aflopend")
    page.get_by_role("link", name="Pieter Jansen").first.click()
    page.get_by_role("heading", name="Beschikkingen").wait_for()
    assert page.get_by_role("link", name="brief (pdf)").count() == 1
    check_page(page, "regisseur-casus-beschikking")
