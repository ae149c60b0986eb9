"""A long document is made by the background worker, not in the request: the request queues a job (a task
row of the database backend), the status page says 'Wordt gemaakt…' and asks again every 2 s (htmx; a
refresh link without JavaScript), the worker makes the file and stores it encrypted, and the page then
offers the download."""

import pytest
from django_tasks_db.models import DBTaskResult

from wijkregie.core import achtergrond
from wijkregie.core.models import Achtergrondbestand
from wijkregie.core.tests.achtergrond_hulp import Proefdocument, taken_uitvoeren
from wijkregie.testing import login, make_persoon


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_it_queues_the_work_shows_progress_and_then_the_file(client, world, tmp_path):
    anna = make_persoon(world, "Anna", "Dossiermarker", team=world.team_noord, regisseur=world.medewerker)
    login(client, world.medewerker)
    bestand = achtergrond.bestand_aanvragen(actor=world.medewerker, soort=Proefdocument, parameters={"pk": anna.pk})
    taak = DBTaskResult.objects.get()
    assert taak.status == "READY" and str(taak.id) == bestand.taak_id and taak.args_kwargs["args"] == [str(bestand.pk)]
    url = f"/bestanden/{bestand.pk}/"

    html = client.get(url).content.decode()
    assert "Wordt gemaakt…" in html and 'hx-trigger="every 2s"' in html and f'href="{url}"' in html
    assert "Dossiermarker" not in html  # no personal data
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and 'id="bestand-voortgang"' in fragment and "Wordt gemaakt…" in fragment

    assert taken_uitvoeren() == 1
    taak.refresh_from_db()
    bestand.refresh_from_db()
    assert taak.status == "SUCCESSFUL" and bestand.status == "klaar" and bestand.client_ids == [anna.pk]
    opgeslagen = (tmp_path / bestand.bestand.name).read_bytes()
    assert opgeslagen.startswith(b"WRDOC1\n") and b"Dossiermarker" not in opgeslagen  # encrypted at rest

    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert (
        "hx-trigger" not in fragment and "Het bestand is klaar." in fragment and 'id="bestand-downloaden"' in fragment
    )
    response = client.get(f"/bestanden/{bestand.pk}/downloaden/")
    assert response.status_code == 200 and response.content == b"%PDF-proef Dossiermarker"
    assert response["Content-Type"] == "application/pdf" and response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == f'attachment; filename="proef-{anna.pk}.pdf"'


def test_asking_twice_while_it_is_made_queues_it_once(world):
    anna = make_persoon(world, "Anna", "Dossiermarker", team=world.team_noord, regisseur=world.medewerker)
    eerste = achtergrond.bestand_aanvragen(actor=world.medewerker, soort=Proefdocument, parameters={"pk": anna.pk})
    tweede = achtergrond.bestand_aanvragen(actor=world.medewerker, soort=Proefdocument, parameters={"pk": anna.pk})
    assert eerste.pk == tweede.pk and DBTaskResult.objects.count() == 1
    taken_uitvoeren()
    # Once made, a new request makes it anew (the data may have changed since).
    derde = achtergrond.bestand_aanvragen(actor=world.medewerker, soort=Proefdocument, parameters={"pk": anna.pk})
    assert derde.pk != eerste.pk and Achtergrondbestand.objects.count() == 2


def test_a_job_is_made_once_even_if_its_task_runs_twice(world):
    anna = make_persoon(world, "Anna", "Dossiermarker", team=world.team_noord, regisseur=world.medewerker)
    bestand = achtergrond.bestand_aanvragen(actor=world.medewerker, soort=Proefdocument, parameters={"pk": anna.pk})
    assert achtergrond.maken(str(bestand.pk)) == "klaar"
    assert achtergrond.maken(str(bestand.pk)) == "overgeslagen"
