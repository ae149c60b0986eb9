"""In Chromium: the privacy officer asks for an inzage as PDF, sees 'Wordt gemaakt…' while the worker has
not run, the page turns into a download button by itself (htmx, every 2 s) once it has, and the download is
the PDF; at a laptop's 1366 px and a phone's 390 px, with axe on every state."""

import pytest
from playwright.sync_api import expect

from wijkregie.core.models import Achtergrondbestand
from wijkregie.core.tests.achtergrond_hulp import taken_uitvoeren
from wijkregie.privacy.models import Inzageverzoek
from wijkregie.testing import build_world, make_persoon
from wijkregie.testing_browser import check_page, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def verzoek(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    anna = make_persoon(world, "Anna", "de Boer", bsn="999993653", team=world.team_noord, regisseur=world.medewerker)
    return Inzageverzoek.objects.create(gemeente=world.den_helder, persoon=anna, identiteit="Paspoort",
                                        geregistreerd_door=world.privacyfunctionaris)


@pytest.mark.parametrize("breedte", [1366, 390])
def test_the_inzage_is_made_in_the_background_and_downloaded(page, live_server, verzoek, breedte):
    base = live_server.url
    page.set_viewport_size({"width": breedte, "height": 900})
    log_in(page, base, "privacy")
    page.goto(f"{base}/audit/inzage/{verzoek.pk}/")
    page.get_by_role("link", name="Inzage als pdf").click()
    bestand = Achtergrondbestand.objects.get()
    page.wait_for_url(f"{base}/bestanden/{bestand.pk}/")
    expect(page.get_by_text("Wordt gemaakt…")).to_be_visible()
    expect(page.get_by_role("link", name="Pagina verversen")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte
    check_page(page, f"achtergrond-wordt-gemaakt-{breedte}")

    taken_uitvoeren()  # the worker, in-process, through the database backend
    knop = page.get_by_role("button", name="Downloaden")
    knop.wait_for(timeout=6000)  # the page asks again every 2 s
    expect(page.get_by_text("Het bestand is klaar.")).to_be_visible()
    check_page(page, f"achtergrond-klaar-{breedte}")
    with page.expect_download() as download:
        knop.click()
    pad = download.value.path()
    assert download.value.suggested_filename == f"inzage-{verzoek.pk}.pdf"
    with open(pad, "rb") as fh:
        assert fh.read(5) == b"%PDF-"
