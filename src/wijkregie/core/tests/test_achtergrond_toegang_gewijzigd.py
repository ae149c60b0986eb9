"""The access policy is asked again by the worker and at every download: a consent withdrawn, or a casus
moved to another team, between asking and downloading means no file (404), and the refusal is audited."""

import pytest

from wijkregie.casus.models import Casus, Toestemming
from wijkregie.casus.services import toestemming_withdraw
from wijkregie.core import achtergrond
from wijkregie.core.models import AuditEvent
from wijkregie.core.tests.achtergrond_hulp import Proefdocument, taken_uitvoeren
from wijkregie.testing import login, make_persoon


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def anna(world):
    return make_persoon(world, "Anna", "Dossiermarker", team=world.team_noord, regisseur=world.medewerker)


def test_a_consent_withdrawn_after_it_was_made_stops_the_download(client, world, anna):
    # The colleague sees Anna's documents only through her consent to discuss her in the team.
    bestand = achtergrond.bestand_aanvragen(actor=world.collega, soort=Proefdocument, parameters={"pk": anna.pk})
    taken_uitvoeren()
    login(client, world.collega)
    assert client.get(f"/bestanden/{bestand.pk}/downloaden/").status_code == 200
    toestemming_withdraw(actor=world.medewerker, toestemming=Toestemming.objects.get(persoon=anna, scope="team"))
    response = client.get(f"/bestanden/{bestand.pk}/downloaden/")
    assert response.status_code == 404 and b"Dossiermarker" not in response.content
    assert AuditEvent.objects.filter(actor="collega", client_id=anna.pk, resultaat="geweigerd").exists()
    assert AuditEvent.objects.filter(actor="collega", client_id=anna.pk, resultaat="gelukt", actie="R").count() == 1


def test_a_casus_moved_to_another_team_stops_the_download(client, world, anna):
    bestand = achtergrond.bestand_aanvragen(actor=world.medewerker, soort=Proefdocument, parameters={"pk": anna.pk})
    taken_uitvoeren()
    Casus.objects.filter(hoofdpersoon=anna).update(team=world.team_zuid, medewerker=world.andere_teamlid)
    login(client, world.medewerker)
    assert client.get(f"/bestanden/{bestand.pk}/downloaden/").status_code == 404


def test_a_consent_withdrawn_before_the_worker_ran_makes_nothing(client, world, anna):
    bestand = achtergrond.bestand_aanvragen(actor=world.collega, soort=Proefdocument, parameters={"pk": anna.pk})
    toestemming_withdraw(actor=world.medewerker, toestemming=Toestemming.objects.get(persoon=anna, scope="team"))
    taken_uitvoeren()
    bestand.refresh_from_db()
    assert bestand.status == "mislukt" and not bestand.bestand
    login(client, world.collega)
    html = client.get(f"/bestanden/{bestand.pk}/").content.decode()
    assert "U mag deze gegevens niet (meer) inzien." in html and "Dossiermarker" not in html
