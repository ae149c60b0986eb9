"""The aanmelding page on a phone (390 px), with the rows for a new resident's household open: nothing
reaches past the screen's edge (the hidden legend of each household row did, and the page scrolled
sideways); axe on the page."""

import pytest

from wijkregie.testing import build_world
from wijkregie.testing_browser import check_page, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def wereld(transactional_db):
    return build_world()


def test_the_household_rows_fit_a_phone(page, live_server, wereld):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server.url, "kcc", naar="/aanmeldingen/nieuw/")
    page.get_by_text("Nieuwe inwoner registreren").click()
    page.get_by_label("Voornaam", exact=True).wait_for()
    assert page.locator("fieldset.wr-rij legend").count() >= 1  # the household rows are on the page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_page(page, "aanmelding-huishouden-390")
