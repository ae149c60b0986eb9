"""The cleanup a job does first is housekeeping: a busy database there (SQLite's write lock past its timeout on
a loaded machine) must not fail the user's document; the job still makes it, and the next cleanup removes what
expired."""

import pytest
from django.db import OperationalError

from wijkregie.core import achtergrond
from wijkregie.core.tests.achtergrond_hulp import Proefdocument, taken_uitvoeren
from wijkregie.testing import make_persoon


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _aangevraagd(world):
    anna = make_persoon(world, "Anna", "Dossiermarker", team=world.team_noord, regisseur=world.medewerker)
    return achtergrond.bestand_aanvragen(actor=world.medewerker, soort=Proefdocument, parameters={"pk": anna.pk})


def test_a_busy_database_during_cleanup_does_not_fail_the_document(world, monkeypatch):
    bestand = _aangevraagd(world)

    def bezet():
        raise OperationalError("database is locked")

    monkeypatch.setattr(achtergrond, "bestanden_opruimen", bezet)
    assert taken_uitvoeren() == 1
    bestand.refresh_from_db()
    assert bestand.status == "klaar"


def test_another_failure_of_the_cleanup_still_shows(world, monkeypatch):
    bestand = _aangevraagd(world)

    def kapot():
        raise ValueError("a fault in the cleanup itself")

    monkeypatch.setattr(achtergrond, "bestanden_opruimen", kapot)
    taken_uitvoeren()
    bestand.refresh_from_db()
    assert bestand.status != "klaar"  # only a busy database is passed over, not a fault
