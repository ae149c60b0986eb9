"""Running background tasks in a test, through the real database backend (django-tasks-db), in-process.

`db_worker --batch` closes the database connection when it is done, which a test inside a transaction
cannot survive. This does what one turn of its loop does (django_tasks_db/management/commands/db_worker.py,
`Worker.run`): take the ready task results with a lock, claim each, and run it with `Worker.run_task`,
which marks it successful or failed exactly as the worker process does. Only `close_old_connections` is
left out.
"""

from __future__ import annotations

import time

from django.db import OperationalError
from django.urls import resolve
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from wijkregie.core.access import get_visible_or_404
from wijkregie.core.achtergrond import Document, Soort


def taken_uitvoeren() -> int:
    """Run every ready task; returns how many ran."""
    worker = Worker(queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id="test", excluded_queue_names=[])
    n = 0
    while True:
        resultaat = _claim(worker)
        if resultaat is None:
            return n
        worker.run_task(resultaat)
        n += 1


def _claim(worker, *, pogingen: int = 40):
    """The next ready task, claimed. With a live server, its thread may still be writing after the response it
    just sent (the audit seal runs on request_finished); the tests' shared in-memory SQLite database then
    refuses a second writer at once ('database table is locked') where a database file would wait
    (busy timeout). So the claim waits too: up to 2 s, in steps of 50 ms."""
    for poging in range(pogingen):
        tasks = DBTaskResult.objects.ready().filter(backend_name="default")
        try:
            with exclusive_transaction(tasks.db):
                resultaat = tasks.get_locked()
                if resultaat is not None:
                    resultaat.claim(worker.worker_id)
            return resultaat
        except OperationalError as fout:
            if "database table is locked" not in str(fout) or poging == pogingen - 1:
                raise
            time.sleep(0.05)
    return None


def via_achtergrond(client, url: str):
    """Request a long document at `url` as the browser does: follow to the status page, let the worker
    make it, and download it from the status page. Returns the download's response."""
    response = client.get(url)
    assert response.status_code == 302, response.status_code
    status_url = response["Location"]
    assert resolve(status_url).url_name == "bestand"
    assert client.get(status_url).status_code == 200
    taken_uitvoeren()
    id = resolve(status_url).kwargs["id"]
    return client.get(f"/bestanden/{id}/downloaden/")


class Proefdocument(Soort):
    """A small kind for the mechanism's own tests: a resident's 'document', visible under the one policy
    (documents of the person's file, personen_visible_to), made at once; `fout` makes it fail."""

    titel = "Proefdocument"
    object_type = "inwoners.persoon"

    def object(self, gebruiker, parameters):
        from wijkregie.inwoners.selectors import personen_visible_to

        return get_visible_or_404(personen_visible_to(gebruiker, "documenten"), audit_actor=gebruiker,
                                  pk=parameters["pk"])

    def personen(self, gebruiker, persoon):
        return {persoon.pk}

    def maak(self, gebruiker, persoon):
        if persoon.voornamen == "Fout":
            # The exception's text holds data (as a database error may): it must not reach a log.
            raise ValueError(f"GEHEIM {persoon.achternaam}")
        return Document(inhoud=b"%PDF-proef " + persoon.achternaam.encode(), bestandsnaam=f"proef-{persoon.pk}.pdf",
                        client_ids=[persoon.pk], omschrijving="proefdocument als pdf")


def via_achtergrond_in_browser(page, base: str, pad: str):
    """`via_achtergrond` for a Playwright test with a live server: the browser's session asks for the
    document, the worker makes it (in the test's process), the browser's session downloads it."""
    response = page.request.get(f"{base}{pad}", max_redirects=0)
    assert response.status == 302, response.status
    status_url = response.headers["location"].removeprefix(base)
    assert resolve(status_url).url_name == "bestand"
    taken_uitvoeren()
    return page.request.get(f"{base}/bestanden/{resolve(status_url).kwargs['id']}/downloaden/")
