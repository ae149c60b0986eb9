"""In Chromium: a medewerker of another team breaks the glass (lookup, a refused empty reason, opening);
axe finds nothing serious on any state of the form."""

import pytest
from playwright.sync_api import expect

from wijkregie.testing import build_world, make_persoon
from wijkregie.testing_browser import check_page, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_world(transactional_db):
    world = build_world()
    make_persoon(world, "Anna", "de Boer", bsn="999993653", team=world.team_noord, regisseur=world.medewerker)
    return world


def test_break_the_glass_in_the_browser(page, live_server, browser_world):
    base = live_server.url
    log_in(page, base, "zuid")
    page.goto(f"{base}/noodtoegang/")
    check_page(page, "noodtoegang-zoeken")
    page.get_by_role("button", name="Zoeken").click()  # nothing typed
    expect(page.locator(".wr-error-summary")).to_be_visible()
    check_page(page, "noodtoegang-zoeken-fout")
    page.get_by_label("BSN").fill("999993653")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("main")).to_contain_text("Team Noord")
    page.get_by_role("button", name="Openen met noodtoegang").click()  # without a reason
    expect(page.locator(".wr-error-summary")).to_contain_text("Geef de reden voor de noodtoegang")
    check_page(page, "noodtoegang-reden-fout")
    page.get_by_label("Reden voor de noodtoegang").fill("Crisis in de nacht, regisseur niet bereikbaar.")
    page.get_by_role("button", name="Openen met noodtoegang").click()
    expect(page.locator("main")).to_contain_text("Noodtoegang geopend tot")
    expect(page.locator("main")).to_contain_text("Anna de Boer")
    check_page(page, "noodtoegang-casus")
