"""The audit trail (NEN 7513): writing events inside the caller's transaction, and verifying the chains.

Every service that reads or writes personal data calls `audit_log` inside its own
`transaction.atomic()`, so the event exists exactly when the change does. Lists, search results,
exports and documents call `audit_disclosure`: one event per person shown. Mapping onto the Logius
Logboek Dataverwerkingen and its NEN 7513 extension: docs/audit.md.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from .context import current
from .models import AuditActie, AuditChain, AuditEvent, AuditResultaat, AuditVerificatie, head_signature

# Purpose of use (NEN 7513 purposeOfUse) when the caller names none: the social domain's work with a
# resident's file is the execution of a statutory task (Wmo 2015, Jeugdwet, Participatiewet;
# AVG art. 6(1)(e)), not medical treatment.
DOEL_WETTELIJKE_TAAK = "uitvoering wettelijke taak"
# The privacy officer reading the trail, and the system checking it.
DOEL_VERANTWOORDING = "verantwoording"
DOEL_BEVEILIGING = "beveiliging"


def chain_key(gemeente_id: int | None, actor) -> str:
    """One chain per gemeente and actor, so different medewerkers never wait on each other's lock.

    `g3:m17` (medewerker 17 in gemeente 3), `g3:systeem`, `g3:anoniem`; `g0:` for no gemeente. An actor
    that is no medewerker names its own chain (`audit_keten`: a partner's API key, `g3:api5`).
    """
    prefix = f"g{gemeente_id or 0}"
    if getattr(actor, "audit_keten", ""):
        return f"{prefix}:{actor.audit_keten}"
    if actor is None:
        return f"{prefix}:systeem"
    if not getattr(actor, "is_authenticated", False) or getattr(actor, "pk", None) is None:
        return f"{prefix}:anoniem"
    return f"{prefix}:m{actor.pk}"


def actor_rol(actor) -> str:
    """The actor's role codes, sorted and comma-joined (NEN 7513 roleIDCode); every event has one."""
    if actor is None:
        return "systeem"
    if not getattr(actor, "is_authenticated", False):
        return "anoniem"
    codes = sorted(getattr(actor, "rollen", ()) or ())
    if codes:
        return ",".join(codes)
    return "technisch beheer" if getattr(actor, "is_superuser", False) else "geen rol"


def _actor_label(actor) -> str:
    if actor is None:
        return "systeem"
    if not getattr(actor, "is_authenticated", False):
        return "anoniem"
    return actor.get_username()


def _locked_chain(key: str, gemeente_id: int | None) -> AuditChain:
    try:
        return AuditChain.objects.select_for_update().get(key=key)
    except AuditChain.DoesNotExist:
        try:
            with transaction.atomic():
                AuditChain.objects.create(
                    key=key, gemeente_id=gemeente_id, signature=head_signature(key, 0, "", gemeente_id),
                )
        except IntegrityError:
            pass  # another transaction created it first
        return AuditChain.objects.select_for_update().get(key=key)


def _append(gemeente_id: int | None, actor, events: list[AuditEvent]) -> None:
    """Links `events` onto the actor's chain and writes them with the signed head; caller holds a transaction."""
    key = chain_key(gemeente_id, actor)
    chain = _locked_chain(key, gemeente_id)
    prev, seq = chain.last_hash, chain.length
    for event in events:
        seq += 1
        event.chain, event.seq, event.prev_hash = key, seq, prev
        event.hash = event.compute_hash()
        prev = event.hash
    if len(events) == 1:
        events[0].save()
    else:
        AuditEvent.objects.bulk_create(events, batch_size=500)
    AuditChain.objects.filter(pk=chain.pk).update(
        length=seq, last_hash=prev, gemeente_id=gemeente_id, signature=head_signature(key, seq, prev, gemeente_id),
    )


def _event(*, actor, gemeente_id, rol, namens, doel, tijd, **fields) -> AuditEvent:
    ctx = current.get()
    return AuditEvent(
        gemeente_id=gemeente_id,
        tijd=tijd,
        actor_id=getattr(actor, "pk", None) if actor is not None else None,
        actor=_actor_label(actor),
        namens=namens,
        rol=rol or actor_rol(actor),
        doel=doel or DOEL_WETTELIJKE_TAAK,
        request_id=ctx.request_id,
        bron=ctx.bron,
        **fields,
    )


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
    doel: str = "",
) -> AuditEvent:
    """Append one event to the actor's chain in the gemeente. Must run inside the caller's transaction.

    `omschrijving` says which data (field names, a count), never the data itself: the audit trail
    is for accountability, not a second copy of the file. `rol` defaults to the actor's role codes,
    `doel` (purpose of use) to the statutory task.
    """
    if gemeente_id is None and actor is not None:
        gemeente_id = getattr(actor, "gemeente_id", None)
    event = _event(
        actor=actor, gemeente_id=gemeente_id, rol=rol, namens=namens, doel=doel, tijd=timezone.now(),
        client_id=client_id, object_type=object_type, object_id=str(object_id or ""), actie=actie,
        omschrijving=omschrijving, grondslag=grondslag, resultaat=resultaat,
    )
    # No savepoint of its own: the event belongs to the caller's transaction, all or nothing, and a
    # savepoint would cost two statements on every audited page (bench/README.md, queries per request).
    with transaction.atomic(savepoint=False):
        _append(gemeente_id, actor, [event])
    return event


def audit_disclosure(
    *,
    actor,
    client_ids: Iterable[int | None],
    object_type: str,
    omschrijving: str,
    actie: str = AuditActie.READ,
    object_id: object = "",
    gemeente_id: int | None = None,
    grondslag: str = "rol",
    doel: str = "",
    resultaat: str = AuditResultaat.GELUKT,
) -> list[AuditEvent]:
    """One event per person shown (a list page, search result, export, PDF), in one insert.

    NEN 7513 asks who saw which client's data: a list of twenty residents is twenty disclosures, so
    the privacy officer finds each of them under that resident. All events share one lock of the
    actor's chain and one bulk insert (three statements whatever the number of persons); duplicates
    and empty ids are dropped, an empty list writes nothing. `omschrijving` names the data
    ('zoekresultaat', 'werkvoorraad'), never the data itself.
    """
    ids = list(dict.fromkeys(int(c) for c in client_ids if c is not None))
    if not ids:
        return []
    if gemeente_id is None and actor is not None:
        gemeente_id = getattr(actor, "gemeente_id", None)
    tijd = timezone.now()
    rol = actor_rol(actor)
    events = [
        _event(
            actor=actor, gemeente_id=gemeente_id, rol=rol, namens="", doel=doel, tijd=tijd, client_id=client_id,
            object_type=object_type, object_id=str(object_id or ""), actie=actie, omschrijving=omschrijving,
            grondslag=grondslag, resultaat=resultaat,
        )
        for client_id in ids
    ]
    with transaction.atomic(savepoint=False):
        _append(gemeente_id, actor, events)
    return events


def audit_refused(
    *,
    actor,
    object_type: str,
    object_id: object = "",
    gemeente_id: int | None = None,
    client_id: int | None = None,
    actie: str = AuditActie.READ,
    omschrijving: str = "toegang geweigerd",
    doel: str = "",
) -> AuditEvent:
    """A refused access (NEN 7513 records refusals too), in a transaction of its own.

    The event goes to the gemeente of the object when it has one: that gemeente's privacy officer is
    accountable for the resident (AVG art. 33) and the client id only means something there. Callers
    inside a view's transaction that the refusal will roll back use `context.run_after_response`
    (as `get_visible_or_404` does), so the event is committed whatever happens to that transaction.
    """
    with transaction.atomic():
        return audit_log(
            actor=actor, actie=actie, object_type=object_type, object_id=object_id, gemeente_id=gemeente_id,
            client_id=client_id, omschrijving=omschrijving, grondslag="geen", doel=doel,
            resultaat=AuditResultaat.GEWEIGERD,
        )


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
    chain: str = ""
    checkpoint_written: bool = False


class CheckpointError(Exception):
    pass


class CheckpointStore:
    """Signed checkpoints of every chain (length, head hash, time) in a file outside the database.

    The database cannot prove its own completeness: someone who can write it can delete a chain's
    newest events and put back an earlier signed head, or delete a whole chain. The checkpoint, in
    WIJKREGIE_AUDIT_CHECKPOINT_DIR (a directory the database account cannot write), remembers every
    chain that existed and how long it was; `audit_verify` checks the database against it and only
    ever moves it forward. The set of chains in it is the set of chains that must exist.
    """

    FILE = "controlepunt.json"
    VERSION = 1

    def __init__(self, directory=None):
        self.directory = Path(directory if directory is not None else settings.AUDIT_CHECKPOINT_DIR)

    @property
    def path(self) -> Path:
        return self.directory / self.FILE

    @staticmethod
    def _sign(body: dict) -> str:
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hmac.new(settings.AUDIT_KEY.encode(), b"controlepunt|" + canonical.encode(), hashlib.sha256).hexdigest()

    def read(self) -> dict | None:
        """The last checkpoint ({"tijd", "ketens": {key: {"lengte", "hash", "gemeente", "tijd"}}}), or None."""
        try:
            data = json.loads(self.path.read_text())
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise CheckpointError(f"controlepunt {self.path} onleesbaar: {exc}") from None
        signature = data.pop("handtekening", "") if isinstance(data, dict) else ""
        if not isinstance(data, dict) or not hmac.compare_digest(str(signature), self._sign(data)):
            raise CheckpointError(f"controlepunt {self.path} is niet ondertekend met de auditsleutel")
        return data

    def write(self, heads: dict[str, tuple[int, str, int | None]], previous: dict | None) -> None:
        """Records `heads` (key → length, hash, gemeente), keeping a longer entry a concurrent run wrote."""
        now = timezone.now().isoformat(timespec="seconds")
        ketens = {key: {"lengte": n, "hash": h, "gemeente": g, "tijd": now} for key, (n, h, g) in heads.items()}
        try:
            latest = self.read()  # another verify may have written meanwhile: never move a chain back
        except CheckpointError:
            latest = None
        for source in (previous, latest):
            for key, entry in ((source or {}).get("ketens") or {}).items():
                if key not in ketens or ketens[key]["lengte"] < entry["lengte"]:
                    ketens[key] = entry
        body = {"versie": self.VERSION, "tijd": now, "ketens": ketens}
        body["handtekening"] = self._sign({k: v for k, v in body.items()})
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".controlepunt-")
        try:
            with os.fdopen(fd, "w") as handle:
                json.dump(body, handle, ensure_ascii=False, indent=1, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)  # atomic: a reader sees the old or the new checkpoint, never half
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _broken(total: int, chain: str, reason: str, event: AuditEvent | None = None) -> VerifyResult:
    separator = " " if reason.startswith("ontbreekt") else ": "
    return VerifyResult(False, total, event, f"keten {chain}{separator}{reason}", chain=chain)


def _when(iso: str) -> str:
    try:
        return timezone.localtime(datetime.datetime.fromisoformat(iso)).strftime("%d-%m-%Y %H:%M")
    except (TypeError, ValueError):
        return "onbekend"


def _verify(checkpoint: dict | None) -> tuple[VerifyResult, dict[str, tuple[int, str, int | None]]]:
    known = (checkpoint or {}).get("ketens") or {}
    since = _when((checkpoint or {}).get("tijd", ""))
    # Heads are read after the checkpoint: chains only grow, so each is at least as long as checkpointed.
    heads = {chain.key: chain for chain in AuditChain.objects.order_by("key")}
    snapshot = {key: (c.length, c.last_hash, c.gemeente_id) for key, c in heads.items()}
    for key in sorted(set(known) - set(heads)):
        return _broken(0, key, f"ontbreekt: het controlepunt van {since} kende {known[key]['lengte']} gebeurtenissen"), snapshot
    for key, chain in heads.items():
        if not hmac.compare_digest(chain.signature, chain.expected_signature()):
            return _broken(0, key, "de kop (lengte en laatste hash) is niet door de applicatie ondertekend; "
                                   "gebeurtenissen zijn mogelijk verwijderd"), snapshot
        entry = known.get(key)
        if entry is not None and chain.length < entry["lengte"]:
            return _broken(0, key, f"{chain.length} gebeurtenissen, het controlepunt van {since} kende er "
                                   f"{entry['lengte']}; de nieuwste zijn verwijderd"), snapshot

    total = 0
    state: dict[str, list] = {}  # key → [expected seq, expected prev hash, last event]
    late: set[str] = set()  # chains begun after the heads were read
    # One pass in (chain, seq) order over the unique index, in chunks: fast and flat in memory.
    for event in AuditEvent.objects.order_by("chain", "seq").iterator(chunk_size=5000):
        chain = heads.get(event.chain)
        if chain is None:
            if event.chain in late or AuditChain.objects.filter(key=event.chain).exists():
                late.add(event.chain)
                continue  # a chain begun after verify started: checked next time
            return _broken(total, event.chain, "gebeurtenis in een keten zonder kop", event), snapshot
        if event.seq > chain.length:
            continue  # appended after verify started: checked next time
        expected = state.setdefault(event.chain, [1, "", None])
        if event.seq != expected[0]:
            return _broken(total, event.chain, f"volgnummer {expected[0]} ontbreekt", event), snapshot
        if event.prev_hash != expected[1]:
            return _broken(total, event.chain, "verwijzing naar vorige gebeurtenis klopt niet", event), snapshot
        if event.compute_hash() != event.hash:
            return _broken(total, event.chain, "inhoud gewijzigd", event), snapshot
        entry = known.get(event.chain)
        if entry is not None and event.seq == entry["lengte"] and event.hash != entry["hash"]:
            return _broken(total, event.chain, f"gebeurtenis {event.seq} verschilt van het controlepunt van {since}",
                           event), snapshot
        expected[0], expected[1], expected[2] = event.seq + 1, event.hash, event
        total += 1
    for key, chain in heads.items():
        seq, prev, last = state.get(key, [1, "", None])
        if chain.length != seq - 1 or chain.last_hash != prev:
            return _broken(total, key, f"{chain.length} gebeurtenissen verwacht, {seq - 1} gevonden", last), snapshot
    return VerifyResult(True, total), snapshot


def audit_verify(*, checkpoint: bool = False) -> VerifyResult:
    """Recompute every chain and check it against its signed head and the last checkpoint.

    Reports the first event whose hash, sequence or link does not hold, a head that is not signed
    with AUDIT_KEY, a chain shorter than or different from its checkpoint, and a checkpointed chain
    that is gone, naming the chain. Each chain is checked up to its head as read at the start, so
    events appended by a busy system meanwhile are checked on the next run. When everything holds,
    the checkpoint moves forward. The outcome is recorded (AuditVerificatie) for the privacy officer.

    `checkpoint=True` is what the command and the daily task run; without it only the database is
    checked (the chains, their signed heads), as tests of a throw-away database need.
    """
    store = CheckpointStore()
    try:
        previous = store.read() if checkpoint else None
    except CheckpointError as exc:
        result = VerifyResult(False, 0, reason=str(exc), chain="")
    else:
        result, heads = _verify(previous)
        if result.ok and checkpoint:
            store.write(heads, previous)
            result.checkpoint_written = True
    _record(result)
    return result


def _record(result: VerifyResult) -> None:
    status = AuditVerificatie(
        tijd=timezone.now(), ok=result.ok, gebeurtenissen=result.events, keten=result.chain, reden=result.reason[:2000],
    )
    status.signature = status.expected_signature()
    status.save()


def audit_verification_last() -> AuditVerificatie | None:
    return AuditVerificatie.objects.first()


@task()
def audit_controleren() -> bool:
    """Daily (queued by `wijkregie audit verify --wachtrij`, make run, or a timer): verify and checkpoint."""
    return audit_verify(checkpoint=True).ok


__all__ = [
    "AuditActie", "AuditResultaat", "CheckpointStore", "VerifyResult", "audit_controleren", "audit_disclosure",
    "audit_log", "audit_object", "audit_refused", "audit_verification_last", "audit_verify",
]


def audit_dossier(*, actor, actie: str, dossier, object_type: str, object_id: object = "", omschrijving: str = "",
                  **kwargs) -> AuditEvent:
    """`audit_log` for an event in a resident's file: the gemeente and the client are those of `dossier`,
    the casus (client: its hoofdpersoon) or the aanmelding (client: the resident it is for) the event
    belongs to. Runs inside the caller's transaction, as `audit_log` does."""
    client_id = dossier.hoofdpersoon_id if hasattr(dossier, "hoofdpersoon_id") else getattr(dossier, "persoon_id", None)
    return audit_log(actor=actor, actie=actie, object_type=object_type, object_id=object_id,
                     gemeente_id=dossier.gemeente_id, client_id=client_id, omschrijving=omschrijving, **kwargs)
