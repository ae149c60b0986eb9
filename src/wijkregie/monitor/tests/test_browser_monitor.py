"""The monitor as people use it, in Chromium with axe on every page: the policy officer reads the
gemeente and filters a wijk, the team member opens their team, the resident answers the survey."""

import pytest
from playwright.sync_api import expect

from wijkregie.monitor.models import Clientervaring
from wijkregie.regie.services import casus_close
from wijkregie.testing import build_world, make_getekend_plan, make_persoon
from wijkregie.testing_browser import check_page, log_in

from .conftest import maak_aanmeldingen

pytestmark = pytest.mark.browser


@pytest.fixture
def monitor_world(transactional_db):
    from wijkregie.casus.services import casus_open

    world = build_world()
    maak_aanmeldingen(world.den_helder, world.team_noord, 12)
    maak_aanmeldingen(world.den_helder, world.team_noord, 6, kanaal="email", aard="meervoudig_met")
    maak_aanmeldingen(world.den_helder, world.team_zuid, 3, kanaal="partner")
    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12", wijk=world.noord)
    casus = casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                       huishouden=persoon.lidmaatschappen.first().huishouden, hoofdpersoon=persoon)
    make_getekend_plan(world, casus)
    casus.refresh_from_db()
    casus_close(actor=world.medewerker, casus=casus, reden="01")
    return world, Clientervaring.objects.get(casus=casus)


def test_policy_officer_reads_the_gemeente_and_a_wijk(page, live_server, monitor_world):
    world, _ervaring = monitor_world
    base = live_server.url
    log_in(page, base, "beleid")
    page.get_by_role("link", name="Monitor", exact=True).click()
    page.get_by_role("heading", name="Monitor Den Helder").wait_for()
    check_page(page, "monitor-gemeente")
    assert page.locator("svg.wr-diagram").count() >= 3
    telefoon = page.get_by_role("table", name="Aanmeldingen per kanaal").get_by_role("row", name="telefoon")
    assert "12" in telefoon.inner_text()
    partner = page.get_by_role("table", name="Aanmeldingen per kanaal").get_by_role("row", name="partner")
    assert "<5" in partner.inner_text()
    page.get_by_label("Wijk").select_option(label="Julianadorp")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_url("**wijk=*")
    check_page(page, "monitor-gefilterd")
    page.get_by_role("link", name="Nieuw Den Helder").click()
    page.get_by_role("heading", name="Monitor Nieuw Den Helder").wait_for()
    check_page(page, "monitor-wijk")
    page.goto(f"{base}/monitor/definities/")
    check_page(page, "monitor-definities")


def test_team_member_sees_own_team_and_the_invitation(page, live_server, monitor_world):
    world, ervaring = monitor_world
    base = live_server.url
    log_in(page, base, "medewerker")
    page.get_by_role("link", name="Monitor", exact=True).click()
    page.get_by_role("heading", name="Monitor Team Noord").wait_for()
    check_page(page, "monitor-team")
    assert "aantallen onder de" not in page.content()  # the team sees its own figures in full
    page.get_by_role("link", name="Uitnodigingen voor de cliëntervaring").click()
    check_page(page, "clientervaring-uitnodigingen")
    page.get_by_role("link", name=f"Link en QR-code voor casus {ervaring.casus_id}").click()
    expect(page.locator("body")).to_contain_text(ervaring.token)
    check_page(page, "clientervaring-uitnodiging")


def test_resident_answers_on_a_phone(browser, live_server, monitor_world):
    _world, ervaring = monitor_world
    telefoon = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    page = telefoon.new_page()
    page.goto(f"{live_server.url}/ervaring/{ervaring.token}/")
    check_page(page, "clientervaring-vragenlijst")
    page.get_by_role("group", name="Ik werd snel geholpen.").get_by_label("Eens", exact=True).check()
    page.get_by_role("group", name="Welk rapportcijfer").get_by_label("8", exact=True).check()
    page.get_by_role("button", name="Versturen").click()
    page.get_by_role("heading", name="Bedankt voor uw antwoorden").wait_for()
    check_page(page, "clientervaring-bedankt")
    ervaring.refresh_from_db()
    assert (ervaring.snel, ervaring.rapportcijfer, ervaring.weten) == (4, 8, None)
    telefoon.close()
