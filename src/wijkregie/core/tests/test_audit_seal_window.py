"""Without a worker, the writing process seals after a commit once it wrote SEAL_EVERY events or its oldest
unsealed event is SEAL_AFTER seconds old, so the window of unsealed events stays short."""

import time

import pytest
from django.db import transaction

from wijkregie.core import audit
from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.core.models import AuditEvent


@pytest.fixture
def window(monkeypatch):
    monkeypatch.setattr(audit._Window, "count", 0)
    monkeypatch.setattr(audit._Window, "since", None)
    monkeypatch.setattr(audit, "SEAL_EVERY", 3)
    monkeypatch.setattr(audit, "SEAL_AFTER", 60.0)
    return audit._Window


def _log(actor, capture):
    with capture(execute=True), transaction.atomic():
        return audit_log(actor=actor, actie=AuditActie.READ, object_type="inwoners.persoon", client_id=1).pk


def _unsealed():
    return AuditEvent.objects.filter(seq__isnull=True).count()


def test_it_seals_after_every_so_many_events(world, window, django_capture_on_commit_callbacks):
    _log(world.medewerker, django_capture_on_commit_callbacks)
    _log(world.collega, django_capture_on_commit_callbacks)
    assert _unsealed() == 2 and window.count == 2
    _log(world.medewerker, django_capture_on_commit_callbacks)
    assert _unsealed() == 0 and (window.count, window.since) == (0, None)


def test_it_seals_when_the_oldest_unsealed_event_is_old(world, window, django_capture_on_commit_callbacks):
    _log(world.medewerker, django_capture_on_commit_callbacks)
    assert _unsealed() == 1
    window.since = time.monotonic() - 61
    _log(world.medewerker, django_capture_on_commit_callbacks)
    assert _unsealed() == 0


def test_nothing_is_sealed_when_the_transaction_rolls_back(world, window, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="x")
            raise RuntimeError
    assert callbacks == [] and window.count == 0 and not AuditEvent.objects.filter(object_type="x").exists()
