"""Writing an event is one INSERT without a lock; the sealer links events into their chain in batches."""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from wijkregie.core import audit
from wijkregie.core.audit import AuditActie, audit_log, audit_seal, audit_verify
from wijkregie.core.models import AuditChain, AuditEvent

from .tamper import id_above_all, sealed, write_unsealed


def _log(actor, **kwargs):
    with transaction.atomic():
        return audit_log(actor=actor, actie=AuditActie.READ, object_type="inwoners.persoon", **kwargs)


def test_it_writes_an_event_with_one_insert_and_no_lock(world):
    _log(world.medewerker)  # the actor's roles are loaded once
    with CaptureQueriesContext(connection) as ctx:
        event = _log(world.medewerker, client_id=7)
    statements = [q["sql"] for q in ctx.captured_queries if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) == 1 and statements[0].upper().startswith(
        f'INSERT INTO "{AuditEvent._meta.db_table}"'.upper()
    )
    assert not any(
        "FOR UPDATE" in q["sql"].upper() or AuditChain._meta.db_table in q["sql"] for q in ctx.captured_queries
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.chain, stored.seq, stored.prev_hash, stored.hash) == (
        f"g{world.den_helder.pk}:m{world.medewerker.pk}",
        None,
        "",
        "",
    )
    assert stored.mac == stored.compute_mac() != ""
    assert not AuditChain.objects.filter(key=stored.chain).exists()  # the head comes with the first seal


def test_it_seals_in_order_and_signs_the_head(world):
    ids = [_log(world.medewerker, client_id=i).pk for i in (1, 2, 3)]
    other = _log(world.collega).pk
    assert audit_seal() == 4
    a, b, c = sealed(ids)
    assert [e.seq for e in (a, b, c)] == [1, 2, 3]
    assert (a.prev_hash, b.prev_hash, c.prev_hash) == ("", a.hash, b.hash)
    assert all(e.hash == e.compute_hash() for e in (a, b, c))
    head = AuditChain.objects.get(key=a.chain)
    assert (head.length, head.last_hash, head.gemeente_id) == (3, c.hash, world.den_helder.pk)
    assert head.signature == head.expected_signature()
    assert AuditEvent.objects.get(pk=other).seq == 1  # the colleague's own chain
    assert audit_seal() == 0  # nothing left
    later = _log(world.medewerker).pk
    assert audit_seal() == 1
    assert (AuditEvent.objects.get(pk=later).seq, AuditEvent.objects.get(pk=later).prev_hash) == (4, c.hash)
    assert audit_verify().ok


def test_a_lower_id_committed_later_is_sealed_after_what_was_sealed_before(world):
    """PostgreSQL hands out ids before commit: a lower id may be found later. Chain order is seal order."""
    gemeente_id = world.den_helder.pk
    top = id_above_all()

    write_unsealed(world.medewerker, gemeente_id, top)
    assert audit_seal() == 1
    write_unsealed(world.medewerker, gemeente_id, top - 1)
    assert audit_seal() == 1
    high, low = AuditEvent.objects.get(pk=top), AuditEvent.objects.get(pk=top - 1)
    assert (high.seq, low.seq) == (1, 2) and low.prev_hash == high.hash
    assert audit_verify().ok


def test_it_seals_in_batches(world, monkeypatch):
    monkeypatch.setattr(audit, "SEAL_BATCH", 2)
    ids = [_log(world.medewerker, client_id=i).pk for i in range(5)]
    assert audit_seal(batches=1) == 2  # what a writing process does after its commit: a bounded share
    assert [e.seq for e in sealed(ids)] == [1, 2, None, None, None]
    assert audit_seal() == 3
    assert [e.seq for e in sealed(ids)] == [1, 2, 3, 4, 5]
    assert audit_verify().ok
