"""In Chromium: the functioneel beheerder goes from Beheer to 'Caseload inlezen', checks a sheet with a
fault (a report per row and column), then a good one, and imports it; axe finds nothing serious on any
state of the page."""

import pytest

from wijkregie.inwoners.models import Persoon
from wijkregie.testing import build_world
from wijkregie.testing_browser import check_page, log_in

from .blad import als_csv, als_xlsx, huishoudens

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_world(transactional_db):
    return build_world()


def test_the_beheerder_checks_and_imports_a_caseload(page, live_server, browser_world, tmp_path):
    base = live_server.url
    slecht, goed = tmp_path / "caseload-fout.csv", tmp_path / "caseload.xlsx"
    rijen = huishoudens(3)
    rijen[2]["BSN"] = "123456789"
    rijen[3]["Geboortedatum"] = "31-02-2012"
    slecht.write_bytes(als_csv(rijen, codering="cp1252"))
    goed.write_bytes(als_xlsx(huishoudens(3)))

    log_in(page, base, "beheer")
    page.get_by_role("link", name="Beheer", exact=True).click()
    page.get_by_role("link", name="Caseload inlezen (overstap)").click()
    check_page(page, "overstap-leeg")
    page.get_by_label("Spreadsheet met de caseload").set_input_files(str(slecht))
    page.get_by_role("button", name="Controleren").click()
    tabel = page.get_by_role("table", name="Fouten per rij en kolom").inner_text()
    assert "4\tBSN" in tabel and "5\tGeboortedatum" in tabel and "elfproef" in tabel
    assert tabel.count("Geboortedatum") == 1  # one fault, one message (not also "fill in the child's birth date")
    assert page.get_by_role("button", name="Importeren").count() == 0
    check_page(page, "overstap-rapport-fouten")

    page.get_by_label("Spreadsheet met de caseload").set_input_files(str(goed))
    page.get_by_role("button", name="Controleren").click()
    assert "Geen fouten in 6 rijen" in page.get_by_role("status").first.inner_text()
    check_page(page, "overstap-rapport-goed")
    page.get_by_role("button", name="Importeren").click()
    page.get_by_text("De caseload is ingelezen.").wait_for()
    check_page(page, "overstap-klaar")
    assert Persoon.objects.filter(achternaam__startswith="Overstap").count() == 6
