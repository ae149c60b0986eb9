"""A writing process's seal starts after the last id its previous seal saw (PostgreSQL), so it does not read the
dead index entries every earlier seal left behind; from the first id again every SEAL_FULL_AFTER seconds, and
always for the worker's task and verify, so an event whose transaction committed late is still sealed."""

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkregie.core import audit
from wijkregie.core.audit import audit_seal, audit_verify
from wijkregie.core.models import AuditEvent

from .tamper import id_above_all, write_unsealed


def _write(world, pk=None) -> int:
    return write_unsealed(world.medewerker, world.den_helder.pk, pk)


def _sealed(pk) -> bool:
    return AuditEvent.objects.get(pk=pk).seq is not None


def test_a_late_commit_below_the_mark_waits_for_the_next_full_pass(world):
    top = id_above_all()
    _write(world, top)
    audit._seal_due()
    assert _sealed(top) and audit._Mark.after >= top
    _write(world, top - 1)  # a lower id, committed after the seal passed it
    audit._seal_due()
    if connection.vendor == "postgresql":
        assert not _sealed(top - 1)  # this pass started after `top`
        audit._Mark.full_at = time.monotonic() - audit.SEAL_FULL_AFTER - 1
        audit._seal_due()
    # SQLite updates its index in place (no dead entries): every seal there starts from the first id.
    assert _sealed(top - 1)
    assert audit_verify().ok


def test_verify_and_the_workers_seal_always_start_from_the_first_id(world):
    top = id_above_all()
    _write(world, top)
    audit._seal_due()
    _write(world, top - 1)
    assert audit_verify().ok and _sealed(top - 1)  # verify seals everything before it checks
    _write(world, top - 2)
    assert audit_seal() == 1 and _sealed(top - 2)  # what the worker's task audit_verzegelen runs


def test_a_seal_that_found_another_sealer_at_work_tries_from_the_first_id_again(world, monkeypatch):
    top = id_above_all()
    _write(world, top)
    audit._seal_due()
    _write(world, top - 1)
    monkeypatch.setattr(audit._Mark, "full_at", None)  # as if no full pass has succeeded yet
    with monkeypatch.context() as busy:
        busy.setattr(audit, "_seal_lock", lambda wait: False)  # another process holds the sealer's lock
        audit._seal_due()
    assert audit._Mark.full_at is None and not _sealed(top - 1)
    audit._seal_due()
    assert _sealed(top - 1)


def test_a_pass_that_read_fewer_than_a_batch_does_not_ask_again(world):
    ids = [_write(world) for _ in range(3)]
    with CaptureQueriesContext(connection) as queries:
        assert audit_seal() == 3
    reads = [q["sql"] for q in queries.captured_queries
             if q["sql"].lstrip().upper().startswith("SELECT") and '"core_auditevent"' in q["sql"]]
    assert len(reads) == 1, reads  # the three events; no second read that finds nothing
    assert all(_sealed(pk) for pk in ids) and audit._Mark.after >= max(ids)


def test_a_full_batch_goes_on_and_the_update_names_the_batchs_id_range(world, monkeypatch):
    monkeypatch.setattr(audit, "SEAL_BATCH", 2)
    ids = [_write(world) for _ in range(5)]
    with CaptureQueriesContext(connection) as queries:
        assert audit_seal(batches=1) == 2
    assert [_sealed(pk) for pk in ids] == [True, True, False, False, False]
    if connection.vendor == "postgresql":
        # The range keeps the plan's scan of the queue's index to the batch (its dead entries lie outside it).
        updates = [q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("UPDATE")
                   and '"core_auditevent"' in q["sql"]]
        assert len(updates) == 1 and f"BETWEEN {ids[0]} AND {ids[1]}" in updates[0]["sql"], updates
    assert audit_seal() == 3 and audit_verify().ok
