"""Helpers for the tamper tests: what an attacker with database rights (but not AUDIT_KEY) can do."""

from django.db import connection, transaction

from wijkregie.core import audit
from wijkregie.core.audit import AuditActie, audit_log, audit_seal
from wijkregie.core.models import AuditChain, AuditEvent

EVENTS = AuditEvent._meta.db_table
CHAINS = AuditChain._meta.db_table


def raw(sql, params=()):
    """Raw SQL bypassing PostgreSQL's append-only trigger, as a database superuser could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")


def log_events(actor, n):
    """`n` events of `actor`, each in its own transaction, then sealed into the chain; as stored."""
    ids = []
    for i in range(n):
        with transaction.atomic():
            ids.append(audit_log(actor=actor, actie=AuditActie.READ, object_type="inwoners.persoon",
                                 client_id=100 + i, omschrijving="dossier").pk)
    audit_seal()
    return sealed(ids)


def sealed(ids):
    """The events with these ids as stored (after sealing: with their place in the chain), in id order."""
    return list(AuditEvent.objects.filter(pk__in=ids).order_by("pk"))


def write_unsealed(actor, gemeente_id, pk=None) -> int:
    """One event written as a writer does (unsealed, no seal after it), with the id given: a test can make a lower
    id commit after a higher one, as PostgreSQL's ids handed out before commit allow."""
    event = audit._event(actor=actor, gemeente_id=gemeente_id, rol="", namens="", doel="", tijd=audit.timezone.now(),
                         client_id=None, object_type="x", object_id="", actie="R", omschrijving="", grondslag="rol",
                         resultaat="gelukt")
    event.pk = pk
    with transaction.atomic():
        audit._write(gemeente_id, actor, [event])
    return event.pk


def id_above_all() -> int:
    """An id well above every event's: room below it for a test's lower ids."""
    return (AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000
