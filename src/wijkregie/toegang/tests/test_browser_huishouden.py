"""In Debian's Chromium, with axe: one aanmelding registers a household of four (two parents with gezag,
children of 10 and 14); after allocation, a second aanmelding for the 14-year-old lands in the same
casus and shows in the regisseur's werkvoorraad. Interactions are counted (issue 12 note)."""

import datetime

import pytest
from django.utils import timezone

from wijkregie.casus.models import Casus
from wijkregie.inwoners.models import Lidmaatschap, Persoon
from wijkregie.testing import build_world
from wijkregie.testing_browser import Teller, check_page, log_in
from wijkregie.toegang.models import Aanmelding

pytestmark = pytest.mark.browser


def _geboren(jaren: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=365 * jaren + 30)).strftime("%Y-%m-%d")


@pytest.fixture
def wereld(transactional_db):
    return build_world()


def test_one_aanmelding_registers_a_household_and_a_second_question_joins_its_casus(page, live_server, wereld):
    base = live_server.url
    log_in(page, base, "kcc")
    t = Teller(page)
    t.click(page.get_by_role("link", name="Aanmelden"))
    t.click(page.get_by_text("Nieuwe inwoner registreren"))
    t.fill(page.get_by_label("Voornaam", exact=True), "Anouk")
    t.fill(page.get_by_label("Achternaam", exact=True), "Visser")
    t.fill(page.get_by_label("Geboortedatum", exact=True), _geboren(41))
    t.fill(page.locator("#id_nieuw-postcode"), "1784 AB")
    t.fill(page.get_by_label("Huisnummer", exact=True), "12")
    t.check(page.get_by_label("Heeft gezag over de kinderen", exact=True))
    for i, (naam, achternaam, jaren, relatie, gezag) in enumerate([
        ("Mark", "de Wit", 43, "partner", True), ("Sara", "", 10, "kind", False), ("Daan", "", 14, "kind", False),
    ], start=1):
        t.fill(page.get_by_label(f"Voornaam (gezinslid {i})"), naam)
        if achternaam:
            t.fill(page.get_by_label(f"Achternaam (gezinslid {i})"), achternaam)
        t.fill(page.get_by_label(f"Geboortedatum (gezinslid {i})"), _geboren(jaren))
        if relatie != "kind":
            t.select(page.get_by_label(f"Relatie (gezinslid {i})"), value=relatie)
        if gezag:
            t.check(page.get_by_label(f"Heeft gezag over de kinderen (gezinslid {i})"))
    check_page(page, "aanmelding-huishouden-ingevuld")
    t.fill(page.get_by_label("De vraag, in de woorden van de inwoner"), "Het loopt thuis vast met de kinderen.")
    t.click(page.get_by_role("button", name="Aanmelding registreren"))
    page.get_by_text("De aanmelding is geregistreerd.").wait_for()
    print(f"\nAanmelding met huishouden van vier: {t.clicks} klikken, {t.fields} velden")
    eerste = Aanmelding.objects.get()
    leden = {lid.persoon.voornamen: lid for lid in Lidmaatschap.objects.filter(huishouden=eerste.huishouden)
             .select_related("persoon")}
    assert set(leden) == {"Anouk", "Mark", "Sara", "Daan"}
    assert leden["Anouk"].gezag and leden["Mark"].gezag and not leden["Daan"].gezag
    assert leden["Daan"].persoon.leeftijd() == 14 and leden["Sara"].persoon.leeftijd() == 10

    # The bureaudienst allocates: one casus for the household.
    page.context.clear_cookies()
    log_in(page, base, "bureaudienst", naar=f"/aanmeldingen/{eerste.pk}/")
    page.get_by_role("link", name="Triage doen").click()
    page.get_by_label("Nee, geen zorgen over veiligheid").check()
    for lid in ("Anouk Visser", "Sara Visser", "Daan Visser"):
        page.get_by_label(lid).check()  # the household's members are offered
    page.get_by_label("Financiën").check()
    page.get_by_label("Meervoudige vraag, plan zonder indicatie").check()
    page.get_by_label("Kortdurende ondersteuning door het team").check()
    page.get_by_label("Medewerker", exact=True).select_option(value=str(wereld.medewerker.pk))
    page.get_by_role("button", name="Triage vastleggen en toedelen").click()
    page.get_by_text("De aanmelding is toegedeeld").wait_for()
    casus = Casus.objects.get()
    assert casus.huishouden == eerste.huishouden

    # A second question, for the 14-year-old, found by name: it joins the open casus.
    page.context.clear_cookies()
    log_in(page, base, "kcc", naar="/aanmeldingen/nieuw/")
    page.locator("#zoek-persoon").fill("Daan Visser")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_label("Daan Visser").wait_for()
    # Found: the new-resident section with its household rows stays closed (it held a phone's screen five times).
    assert page.locator("details.wr-details").get_attribute("open") is None
    assert page.get_by_text("Vink aan als").count() == 0  # no instruction for a box that is not there
    page.get_by_label("Daan Visser").check()
    page.get_by_label("De vraag, in de woorden van de inwoner").fill("Daan spijbelt en zit niet lekker in zijn vel.")
    page.get_by_role("button", name="Aanmelding registreren").click()
    page.get_by_text("De aanmelding is geregistreerd en doorgezet").wait_for()  # not told of the casus
    page.get_by_role("heading", name="Nieuwe aanmelding").wait_for()  # ready for the next call, no 404
    check_page(page, "aanmelding-bij-lopende-casus")
    tweede = Aanmelding.objects.get(persoon=Persoon.objects.get(voornamen="Daan"))
    # Its number, to quote when the caller calls again.
    page.get_by_text(f"De aanmelding is geregistreerd en doorgezet (aanmelding {tweede.pk}).").wait_for()
    assert tweede.casus == casus and Casus.objects.count() == 1

    page.context.clear_cookies()
    log_in(page, base, "medewerker")
    page.get_by_text("Nieuwe vraag in lopende casus: Daan Visser").wait_for()
    check_page(page, "werkvoorraad-nieuwe-vraag")
