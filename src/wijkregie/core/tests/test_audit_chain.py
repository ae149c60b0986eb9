import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from wijkregie.core.audit import AuditActie, audit_log, audit_seal, audit_verify
from wijkregie.core.models import AuditChain, AuditEvent


def _tamper(sql, params):
    """Raw SQL as an attacker with database access would run it (bypassing PostgreSQL's trigger)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")


def _events(world, n=5):
    """`n` events, each in its own transaction, then sealed into the chain (as the sealer does); as stored."""
    ids = []
    for i in range(n):
        with transaction.atomic():
            ids.append(
                audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="organisatie.wijk",
                          object_id=i, omschrijving=f"lezen {i}").pk
            )
    assert audit_seal() == n
    return list(AuditEvent.objects.filter(pk__in=ids).order_by("pk"))


def test_it_links_each_event_to_the_previous_one(world):
    events = _events(world, 3)
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    assert events[0].gemeente_id == world.den_helder.pk
    assert AuditChain.objects.get(key=f"g{world.den_helder.pk}:m{world.medewerker.pk}").length == 3


def test_it_keeps_one_chain_per_gemeente(world):
    with transaction.atomic():
        a = audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="x")
        b = audit_log(actor=world.buitenstaander, actie=AuditActie.READ, object_type="x")
    audit_seal()
    a, b = AuditEvent.objects.get(pk=a.pk), AuditEvent.objects.get(pk=b.pk)
    assert a.chain != b.chain
    assert a.seq == b.seq == 1


def test_verify_passes_on_an_intact_trail(world, capsys):
    _events(world, 4)
    result = audit_verify()
    assert result.ok and result.events == 4
    call_command("audit", "verify")
    assert "4 gebeurtenissen" in capsys.readouterr().out


def test_verify_detects_an_edited_row(world):
    events = _events(world, 5)
    _tamper(f"UPDATE {AuditEvent._meta.db_table} SET actor = %s WHERE id = %s", ["iemand-anders", events[2].pk])
    result = audit_verify()
    assert not result.ok
    assert result.broken_event.pk == events[2].pk
    assert result.events == 2
    with pytest.raises(CommandError, match=f"id={events[2].pk}"):
        call_command("audit", "verify")


def test_verify_detects_a_deleted_row_in_the_middle(world):
    events = _events(world, 5)
    _tamper(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [events[1].pk])
    result = audit_verify()
    assert not result.ok
    assert result.broken_event.pk == events[2].pk


def test_verify_detects_removal_of_the_newest_row(world):
    events = _events(world, 3)
    _tamper(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [events[2].pk])
    result = audit_verify()
    assert not result.ok
    assert "2 gevonden" in result.reason


def test_verify_detects_a_recomputed_hash_on_an_edited_row(world):
    # An attacker who edits a row and recomputes its hash still breaks the next event's link.
    events = _events(world, 3)
    target = AuditEvent.objects.get(pk=events[1].pk)
    target.omschrijving = "vervalst"
    new_hash = target.compute_hash()
    _tamper(f"UPDATE {AuditEvent._meta.db_table} SET omschrijving = %s, hash = %s WHERE id = %s",
            ["vervalst", new_hash, events[1].pk])
    result = audit_verify()
    assert not result.ok
    assert result.broken_event.pk == events[2].pk


def test_postgresql_itself_refuses_updates(world):
    events = _events(world, 1)
    if connection.vendor != "postgresql":
        return  # SQLite has no trigger; the chain above is its protection
    from django.db import DatabaseError

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [events[0].pk])


def test_an_attacker_without_the_key_cannot_forge_the_hash(world, settings):
    events = _events(world, 2)
    assert events[0].compute_hash() == events[0].hash
    settings.AUDIT_KEY = "a different key"
    assert events[0].compute_hash() != events[0].hash
