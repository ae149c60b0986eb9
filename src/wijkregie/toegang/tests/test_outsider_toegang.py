"""Another gemeente's user and another team's medewerker see nothing of a resident or aanmelding."""

import pytest

from wijkregie.casus.services import casus_open
from wijkregie.testing import login, make_persoon
from wijkregie.toegang.models import Aanmelding


@pytest.fixture
def dossier(world):
    persoon = make_persoon(world, "Pieter", "Geheimers", team=world.team_noord, bsn="999900006")
    aanmelding = Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Vertrouwelijke vraag",
                                           persoon=persoon, status="toegedeeld", team=world.team_noord)
    casus = casus_open(actor=world.bureaudienst, team=world.team_noord, hoofdpersoon=persoon)
    return persoon, aanmelding, casus


def _urls(persoon, aanmelding, casus):
    return [
        f"/personen/{persoon.pk}/", f"/personen/{persoon.pk}/bewerken/", f"/personen/{persoon.pk}/toestemming/",
        f"/aanmeldingen/{aanmelding.pk}/", f"/aanmeldingen/{aanmelding.pk}/triage/", f"/casussen/{casus.pk}/",
    ]


@pytest.mark.parametrize("wie", ["buitenstaander", "andere_teamlid"])
def test_details_are_404(client, world, dossier, wie):
    login(client, getattr(world, wie))
    for url in _urls(*dossier):
        assert client.get(url).status_code == 404, url
    persoon, aanmelding, _casus = dossier
    assert client.post(f"/aanmeldingen/{aanmelding.pk}/eerste-contact/").status_code == 404
    assert client.post(f"/aanmeldingen/{aanmelding.pk}/toedelen/", {"team": world.team_dorp.pk}).status_code == 404


@pytest.mark.parametrize("wie", ["buitenstaander", "andere_teamlid", "beleidsmedewerker", "privacyfunctionaris"])
def test_lists_and_search_show_nothing(client, world, dossier, wie):
    login(client, getattr(world, wie))
    for url in ["/", "/personen/?q=geheimers", "/personen/?q=999900006", "/casussen/", "/bureaudienst/",
                "/wachtlijst/", "/signalen/", "/aanmeldingen/nieuw/?zoek=geheimers"]:
        response = client.get(url)
        assert response.status_code in (200, 403), url
        content = response.content.decode()
        assert "Geheimers" not in content and "Vertrouwelijke vraag" not in content, url


def test_the_own_team_does_see_it(client, world, dossier):
    login(client, world.collega)
    for url in _urls(*dossier):
        assert client.get(url).status_code == 200, url
