"""The exchange in Chromium: the backoffice uploads three provider messages (a start, a request, a broken file)
and reads the outcome per file, answers the request with a 319, opens the client's message log and downloads
what is due. Axe on every page; screenshots in test-screenshots/."""

import pytest
from playwright.sync_api import expect

from wijkregie.backoffice.models import Bericht, BerichtStatus
from wijkregie.testing import build_world
from wijkregie.testing_browser import check_page, log_in

from .bericht_hulp import BERICHTEN, jw_toewijzing

pytestmark = pytest.mark.browser


@pytest.fixture
def berichten_world(transactional_db):
    world = build_world()
    return world, jw_toewijzing(world)


def test_bericht_the_backoffice_exchanges_messages_in_the_browser(page, live_server, berichten_world):
    world, toewijzing = berichten_world
    base = live_server.url
    log_in(page, base, "backoffice")
    page.goto(f"{base}/backoffice/berichten/")
    check_page(page, "berichten-overzicht-leeg")
    page.get_by_role("button", name="Inlezen").click()
    page.get_by_text("Kies ten minste één bestand.").first.wait_for()
    check_page(page, "berichten-upload-fout")

    page.get_by_label("Berichtbestanden").set_input_files(
        [str(BERICHTEN / n) for n in ("jw305_start_geldig.xml", "jw315_verzoek_geldig.xml", "geen_xml.xml")])
    page.get_by_role("button", name="Inlezen").click()
    page.get_by_role("heading", name="Uitkomst van het inlezen").wait_for()
    expect(page.get_by_text("niet leesbaar: Geen geldige XML")).to_be_visible()
    check_page(page, "berichten-uitkomst")
    toewijzing.refresh_from_db()
    assert toewijzing.gestart_op is not None

    page.get_by_role("link", name="Verzoek om toewijzing beantwoorden").click()
    check_page(page, "berichten-verzoek")
    page.get_by_label("Verzoek afwijzen").check()
    page.get_by_role("button", name="Antwoordbericht klaarzetten").click()
    page.get_by_text("Kies een reden van afwijzing.").first.wait_for()
    page.get_by_label("Reden van afwijzing (WJ759)").select_option("4")
    page.get_by_role("button", name="Antwoordbericht klaarzetten").click()
    page.get_by_role("heading", name="Klaar om te versturen").wait_for()
    assert Bericht.objects.filter(soort="JW319", status=BerichtStatus.KLAAR).exists()

    page.get_by_role("link", name=toewijzing.beschikking.persoon.naam).first.click()
    page.get_by_role("heading", name=f"Berichten over {toewijzing.beschikking.persoon.naam}").wait_for()
    check_page(page, "berichten-persoon")

    page.goto(f"{base}/backoffice/berichten/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Alles downloaden als zip (telt als verstuurd)").click()
    assert download.value.suggested_filename.endswith(".zip")
    assert not Bericht.objects.filter(richting="uit", status=BerichtStatus.KLAAR).exists()
