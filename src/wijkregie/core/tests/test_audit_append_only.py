import pytest
from django.db import transaction

from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.core.models import AuditEvent


def test_it_refuses_changes_through_the_orm(world):
    with transaction.atomic():
        event = audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="x")
    event.actor = "ander"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(actor="ander")
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).actor == "medewerker"


def test_it_survives_the_deletion_of_its_actor(world):
    with transaction.atomic():
        event = audit_log(actor=world.collega, actie=AuditActie.READ, object_type="x")
    world.collega.delete()
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.actor == "collega"


def test_postgresql_allows_a_row_only_its_seal(world):
    """The trigger lets the sealer give an unsealed row its place in the chain, and nothing else."""
    from django.db import DatabaseError, connection

    from wijkregie.core.audit import audit_seal

    with transaction.atomic():
        event = audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="x")
    table = AuditEvent._meta.db_table
    attempts = [
        (f"UPDATE {table} SET client_id = 9 WHERE id = %s", "content of an unsealed row"),
        (f"UPDATE {table} SET seq = 1, prev_hash = '', hash = 'h', client_id = 9 WHERE id = %s", "seal and content"),
        (f"DELETE FROM {table} WHERE id = %s", "delete"),
    ]
    if connection.vendor == "postgresql":  # SQLite has no trigger; the chain and the content MAC protect it
        for sql, _what in attempts:
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(sql, [event.pk])
    assert audit_seal() == 1
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.seq == 1 and stored.client_id is None
    if connection.vendor == "postgresql":
        for sql in (f"UPDATE {table} SET seq = 2 WHERE id = %s", f"UPDATE {table} SET seq = seq WHERE id = %s",
                    f"UPDATE {table} SET hash = 'h' WHERE id = %s"):
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).hash == stored.hash
