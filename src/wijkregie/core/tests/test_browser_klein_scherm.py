"""The page shell at a laptop's 1366 px and a phone's 390 px (issue 13, fault 7): the bureaudienst's menu
in one row at 1366; on a phone the menu behind a "Menu" button instead of half the screen, and a table
wider than the phone shown row by row with its headings instead of clipped; axe on every state."""

import pytest

from wijkregie.testing import build_world, make_persoon
from wijkregie.testing_browser import check_page, log_in

pytestmark = pytest.mark.browser

RIJEN = "() => new Set([...document.querySelectorAll('.wr-nav li')].map(l => l.offsetTop)).size"
TE_BREED = """() => [...document.querySelectorAll('.wr-table-wrap > table')]
    .filter(t => t.scrollWidth > t.parentElement.clientWidth + 1).map(t => t.caption && t.caption.textContent)"""


@pytest.fixture
def scherm_world(transactional_db):
    world = build_world()
    for i in range(3):
        make_persoon(world, f"Lid{i}", "Breedbeeld", team=world.team_zuid)
    return world


def test_the_bureaudienst_menu_is_one_row_at_1366(page, live_server, scherm_world):
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, "bureaudienst")
    assert page.locator(".wr-nav li").count() >= 10
    assert page.evaluate(RIJEN) == 1
    assert not page.locator(".wr-nav__knop").is_visible()
    check_page(page, "klein-scherm-start-1366")


def test_on_a_phone_the_menu_folds_and_tables_fit(page, live_server, scherm_world):
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, base, "bureaudienst")
    knop = page.get_by_role("button", name="Menu")
    assert knop.is_visible() and not page.get_by_role("link", name="Sociale kaart", exact=True).first.is_visible()
    kop = page.evaluate("() => document.querySelector('.wr-nav').getBoundingClientRect().bottom")
    assert kop < 844 * 0.25, kop  # the page starts in the first quarter of the screen, not halfway
    check_page(page, "klein-scherm-start-390")
    knop.click()
    assert knop.get_attribute("aria-expanded") == "true"
    page.get_by_role("link", name="Sociale kaart", exact=True).first.wait_for()
    check_page(page, "klein-scherm-menu-open-390")
    for pad in ("/sociale-kaart/", "/casussen/", "/wijken/", "/teams/", "/mandaten/"):
        page.goto(f"{base}{pad}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, pad
        assert page.evaluate(TE_BREED) == [], pad
        check_page(page, "klein-scherm" + pad.replace("/", "-").rstrip("-") + "-390")
    page.goto(f"{base}/wijken/")  # seven columns: row by row, each value with its column heading
    assert page.locator("table.wr-tabel--stapelbaar").count() == 1
    cel = page.locator("table tbody tr").first.locator("td").first
    assert cel.get_attribute("data-label") == "Inwoners"
    assert page.evaluate("el => getComputedStyle(el, '::before').content", cel.element_handle()) == '"Inwoners: "'
    page.set_viewport_size({"width": 1366, "height": 900})  # back to a laptop: a table again
    page.locator("table.wr-tabel--stapelbaar").wait_for(state="detached", timeout=3000)
