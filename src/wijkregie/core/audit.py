"""The audit trail (NEN 7513): writing events inside the caller's transaction, and verifying the chain.

Every service that reads or writes personal data calls `audit_log` inside its own
`transaction.atomic()`, so the event exists exactly when the change does.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from .context import current
from .models import AuditActie, AuditChain, AuditEvent, AuditResultaat

SYSTEM_CHAIN = "systeem"


def _chain_key(gemeente_id: int | None) -> str:
    return f"gemeente:{gemeente_id}" if gemeente_id else SYSTEM_CHAIN


def _locked_chain(key: str) -> AuditChain:
    try:
        return AuditChain.objects.select_for_update().get(key=key)
    except AuditChain.DoesNotExist:
        try:
            with transaction.atomic():
                AuditChain.objects.create(key=key)
        except IntegrityError:
            pass  # another transaction created it first
        return AuditChain.objects.select_for_update().get(key=key)


def _actor_label(actor) -> str:
    if actor is None:
        return "systeem"
    if not getattr(actor, "is_authenticated", False):
        return "anoniem"
    return actor.get_username()


def audit_log(
    *,
    actor,
    actie: str,
    object_type: str,
    object_id: object = "",
    gemeente_id: int | None = None,
    client_id: int | None = None,
    omschrijving: str = "",
    grondslag: str = "rol",
    resultaat: str = AuditResultaat.GELUKT,
    namens: str = "",
    rol: str = "",
) -> AuditEvent:
    """Append one event to the gemeente's chain. Must run inside the caller's transaction.

    `omschrijving` says which data (field names, a count), never the data itself: the audit trail
    is for accountability, not a second copy of the file.
    """
    if gemeente_id is None and actor is not None:
        gemeente_id = getattr(actor, "gemeente_id", None)
    ctx = current.get()
    # No savepoint of its own: the event belongs to the caller's transaction, all or nothing, and a
    # savepoint would cost two statements on every audited page (bench/README.md, queries per request).
    with transaction.atomic(savepoint=False):
        chain = _locked_chain(_chain_key(gemeente_id))
        event = AuditEvent(
            chain=chain.key,
            seq=chain.length + 1,
            gemeente_id=gemeente_id,
            tijd=timezone.now(),
            actor_id=getattr(actor, "pk", None) if actor is not None else None,
            actor=_actor_label(actor),
            namens=namens,
            rol=rol,
            client_id=client_id,
            object_type=object_type,
            object_id=str(object_id or ""),
            actie=actie,
            omschrijving=omschrijving,
            grondslag=grondslag,
            resultaat=resultaat,
            request_id=ctx.request_id,
            bron=ctx.bron,
            prev_hash=chain.last_hash,
        )
        event.hash = event.compute_hash()
        event.save()
        AuditChain.objects.filter(pk=chain.pk).update(length=event.seq, last_hash=event.hash)
    return event


def audit_object(*, actor, actie: str, obj, omschrijving: str = "", **kwargs) -> AuditEvent:
    """`audit_log` for a model instance: type, id and gemeente are taken from the object."""
    return audit_log(
        actor=actor,
        actie=actie,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        gemeente_id=getattr(obj, "gemeente_id", None),
        omschrijving=omschrijving,
        **kwargs,
    )


@dataclass
class VerifyResult:
    ok: bool
    events: int
    broken_event: AuditEvent | None = None
    reason: str = ""


def audit_verify() -> VerifyResult:
    """Recompute every chain. Reports the first event whose hash, sequence or link does not hold.

    Each chain is checked up to the head as read at the start, so events appended by a busy system
    while verify runs are not mistaken for tampering; they are checked on the next run.
    """
    total = 0
    known = set()
    for chain in AuditChain.objects.order_by("key"):
        known.add(chain.key)
        expected_prev = ""
        expected_seq = 1
        last = None
        events = (
            AuditEvent.objects.filter(chain=chain.key, seq__lte=chain.length).order_by("seq").iterator(chunk_size=2000)
        )
        for event in events:
            if event.seq != expected_seq:
                return VerifyResult(False, total, event, f"volgnummer {expected_seq} ontbreekt")
            if event.prev_hash != expected_prev:
                return VerifyResult(False, total, event, "verwijzing naar vorige gebeurtenis klopt niet")
            if event.compute_hash() != event.hash:
                return VerifyResult(False, total, event, "inhoud gewijzigd")
            expected_prev = event.hash
            expected_seq += 1
            total += 1
            last = event
        if chain.length != expected_seq - 1 or chain.last_hash != expected_prev:
            return VerifyResult(
                False, total, last,
                f"keten {chain.key}: {chain.length} gebeurtenissen verwacht, {expected_seq - 1} gevonden",
            )
    orphan = AuditEvent.objects.exclude(chain__in=known).first()
    if orphan is not None:
        return VerifyResult(False, total, orphan, "gebeurtenis buiten een bekende keten")
    return VerifyResult(True, total)


__all__ = ["AuditActie", "AuditResultaat", "audit_log", "audit_object", "audit_verify", "VerifyResult"]
