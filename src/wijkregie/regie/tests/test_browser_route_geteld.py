"""The medewerker's route counted (issue 13): from a phone call of a new resident to a signed plan with two
goals and three afspraken, as the KCC, the bureaudienst and the medewerker do it, in Chromium at a desk's
width and at a phone's, with axe on every step.

What is counted (after each login; logins are not counted): a page load is a full navigation of the page
(a form that updates only its part of the page is not one); an interaction is every click, choice and
field filled. The budget: at most 8 page loads and 40 interactions for the route, at most 3 interactions
for a light contactmoment. In session 3 the same route took 22 page loads and 78 interactions.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from wijkregie.casus.models import Casus
from wijkregie.plan.models import Ondersteuningsplan
from wijkregie.regie.models import Contactmoment
from wijkregie.testing import build_world
from wijkregie.testing_browser import check_page, log_in

pytestmark = pytest.mark.browser

MAX_PAGINA_LADINGEN = 8
MAX_INTERACTIES = 40
MAX_CONTACT_INTERACTIES = 3


class Teller:
    """Page loads and interactions of one role's steps; what was filled is kept to show nothing twice."""

    def __init__(self, page):
        self.page, self.ladingen, self.interacties, self.ingevuld = page, 0, 0, []
        page.on("domcontentloaded", self._geladen)

    def _geladen(self, _page):
        self.ladingen += 1

    def stop(self):
        self.page.remove_listener("domcontentloaded", self._geladen)
        return self.ladingen, self.interacties

    def klik(self, locator):
        locator.click()
        self.interacties += 1

    def vul(self, locator, waarde):
        locator.fill(waarde)
        self.interacties += 1
        self.ingevuld.append(waarde)

    def kies(self, locator, **kw):
        locator.select_option(**kw)
        self.interacties += 1

    def vink(self, locator):
        locator.check()
        self.interacties += 1


@pytest.fixture
def route_world(transactional_db):
    return build_world()


def _lopende_casus(world):
    """A running casus of the medewerker (Sanne Visser) for Pieter Jansen."""
    from wijkregie.casus.services import casus_open
    from wijkregie.testing import make_persoon

    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    return casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                      huishouden=persoon.lidmaatschappen.first().huishouden, hoofdpersoon=persoon)


def _opnieuw_inloggen(page, base, username):
    page.context.clear_cookies()
    log_in(page, base, username)


@pytest.mark.parametrize("breedte", [1366, 390])
def test_the_route_from_a_call_to_a_signed_plan_fits_the_budget(page, live_server, route_world, breedte):
    page.set_viewport_size({"width": breedte, "height": 900})
    base, w = live_server.url, f"-{breedte}"
    stappen = {}

    # KCC: a phone call of a resident who is not known yet.
    log_in(page, base, "kcc")
    t = Teller(page)
    t.klik(page.get_by_role("link", name="Nieuwe aanmelding"))
    t.klik(page.get_by_text("Nieuwe inwoner registreren"))
    t.vul(page.get_by_label("Voornaam", exact=True), "Noor")
    t.vul(page.get_by_label("Achternaam", exact=True), "de Vries")
    t.vul(page.locator("#id_nieuw-postcode"), "1784 AB")
    t.vul(page.get_by_label("De vraag, in de woorden van de inwoner"), "Mijn moeder redt het thuis niet meer.")
    check_page(page, f"route-1-aanmelding{w}")
    t.klik(page.get_by_role("button", name="Aanmelding registreren"))
    page.get_by_text("De aanmelding is geregistreerd.").wait_for()
    stappen["KCC: aanmelding"] = t.stop()
    kcc_ingevuld = t.ingevuld

    # Bureaudienst: from the start page to triage and allocation in one form.
    _opnieuw_inloggen(page, base, "bureaudienst")
    t = Teller(page)
    t.klik(page.get_by_role("link", name="Noor de Vries"))
    page.get_by_role("heading", name="Triage en toedeling").wait_for()
    t.vink(page.get_by_label("Nee, geen zorgen over veiligheid"))
    t.vink(page.get_by_label("Financiën"))
    t.vink(page.get_by_label("Huiselijke relaties"))
    t.vink(page.get_by_label("Meervoudige vraag, plan zonder indicatie"))
    t.vink(page.get_by_label("Vraagverheldering", exact=True))
    # The allocation is prefilled from the resident's wijk: its team and the focuswijk's contact.
    assert page.get_by_label("Team", exact=True).evaluate("e => e.selectedOptions[0].text") == "Team Noord"
    assert page.get_by_label("Medewerker", exact=True).evaluate("e => e.selectedOptions[0].text") == "Sanne Visser"
    check_page(page, f"route-2-triage-en-toedeling{w}")
    t.klik(page.get_by_role("button", name="Triage vastleggen en toedelen"))
    page.get_by_text("De triage is vastgelegd en de aanmelding is toegedeeld").wait_for()
    stappen["bureaudienst: triage en toedeling"] = t.stop()
    casus = Casus.objects.get()
    assert (
        casus.medewerker.username == "medewerker"
        and casus.aanmeldingen.get().triage.vraagverheldering_door_id == casus.medewerker_id
    )

    # Medewerker: from the werkvoorraad to the household's ZRM and on to the plan.
    _opnieuw_inloggen(page, base, "medewerker")
    t = Teller(page)
    t.klik(page.get_by_role("link", name="Nieuw toegedeeld: Noor de Vries"))
    page.get_by_role("heading", name="ZRM van het huishouden").wait_for()
    t.kies(page.get_by_label("ZRM Financiën voor Noor de Vries"), label="2 niet zelfredzaam")
    t.kies(page.get_by_label("ZRM Huiselijke relaties voor Noor de Vries"), label="3 beperkt zelfredzaam")
    check_page(page, f"route-3-vraagverheldering{w}")
    t.klik(page.get_by_role("button", name="Opslaan en plan opstellen"))
    page.get_by_text("2 scores zijn vastgelegd.").wait_for()
    stappen["medewerker: ZRM"] = t.stop()

    t = Teller(page)
    # Each goal's life domain is proposed from the ZRM: the lowest score without a goal yet.
    for gebied, tekst in (("Financiën", "Ik wil zelf mijn rekeningen weer betalen."),
                          ("Huiselijke relaties", "Mijn moeder kan thuis blijven wonen.")):
        assert page.locator("#id_doel-leefgebied").evaluate("e => e.selectedOptions[0].text") == gebied
        t.vul(page.get_by_label("Doel, in de woorden van de inwoner"), tekst)
        t.klik(page.get_by_role("button", name="Doel toevoegen"))
        page.locator("#plan-werk li").filter(has_text=tekst).wait_for()
        # The part of the page is replaced, the keyboard's place is not lost: focus stays on the button.
        expect(page.locator("#doel-toevoegen")).to_be_focused()
    check_page(page, f"route-4-doelen{w}")

    def afspraak(soort, wat, veld):
        t.kies(page.locator("#id_regel-soort"), value=soort)
        t.vul(page.locator("#id_regel-omschrijving"), wat)
        veld()
        t.klik(page.get_by_role("button", name="Afspraak toevoegen"))
        page.locator("#plan-werk li").filter(has_text=wat).wait_for()

    afspraak(
        "eigen_kracht", "Zoon helpt met de post", lambda: t.vul(page.get_by_label("Wie doet het"), "Daan, de zoon")
    )
    # Only the chosen soort's fields are shown (a kortdurende afspraak asks no wet or volume).
    page.locator("#id_regel-soort").select_option(value="kortdurend")
    expect(page.get_by_label("Aantal contacten")).to_be_visible()
    expect(page.get_by_label("Volume")).to_be_hidden()
    page.locator("#id_regel-soort").select_option(value="")
    afspraak("vrij", "Maatschappelijk werk voor de administratie",
             lambda: t.kies(page.get_by_label("Voorziening"), index=1))
    afspraak("kortdurend", "Gesprekken met de wijkcoach", lambda: t.vul(page.get_by_label("Aantal contacten"), "6"))
    check_page(page, f"route-5-afspraken{w}")
    t.vink(page.get_by_label("Mondeling, in het gesprek"))
    t.klik(page.get_by_role("button", name="Plan ondertekenen"))
    page.get_by_text("Het plan is ondertekend.").wait_for()
    check_page(page, f"route-6-ondertekend{w}")
    stappen["medewerker: plan en ondertekenen"] = t.stop()

    ladingen = sum(n for n, _i in stappen.values())
    interacties = sum(i for _n, i in stappen.values())
    print(
        f"\nRoute op {breedte} px: "
        + "; ".join(f"{s}: {n} pagina's, {i} interacties" for s, (n, i) in stappen.items())
        + f"; samen {ladingen} pagina's, {interacties} interacties"
    )
    plan = Ondersteuningsplan.objects.get(casus=casus)
    assert plan.status == "ondertekend" and plan.doelen.count() == 2 and plan.regels.count() == 3
    assert set(plan.regels.values_list("doel__leefgebied__naam", flat=True)) == {"Huiselijke relaties"}
    assert ladingen <= MAX_PAGINA_LADINGEN and interacties <= MAX_INTERACTIES, stappen
    # Nobody typed the resident's name or postcode again after the KCC did.
    assert "Noor" in kcc_ingevuld and not {"Noor", "de Vries", "1784 AB"} & set(t.ingevuld)


def test_a_light_contactmoment_takes_three_interactions(page, live_server, route_world):
    world, casus = route_world, _lopende_casus(route_world)
    base = live_server.url
    log_in(page, base, "medewerker", naar=f"/casussen/{casus.pk}/")
    t = Teller(page)
    t.kies(page.get_by_label("Soort"), label="Telefoon")
    t.vul(page.get_by_label("Kort verslag"), "Gebeld over de afspraak van dinsdag.")
    t.klik(page.get_by_role("button", name="Vastleggen"))
    page.get_by_text("Het contactmoment is vastgelegd.").wait_for()
    ladingen, interacties = t.stop()
    check_page(page, "contact-in-een-regel")
    print(f"\nContactmoment: {ladingen} pagina's, {interacties} interacties")
    contact = Contactmoment.objects.get(casus=casus)
    assert contact.met_wie == "Pieter Jansen" and contact.soort == "telefoon" and contact.door_id == world.medewerker.pk
    assert interacties <= MAX_CONTACT_INTERACTIES and ladingen == 0
    # The line is ready for the next one, and a bad one keeps what was typed, with the error at its field.
    page.get_by_label("Met wie").fill("Buurvrouw Els")
    page.get_by_label("Kort verslag").fill("x" * 10_001)
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_text("Een notitie is hoogstens 10.000 tekens").first.wait_for()
    assert page.get_by_label("Met wie").input_value() == "Buurvrouw Els"
    assert Contactmoment.objects.filter(casus=casus).count() == 1


def test_a_light_contactmoment_from_the_werkvoorraad_takes_three_interactions(page, live_server, route_world):
    casus = _lopende_casus(route_world)
    log_in(page, live_server.url, "medewerker")
    t = Teller(page)
    t.kies(page.get_by_label("Met wie (casus)"), label="Pieter Jansen")
    t.vul(page.get_by_label("Kort verslag"), "Teruggebeld over de huur.")
    t.klik(page.get_by_role("button", name="Vastleggen"))
    page.get_by_text("Het contactmoment is vastgelegd.").wait_for()
    ladingen, interacties = t.stop()
    check_page(page, "contact-vanuit-werkvoorraad")
    print(f"\nContactmoment vanuit de werkvoorraad: {ladingen} pagina's, {interacties} interacties")
    contact = Contactmoment.objects.get(casus=casus)
    assert (contact.soort, contact.met_wie) == ("telefoon", "Pieter Jansen")
    assert interacties <= MAX_CONTACT_INTERACTIES
