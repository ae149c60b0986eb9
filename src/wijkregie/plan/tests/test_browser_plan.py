"""From an allocated casus to a signed plan with a maatwerk line, in Chromium, axe on every page.

Counts clicks and filled fields per step for the issue note.
"""

import pytest

from wijkregie.casus.services import casus_open
from wijkregie.core.tests.achtergrond_hulp import via_achtergrond_in_browser
from wijkregie.plan.models import BeschikkingVerzoek, Ondersteuningsplan
from wijkregie.testing import build_world, make_persoon
from wijkregie.testing_browser import SHOTS, Teller, check_page, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def casus_world(transactional_db):
    world = build_world()
    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    casus = casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                       huishouden=persoon.lidmaatschappen.first().huishouden, hoofdpersoon=persoon)
    return world, casus


def test_a_medewerker_goes_from_an_allocated_casus_to_a_signed_plan(page, live_server, casus_world):
    world, casus = casus_world
    base = live_server.url
    stappen = {}
    log_in(page, base, "medewerker")
    page.get_by_role("link", name="Casussen").first.click()
    page.get_by_role("link", name=f"Casus {casus.pk}").click()
    check_page(page, "casus-overzicht")

    # Vraagverheldering: one ZRM score in the household's grid, with the resident's own view.
    page.get_by_role("link", name="Vraagverheldering").click()
    t = Teller(page)
    t.select(page.get_by_label("ZRM Financiën voor Pieter Jansen"), label="2 niet zelfredzaam")
    t.fill(page.get_by_label("Hoe ziet Pieter Jansen het zelf"), "De rekeningen groeien me boven het hoofd.")
    t.click(page.get_by_role("button", name="Scores opslaan"))
    page.get_by_text("1 score is vastgelegd.").wait_for()
    stappen["ZRM-score"] = (t.clicks, t.fields)
    check_page(page, "vraagverheldering")

    # Plan: start, one goal, one maatwerk line, the agreement, sign.
    page.get_by_role("link", name="Ondersteuningsplan").click()
    page.get_by_role("button", name="Plan opstellen").click()
    check_page(page, "plan-concept")
    # A goal without its life domain: one error summary, and it gets the focus (so it scrolls into view; it
    # answered above the screen with the focus left on the button).
    page.locator("#id_doel-leefgebied").select_option(value="")
    page.get_by_label("Doel, in de woorden van de inwoner").fill("Ik wil weer zelf mijn rekeningen betalen.")
    page.get_by_role("button", name="Doel toevoegen").click()
    page.locator(".wr-error-summary:focus").wait_for()  # (a CSS selector: the page's CSP forbids eval'd JS)
    assert page.locator(".wr-error-summary").count() == 1
    t = Teller(page)
    t.select(page.locator("#id_doel-leefgebied"), label="Financiën")
    t.fill(page.get_by_label("Doel, in de woorden van de inwoner"), "Ik wil weer zelf mijn rekeningen betalen.")
    t.click(page.get_by_role("button", name="Doel toevoegen"))
    page.get_by_text("Het doel is toegevoegd.").wait_for()
    stappen["doel"] = (t.clicks, t.fields)
    t = Teller(page)
    t.select(page.locator("#id_regel-soort"), value="maatwerk")
    t.fill(page.locator("#id_regel-omschrijving"), "Begeleiding bij de administratie")
    t.select(page.locator("#id_regel-wet"), value="wmo")
    t.select(page.locator("#id_regel-productcategorie"), value="02")
    t.fill(page.locator("#id_regel-volume"), "2")
    t.select(page.locator("#id_regel-eenheid"), value="04")
    t.select(page.locator("#id_regel-frequentie"), value="2")
    t.fill(page.locator("#id_regel-ingangsdatum"), "2026-12-01")
    t.click(page.get_by_role("button", name="Afspraak toevoegen"))
    page.get_by_text("De regel is toegevoegd.").wait_for()
    stappen["maatwerkregel"] = (t.clicks, t.fields)
    t = Teller(page)
    t.fill(page.locator("#id_plan-matched_care"), "Kortdurende begeleiding volstaat: het netwerk helpt met de post.")
    t.click(page.get_by_role("button", name="Opslaan", exact=True))
    page.get_by_text("Het plan is opgeslagen.").wait_for()
    stappen["onderbouwing"] = (t.clicks, t.fields)
    check_page(page, "plan-klaar-voor-ondertekening")
    # Agreeing and signing are one step; the agreement's date is today unless changed.
    t = Teller(page)
    t.check(page.get_by_label("Mondeling, in het gesprek"))
    t.fill(page.locator("#id_plan-akkoord_op"), "2026-11-20")
    t.click(page.get_by_role("button", name="Plan ondertekenen"))
    page.get_by_text("Het plan is ondertekend.").wait_for()
    stappen["akkoord en ondertekenen"] = (t.clicks, t.fields)
    check_page(page, "plan-ondertekend")
    print("\n" + "\n".join(f"{stap}: {k} klikken, {v} velden" for stap, (k, v) in stappen.items()))

    plan = Ondersteuningsplan.objects.get()
    assert plan.status == "ondertekend" and BeschikkingVerzoek.objects.filter(regel__plan=plan).count() == 1
    # The PDF opens for the household.
    response = via_achtergrond_in_browser(page, base, f"/casussen/{casus.pk}/plan/1/pdf/")  # made by the worker
    assert response.ok and response.body().startswith(b"%PDF")
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "ondersteuningsplan.pdf").write_bytes(response.body())  # to look at as a picture (pdftoppm)
