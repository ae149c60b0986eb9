"""In Chromium: the functioneel beheerder reaches the portal accounts from the API keys page, makes an
account (a name that is no user name first; the activation link shown once) and ends it; axe finds nothing
serious or critical."""

import pytest
from playwright.sync_api import expect

from wijkregie.organisatie.models import Organisatie, OrganisatieSoort
from wijkregie.testing import build_world
from wijkregie.testing_browser import check_page, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_world(transactional_db):
    world = build_world()
    Organisatie.objects.create(gemeente=world.den_helder, naam="Huisartsenpraktijk Julianadorp",
                               soort=OrganisatieSoort.HUISARTS)
    return world


def test_the_beheerder_makes_and_ends_a_portal_account(page, live_server, browser_world):
    base = live_server.url
    log_in(page, base, "beheer", naar="/beheer-api-sleutels/")
    page.get_by_role("link", name="Accounts van het partnerportaal").click()
    page.get_by_label("Organisatie").select_option(label="Huisartsenpraktijk Julianadorp")
    page.get_by_label("Naam", exact=True).fill("Fatima Assistent")
    page.get_by_label("Gebruikersnaam").fill("f assistent")
    page.get_by_label("Verwijzen: een inwoner aanmelden en de status volgen").check()
    page.get_by_role("button", name="Account maken").click()
    expect(page.locator(".wr-error-summary")).to_contain_text("zonder spaties")
    check_page(page, "portaal-accounts-fout")
    page.get_by_label("Gebruikersnaam").fill("f.assistent")
    page.get_by_label("Verwijzen: een inwoner aanmelden en de status volgen").check()
    page.get_by_role("button", name="Account maken").click()
    expect(page.locator("#activeringslink")).to_contain_text("/portaal/activeren/?t=")
    check_page(page, "portaal-accounts-nieuw")
    page.get_by_role("button", name="Uitzetten f.assistent").click()
    expect(page.locator("table")).to_contain_text("uitgezet")
    check_page(page, "portaal-accounts")
