"""The casus page's decisions and its open requests to the backoffice are read in one query (issue 17): an open
request is counted, a decision is listed with its allocations, newest first, and nothing else is shown."""

from django.test import Client

from wijkregie.backoffice.tests.helpers import getekend_plan, toekennen
from wijkregie.casus.models import Casus
from wijkregie.testing import login, make_persoon


def _casus(world, naam: str) -> Casus:
    return Casus.objects.get(hoofdpersoon=make_persoon(world, naam, "Besluit", team=world.team_noord,
                                                       regisseur=world.medewerker))


def test_it_counts_an_open_request_and_lists_a_decision_with_its_allocations(world):
    casus = _casus(world, "Open")
    plan = getekend_plan(world, casus)
    client = login(Client(), world.medewerker)
    html = client.get(f"/casussen/{casus.pk}/").content.decode()
    assert "1 verzoek om een beschikking ligt bij de" in html
    assert "/beschikkingen/" not in html

    beschikking = toekennen(world, plan)
    html = client.get(f"/casussen/{casus.pk}/").content.decode()
    assert "verzoek om een beschikking ligt" not in html
    assert f"/beschikkingen/{beschikking.pk}/" in html
    assert "Omring" in html  # its allocation's provider


def test_it_shows_no_panel_without_requests_or_decisions(world):
    casus = _casus(world, "Leeg")
    html = login(Client(), world.medewerker).get(f"/casussen/{casus.pk}/").content.decode()
    assert 'id="beschikkingen-kop"' not in html
