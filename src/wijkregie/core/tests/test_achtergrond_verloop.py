"""A made file can be downloaded for 24 hours; after that it is removed, on access or when the worker
makes another file, and the status page offers to make it again."""

import datetime

import pytest
from django.utils import timezone

from wijkregie.core import achtergrond
from wijkregie.core.models import Achtergrondbestand
from wijkregie.core.tests.achtergrond_hulp import Proefdocument, taken_uitvoeren
from wijkregie.testing import login, make_persoon


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _klaar(world, persoon):
    bestand = achtergrond.bestand_aanvragen(actor=world.medewerker, soort=Proefdocument, parameters={"pk": persoon.pk})
    taken_uitvoeren()
    bestand.refresh_from_db()
    return bestand


def _verouderen(bestand, uren=25):
    Achtergrondbestand.objects.filter(pk=bestand.pk).update(
        verloopt_op=timezone.now() - datetime.timedelta(hours=uren - 24))


def test_it_expires_after_a_day_and_is_removed_on_access(client, world, tmp_path):
    anna = make_persoon(world, "Anna", "Dossiermarker", team=world.team_noord, regisseur=world.medewerker)
    bestand = _klaar(world, anna)
    assert bestand.verloopt_op - bestand.klaar_op == datetime.timedelta(hours=24)
    pad = tmp_path / bestand.bestand.name
    assert pad.exists()
    _verouderen(bestand)
    login(client, world.medewerker)
    assert client.get(f"/bestanden/{bestand.pk}/downloaden/").status_code == 404
    assert not pad.exists()
    html = client.get(f"/bestanden/{bestand.pk}/").content.decode()
    assert "Dit bestand is verlopen" in html and 'id="bestand-opnieuw"' in html
    response = client.post(f"/bestanden/{bestand.pk}/opnieuw/")
    nieuw = Achtergrondbestand.objects.exclude(pk=bestand.pk).get()
    assert response.status_code == 302 and response["Location"] == f"/bestanden/{nieuw.pk}/"
    taken_uitvoeren()
    assert client.get(f"/bestanden/{nieuw.pk}/downloaden/").content == b"%PDF-proef Dossiermarker"


def test_the_worker_removes_expired_files_when_it_makes_another(world, tmp_path):
    anna = make_persoon(world, "Anna", "Dossiermarker", team=world.team_noord, regisseur=world.medewerker)
    oud = _klaar(world, anna)
    _verouderen(oud)
    jong = _klaar(world, anna)
    oud.refresh_from_db()
    assert oud.status == "verlopen" and not oud.bestand and oud.client_ids == []
    assert not list(tmp_path.rglob(f"{oud.pk}*")) and (tmp_path / jong.bestand.name).exists()
    # A week later even the row goes.
    Achtergrondbestand.objects.filter(pk=oud.pk).update(aangemaakt_op=timezone.now() - datetime.timedelta(days=8))
    assert achtergrond.bestanden_opruimen() == 0
    assert not Achtergrondbestand.objects.filter(pk=oud.pk).exists()
