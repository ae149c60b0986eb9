"""The route from every door to an allocated casus, in Debian's Chromium, with axe on each page.

Per channel the test counts what a person does: clicks and fields filled (reported in the issue note).
"""


import pytest

from wijkregie.casus.models import Casus
from wijkregie.testing import build_world, make_persoon
from wijkregie.testing_browser import Teller, check_page, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def route_world(transactional_db):
    world = build_world()
    make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12", postcode="1784 AB", wijk=world.noord)
    return world


def _toedelen(page, base, aanmelding_url):
    """The bureaudienst does the triage and allocates in one form; returns the casus page URL."""
    page.goto(aanmelding_url)
    # Wait for the page a click opens: axe on the page being left dies with it (CI, once, under load).
    with page.expect_navigation():
        page.get_by_role("link", name="Triage doen").click()
    check_page(page, "triage-en-toedeling")
    page.get_by_label("Nee, geen zorgen over veiligheid").check()
    page.get_by_label("Financiën").check()
    page.get_by_label("Meervoudige vraag, plan zonder indicatie").check()
    page.get_by_label("Kortdurende ondersteuning door het team").check()
    page.get_by_role("button", name="Triage vastleggen en toedelen").click()
    page.get_by_text("De aanmelding is toegedeeld").wait_for()
    check_page(page, "aanmelding-toegedeeld")
    with page.expect_navigation():
        page.get_by_role("link", name="Casus").first.click()
    check_page(page, "casus")
    return page.url


def test_web_form_to_allocated_casus(page, live_server, route_world, monkeypatch):
    # The form refuses what is filled faster than a person can (its own test: test_webformulier*); a robot
    # fills fast, so the bound is lifted here instead of sleeping through it.
    monkeypatch.setattr("wijkregie.toegang.publiek.MINIMUM_SECONDEN", 0)
    base = live_server.url
    page.goto(f"{base}/hulp/den-helder/")
    check_page(page, "webformulier")
    page.get_by_label("Uw naam").fill("Truus de Boer")
    page.get_by_label("Telefoonnummer of e-mailadres").fill("06 12345678")
    page.get_by_label("Postcode").fill("1784 AB")
    page.get_by_label("Waar wilt u hulp bij?").fill("Ik kan mijn rekeningen niet meer betalen.")
    page.get_by_role("button", name="Versturen").click()
    page.get_by_role("heading", name="Uw vraag is verstuurd").wait_for()
    assert "Truus" not in page.content()
    check_page(page, "webformulier-verstuurd")
    log_in(page, base, "bureaudienst")
    page.get_by_role("link", name="Bureaudienst").first.click()
    check_page(page, "bureaudienst-wachtrij")
    page.get_by_role("link", name="Aanmelding").first.click()
    _toedelen(page, base, page.url)
    casus = Casus.objects.get()
    assert casus.team == route_world.team_noord  # the postcode's wijk decided the team
    page.goto(f"{base}/wachtlijst/")
    check_page(page, "wachtlijst")


def test_kcc_call_with_a_new_resident_to_allocated_casus(page, live_server, route_world):
    base = live_server.url
    log_in(page, base, "kcc")
    t = Teller(page)
    t.click(page.get_by_role("link", name="Aanmelden"))
    check_page(page, "aanmelding-nieuw")
    t.click(page.get_by_text("Nieuwe inwoner registreren"))
    t.fill(page.get_by_label("Voornaam", exact=True), "Noor")
    t.fill(page.get_by_label("Achternaam", exact=True), "de Vries")
    t.fill(page.locator("#id_nieuw-postcode"), "1787 CD")
    t.fill(page.get_by_label("De vraag, in de woorden van de inwoner"), "Mijn moeder redt het thuis niet meer.")
    t.click(page.get_by_role("button", name="Aanmelding registreren"))
    page.get_by_text("De aanmelding is geregistreerd.").wait_for()
    print(f"\nKCC-telefoon met nieuwe inwoner: {t.clicks} klikken, {t.fields} velden")
    assert (t.clicks, t.fields) == (3, 4)
    check_page(page, "aanmelding-geregistreerd")
    url = page.url
    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, base, "bureaudienst")
    _toedelen(page, base, url)
    assert Casus.objects.get().team == route_world.team_zuid


def test_partner_referral_for_a_known_resident_to_allocated_casus(page, live_server, route_world):
    base = live_server.url
    log_in(page, base, "bureaudienst")
    t = Teller(page)
    t.click(page.get_by_role("link", name="Aanmelden"))
    t.check(page.get_by_label("Partner (verwijzer)"))
    t.select(page.get_by_role("combobox", name="Verwijzer"), value="02")
    t.fill(page.get_by_label("Naam verwijzer of organisatie"), "Huisartsenpraktijk Nieuw Den Helder")
    t.fill(page.get_by_label("Zoek een bekende inwoner"), "pieter jansem")
    page.get_by_text("1 inwoner gevonden").wait_for()
    t.check(page.get_by_label("Pieter Jansen, 12-03-1980"))
    t.fill(
        page.get_by_label("De vraag, in de woorden van de inwoner"),
        "Schulden en slaapproblemen, verwezen door de huisarts.",
    )
    t.click(page.get_by_role("button", name="Aanmelding registreren"))
    page.get_by_text("De aanmelding is geregistreerd.").wait_for()
    print(f"\nPartnerverwijzing voor bekende inwoner: {t.clicks} klikken, {t.fields} velden")
    assert (t.clicks, t.fields) == (4, 4)
    _toedelen(page, base, page.url)
    casus = Casus.objects.get()
    assert casus.hoofdpersoon.achternaam == "Jansen" and casus.team == route_world.team_noord
    assert casus.status == "uitvoering"
