"""In Chromium, at 1366 and at 390 px: the practice's assistant activates the portal account by the
beheerder's link (own password, authenticator app), refers a resident (a typing error first), follows the
status, gives a signal, reads the shared plan and proposes a goal (a missing life domain first). axe finds
nothing serious or critical on any page or state, the login and the second step included; with
WIJKREGIE_SCREENSHOTS=1 the screenshots are in test-screenshots/portaal-*."""

import base64
import json

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from wijkregie.api.models import Scope
from wijkregie.api.tests.helpers import Partnerclient, gedeeld_huishouden
from wijkregie.organisatie.models import Organisatie, OrganisatieSoort
from wijkregie.portaal.services import activatie_issue, gebruiker_create
from wijkregie.testing import build_world
from wijkregie.testing_browser import check_page

pytestmark = pytest.mark.browser
WACHTWOORD = "portaal-wachtwoord-123"


@pytest.fixture
def portaalwereld(transactional_db, client):
    from django.core.cache import cache

    cache.clear()
    world = build_world()
    praktijk = Organisatie.objects.create(gemeente=world.den_helder, naam="Huisartsenpraktijk Julianadorp",
                                          soort=OrganisatieSoort.HUISARTS)
    gedeeld_huishouden(world, praktijk)
    gebruiker = gebruiker_create(organisatie=praktijk, gebruikersnaam="assistent", naam="Fatima Assistent",
                                scopes=Scope.values)
    token = activatie_issue(gebruiker=gebruiker, door=world.beheerder)
    casus_id = json.loads(Partnerclient.met_sleutel(client, praktijk).get("/api/v1/casussen/").content)["resultaten"][
        0
    ]["id"]
    return world, casus_id, token


@pytest.mark.parametrize("breedte, hoogte", [(1366, 900), (390, 844)])
def test_the_portal_walked_with_axe_clean(page, live_server, portaalwereld, breedte, hoogte):
    world, casus_id, token = portaalwereld
    page.set_viewport_size({"width": breedte, "height": hoogte})
    base = live_server.url
    naam = f"portaal-{breedte}"

    page.goto(f"{base}/portaal/")
    page.wait_for_url(f"{base}/portaal/inloggen/?next=/portaal/")
    check_page(page, f"{naam}-inloggen")
    # The activation link from the beheerder: an own password and the authenticator, once.
    page.goto(f"{base}/portaal/activeren/?t={token}")
    page.wait_for_url(f"{base}/portaal/activeren/")
    check_page(page, f"{naam}-activeren")
    sleutel = page.locator(".wr-key").inner_text().strip()
    page.get_by_label("Kies een wachtwoord").fill(WACHTWOORD)
    page.get_by_label("Hetzelfde wachtwoord nog eens").fill(WACHTWOORD + "x")
    page.get_by_label("Code uit uw authenticator-app").fill(f"{TOTP(base64.b32decode(sleutel)).token():06d}")
    page.get_by_role("button", name="Activeren").click()
    expect(page.locator(".wr-error-summary")).to_contain_text("niet gelijk")
    check_page(page, f"{naam}-activeren-fout")
    page.get_by_label("Kies een wachtwoord").fill(WACHTWOORD)
    page.get_by_label("Hetzelfde wachtwoord nog eens").fill(WACHTWOORD)
    page.get_by_label("Code uit uw authenticator-app").fill(f"{TOTP(base64.b32decode(sleutel)).token():06d}")
    page.get_by_role("button", name="Activeren").click()
    page.wait_for_url(f"{base}/portaal/")
    check_page(page, f"{naam}-start")

    nav = page.get_by_role("navigation", name="Partnerportaal")
    nav.get_by_role("link", name="Verwijzen").click()
    page.get_by_label("Naam van de inwoner").fill("Jan de Vries")
    page.get_by_label("Geboortedatum").fill("1961-04-12")
    page.get_by_label("BSN").fill("123456789")  # fails the elfproef
    page.get_by_label("Postcode").fill("1784 AB")
    page.get_by_label("Vraag of zorg").fill("Meneer redt het thuis niet meer.")
    page.get_by_label("Verwijzer").select_option("02")
    page.get_by_label("Uw eigen kenmerk").fill("HIS-4711")
    page.get_by_role("button", name="Verwijzing versturen").click()
    expect(page.locator(".wr-error-summary")).to_contain_text("elfproef")
    check_page(page, f"{naam}-verwijzen-fout")
    page.get_by_label("BSN").fill("")
    page.get_by_role("button", name="Verwijzing versturen").click()
    page.wait_for_url(f"{base}/portaal/verwijzingen/")
    expect(page.locator("main")).to_contain_text("HIS-4711")
    expect(page.locator("main")).to_contain_text("ontvangen")
    check_page(page, f"{naam}-verwijzingen")
    page.locator("main table a").first.click()
    expect(page.locator("main")).to_contain_text("nog niet")
    check_page(page, f"{naam}-verwijzing")

    nav.get_by_role("link", name="Signaal doorgeven").click()
    page.get_by_label("Soort signaal").select_option("huisarts")
    page.get_by_label("Wat is er aan de hand?").fill("Mevrouw komt niet meer naar afspraken.")
    page.get_by_label("Adres of plek").fill("Kerkstraat 1")
    page.get_by_role("button", name="Signaal versturen").click()
    expect(page.locator(".wr-message")).to_contain_text("doorgegeven")
    check_page(page, f"{naam}-signaal")

    nav.get_by_role("link", name="Gedeelde plannen").click()
    check_page(page, f"{naam}-plannen")
    page.get_by_role("link", name="Anouk Visser").click()
    expect(page.locator("main")).to_contain_text("Weer naar de voetbal")
    assert "GEHEIMEREGEL" not in page.content()
    check_page(page, f"{naam}-plan")
    page.get_by_role("radio", name="Een nieuw doel").check()
    page.get_by_label("Uw voorstel").fill("Elke dag een half uur wandelen")
    page.get_by_role("button", name="Voorstel versturen").click()
    expect(page.locator(".wr-error-summary")).to_contain_text("leefgebied")
    check_page(page, f"{naam}-voorstel-fout")
    page.get_by_label("Leefgebied (bij een nieuw doel)").select_option("Lichamelijke gezondheid")
    page.get_by_role("button", name="Voorstel versturen").click()
    expect(page.locator("main")).to_contain_text("Wacht op de regisseur")
    check_page(page, f"{naam}-voorstel")

    page.get_by_role("button", name="Uitloggen uit het portaal").click()
    page.wait_for_url(f"{base}/portaal/inloggen/")
    # Logging in again: the password, then the app's code.
    page.get_by_label("Gebruikersnaam").fill("assistent")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Code uit uw authenticator-app").wait_for()
    assert page.locator(".wr-key").count() == 0  # nothing to enrol at login
    check_page(page, f"{naam}-tweestaps")
