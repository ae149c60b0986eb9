"""When a document cannot be made the owner reads why in Dutch and can try again; what the exception said
stays out of the logs. A job that waits or runs far too long (a worker killed mid-task, no worker at all)
is said to take too long, with the same retry."""

import datetime
import logging

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wijkregie.core import achtergrond
from wijkregie.core.models import Achtergrondbestand
from wijkregie.core.tests.achtergrond_hulp import Proefdocument, taken_uitvoeren
from wijkregie.testing import login, make_persoon


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_failure_is_told_in_dutch_with_a_retry(client, world, caplog, tmp_path):
    fout = make_persoon(world, "Fout", "Geheimenaam", team=world.team_noord, regisseur=world.medewerker)
    bestand = achtergrond.bestand_aanvragen(actor=world.medewerker, soort=Proefdocument, parameters={"pk": fout.pk})
    with caplog.at_level(logging.ERROR):
        taken_uitvoeren()
    bestand.refresh_from_db()
    assert bestand.status == "mislukt" and not bestand.bestand and not list(tmp_path.rglob("*.bin"))
    assert "Geheimenaam" not in caplog.text and "Geheimenaam" not in bestand.fout
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"  # the task handled it: no traceback stored

    login(client, world.medewerker)
    html = client.get(f"/bestanden/{bestand.pk}/").content.decode()
    assert "Het bestand kon niet worden gemaakt. Probeer het opnieuw" in html and 'role="alert"' in html
    assert 'id="bestand-opnieuw"' in html and "hx-trigger" not in html
    assert client.get(f"/bestanden/{bestand.pk}/downloaden/").status_code == 404
    response = client.post(f"/bestanden/{bestand.pk}/opnieuw/")
    nieuw = Achtergrondbestand.objects.exclude(pk=bestand.pk).get()
    assert response["Location"] == f"/bestanden/{nieuw.pk}/" and nieuw.status == "wachtrij"
    assert client.get(f"/bestanden/{bestand.pk}/opnieuw/").status_code == 405  # a retry is a POST


def test_a_job_lost_by_its_worker_is_said_to_take_too_long(client, world):
    anna = make_persoon(world, "Anna", "Dossiermarker", team=world.team_noord, regisseur=world.medewerker)
    bestand = achtergrond.bestand_aanvragen(actor=world.medewerker, soort=Proefdocument, parameters={"pk": anna.pk})
    login(client, world.medewerker)
    assert "langer dan verwacht" not in client.get(f"/bestanden/{bestand.pk}/").content.decode()
    # The worker took it and was killed: the job stays 'bezig'.
    Achtergrondbestand.objects.filter(pk=bestand.pk).update(
        status="bezig", gestart_op=timezone.now() - datetime.timedelta(minutes=16))
    html = client.get(f"/bestanden/{bestand.pk}/").content.decode()
    assert "Het maken duurt langer dan verwacht." in html and 'id="bestand-opnieuw"' in html
    assert 'hx-trigger="every 2s"' in html  # it may still come: the page keeps asking
    client.post(f"/bestanden/{bestand.pk}/opnieuw/")
    assert Achtergrondbestand.objects.filter(status="wachtrij").count() == 1
