"""In Chromium, at 1366 and 390 px: the regisseur sees on the casus page that a partner's proposals wait,
declines one (first without a reason: the error at the field) and takes the other over; axe finds nothing
serious or critical on any state (with WIJKREGIE_SCREENSHOTS=1 the screenshots are test-screenshots/voorstellen-*)."""

import json

import pytest
from playwright.sync_api import expect

from wijkregie.api.models import Voorstel
from wijkregie.organisatie.models import Organisatie, OrganisatieSoort
from wijkregie.plan.models import Doel
from wijkregie.testing import build_world
from wijkregie.testing_browser import check_page, log_in

from .helpers import Partnerclient, gedeeld_huishouden

pytestmark = pytest.mark.browser


@pytest.fixture
def voorstelwereld(transactional_db, client):
    world = build_world()
    praktijk = Organisatie.objects.create(gemeente=world.den_helder, naam="Huisartsenpraktijk Julianadorp",
                                          soort=OrganisatieSoort.HUISARTS)
    casus, _moeder, _kind = gedeeld_huishouden(world, praktijk)
    api = Partnerclient.met_sleutel(client, praktijk)
    casus_id = json.loads(api.get("/api/v1/casussen/").content)["resultaten"][0]["id"]
    for velden in ({"soort": "doel", "leefgebied": "Financiën", "omschrijving": "Schulden laten saneren"},
                   {"soort": "doel", "leefgebied": "Lichamelijke gezondheid", "omschrijving": "Elke dag wandelen"}):
        assert api.post(f"/api/v1/casussen/{casus_id}/voorstellen/", velden).status_code == 201
    return world, casus


@pytest.mark.parametrize("breedte, hoogte", [(1366, 900), (390, 844)])
def test_the_regisseur_decides_on_proposals(page, live_server, voorstelwereld, breedte, hoogte):
    world, casus = voorstelwereld
    page.set_viewport_size({"width": breedte, "height": hoogte})
    base = live_server.url
    log_in(page, base, "medewerker", naar=f"/casussen/{casus.pk}/")
    expect(page.locator("main")).to_contain_text("2 voorstellen wachten op uw besluit")
    page.get_by_role("link", name="Voorstellen bekijken").click()
    check_page(page, f"voorstellen-{breedte}")

    page.get_by_role("button", name="Afwijzen (Een nieuw doel, Huisartsenpraktijk Julianadorp)").first.click()
    expect(page.locator(".wr-error-summary")).to_contain_text("Schrijf waarom")
    check_page(page, f"voorstellen-{breedte}-fout")
    page.get_by_label("Waarom wijst u het voorstel af?").first.fill("Loopt al via de schuldhulp.")
    page.get_by_role("button", name="Afwijzen (Een nieuw doel, Huisartsenpraktijk Julianadorp)").first.click()
    expect(page.locator(".wr-message")).to_contain_text("is afgewezen")
    page.get_by_role("button", name="Overnemen (Een nieuw doel, Huisartsenpraktijk Julianadorp)").click()
    expect(page.locator(".wr-message")).to_contain_text("is overgenomen")
    expect(page.locator("main")).to_contain_text("Er wachten geen voorstellen.")
    check_page(page, f"voorstellen-{breedte}-besloten")
    assert sorted(Voorstel.objects.values_list("status", flat=True)) == ["afgewezen", "overgenomen"]
    assert Doel.objects.filter(omschrijving="Elke dag wandelen").exists()
    assert not Doel.objects.filter(omschrijving="Schulden laten saneren").exists()
