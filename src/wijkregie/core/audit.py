"""The audit trail (NEN 7513): writing events inside the caller's transaction, and verifying the chains.

Every service that reads or writes personal data calls `audit_log` inside its own
`transaction.atomic()`, so the event exists exactly when the change does. Lists, search results,
exports and documents call `audit_disclosure`: one event per person shown. Writing is one INSERT
without a lock; `audit_seal` links committed events into their hash chains afterwards, in batches.
Mapping onto the Logius Logboek Dataverwerkingen and its NEN 7513 extension, and sealing: docs/audit.md.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import hmac
import itertools
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.signals import request_finished
from django.db import DatabaseError, connection, transaction
from django.db.models.base import ModelState
from django.dispatch import receiver
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


# --- Writing: a plain INSERT, no lock, no read of the chain's head --------------------------------------
#
# Events are written unsealed (chain key and content MAC set, no place in the chain) and sealed into
# their chain later, in batches, by `audit_seal`: (a) the task `audit_verzegelen` on the worker, (b) the
# start of `audit_verify`, (c) the process that wrote them, right after a commit, once it has written
# SEAL_EVERY events or its oldest unsealed one is SEAL_AFTER seconds old; when the commit was a request's,
# after that request's response has gone out (request_finished), so no medewerker waits for a seal.
# docs/audit.md, "Sealing".

#: A writing process seals after this many events of its own (settings.AUDIT_SEAL_EVERY) ...
SEAL_EVERY = getattr(settings, "AUDIT_SEAL_EVERY", 100)
#: ... or when its oldest unsealed event is this many seconds old (settings.AUDIT_SEAL_AFTER).
SEAL_AFTER = getattr(settings, "AUDIT_SEAL_AFTER", 5.0)
#: The worker's task seals every this many seconds (settings.AUDIT_SEAL_TASK_INTERVAL).
SEAL_TASK_INTERVAL = getattr(settings, "AUDIT_SEAL_TASK_INTERVAL", 60)
#: Verification reports an event still unsealed this long after it was written (settings.AUDIT_UNSEALED_MAX_AGE).
UNSEALED_MAX_AGE = datetime.timedelta(seconds=getattr(settings, "AUDIT_UNSEALED_MAX_AGE", 15 * 60))
#: Events sealed per transaction of the sealer.
SEAL_BATCH = 1000
#: A writing process's seal on PostgreSQL starts after the last id its previous seal saw, and from the first id
#: only this often (settings.AUDIT_SEAL_FULL_AFTER, seconds); the worker's task and verify always start there.
SEAL_FULL_AFTER = getattr(settings, "AUDIT_SEAL_FULL_AFTER", 60.0)
# PostgreSQL advisory lock held by the one sealer at work (any number: it only has to be ours).
_SEAL_LOCK_ID = 0x7769_6A6B_6175_6469  # 'wijkaudi'

logger = logging.getLogger(__name__)


class _Window:
    """This process's unsealed events: how many, and since when (for (c) above)."""

    lock = threading.Lock()
    count = 0
    since: float | None = None
    # A seal is due and waits for the end of the current request (_seal_after_request).
    after_request = False


class _Mark:
    """Where this process's next seal starts (PostgreSQL), and when it last started from the first id.

    Sealing takes an event out of the partial index `audit_unsealed` by an UPDATE, which on PostgreSQL leaves the
    old entry behind, pointing at a dead row, until VACUUM reaches the table: with millions of events, rarely. A
    seal that starts from the first id visits every such entry and its row, and the start page's seal, every fourth
    request, spent 12 ms reading and 22 ms updating about 110 events, the index holding 26.000 dead entries (issue
    17: 44 % of that page's database time). Starting after the last id seen visits only the events written since.
    What that skips is an event whose transaction committed after a seal had passed its id (a lower id can commit
    later); its MAC already guards its content, and the next pass from the first id, at most SEAL_FULL_AFTER seconds
    on, seals it."""

    after = 0
    full_at: float | None = None


def _write(gemeente_id: int | None, actor, events: list[AuditEvent]) -> None:
    """Inserts `events` unsealed in the actor's chain; the caller holds a transaction. One statement."""
    key = chain_key(gemeente_id, actor)
    for event in events:
        event.chain, event.seq, event.prev_hash, event.hash = key, None, "", ""
        event.mac = event.compute_mac()
    if connection.vendor == "postgresql" and all(e.pk is None for e in events):  # (a test may give the id)
        _insert_postgresql(events)
    elif len(events) == 1:
        events[0].save()
    else:
        AuditEvent.objects.bulk_create(events, batch_size=500)
    transaction.on_commit(functools.partial(_written, len(events)), robust=True)


@functools.cache
def _insert_opzet() -> tuple[str, tuple]:
    """_insert_postgresql's statement and, per column, how a value is made ready for it."""
    from django.db import models

    velden = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
    kolommen = ", ".join(connection.ops.quote_name(f.column) for f in velden)
    # Array types without a length (varchar[], not varchar(40)[]): a cast to varchar(n) cuts a longer text off
    # without an error, and the row would be stored unlike the event whose MAC was computed (Django's own
    # bulk insert drops the length for the same reason); the column still refuses a text too long.
    rijen = ", ".join(f"%s::{f.cast_db_type(connection).split('(')[0]}[]" for f in velden)
    sql = (f"INSERT INTO {connection.ops.quote_name(AuditEvent._meta.db_table)} ({kolommen}) "
           f"SELECT * FROM UNNEST({rijen}) RETURNING {connection.ops.quote_name(AuditEvent._meta.pk.column)}")

    def als(soort):  # what the field's get_db_prep_save does to this model's values, without its cost per value
        return lambda v: v if v is None or type(v) is soort else soort(v)

    klaar = tuple((f.attname, als(str) if isinstance(f, models.CharField | models.TextField)
                   else als(int) if isinstance(f, models.IntegerField | models.ForeignKey) else None) for f in velden)
    return sql, klaar


def _insert_postgresql(events: list[AuditEvent]) -> None:
    """The events in one INSERT of side-by-side arrays, their ids read back: what bulk_create does on PostgreSQL,
    without its preparation of every field of every event (three quarters of an audited page's audit time in
    Python: a start page discloses thirty residents, issue 17)."""
    sql, klaar = _insert_opzet()
    waarden = [[getattr(e, naam) for e in events] if maak is None else [maak(getattr(e, naam)) for e in events]
               for naam, maak in klaar]
    with connection.cursor() as cursor:
        cursor.execute(sql, waarden)
        ids = [rij[0] for rij in cursor.fetchall()]
    for event, pk in zip(events, ids, strict=True):
        event.pk = pk
        event._state.adding, event._state.db = False, connection.alias


def _written(n: int) -> None:
    """After a commit with `n` events: seal when this process's window is full or old (never raises)."""
    now = time.monotonic()
    with _Window.lock:
        _Window.count += n
        if _Window.since is None:
            _Window.since = now
        due = _Window.count >= SEAL_EVERY or now - _Window.since >= SEAL_AFTER
    if not due:
        return
    if current.get().request is not None:
        # The seal costs a batch of UPDATEs, and the request that filled the window would wait for all of them
        # (the tail of the pages' latency). It runs when the server has sent the response instead.
        with _Window.lock:
            _Window.after_request = True
        return
    _seal_due()


@receiver(request_finished, dispatch_uid="wijkregie.core.audit.seal_after_request")
def _seal_after_request(sender, **kwargs) -> None:
    """The WSGI server closed the response (it has been sent): the seal a commit of this request found due."""
    with _Window.lock:
        due, _Window.after_request = _Window.after_request, False
    if due:
        _seal_due()


def _seal_due() -> None:
    now = time.monotonic()
    full = connection.vendor != "postgresql" or _Mark.full_at is None or now - _Mark.full_at >= SEAL_FULL_AFTER
    try:
        # At most two batches here: a backlog (the worker was down) must not land on one request.
        sealed = audit_seal(wait=False, batches=2, after=0 if full else _Mark.after)
    except DatabaseError:
        # The events are committed and stay unsealed; the next commit, the worker or verify seals them.
        logger.warning("auditgebeurtenissen verzegelen mislukt; volgende poging later", exc_info=True)
        return
    if sealed is not None:  # None: another process was sealing; try again at the next commit
        with _Window.lock:
            _Window.count, _Window.since = 0, None
        if full:
            _Mark.full_at = now


def _seal_lock(wait: bool) -> bool:
    """One sealer at a time (PostgreSQL: an advisory lock until the transaction ends).

    SQLite needs none: its transactions start IMMEDIATE (settings), so the sealer holds the write lock.
    """
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        if wait:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_SEAL_LOCK_ID])
            return True
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_SEAL_LOCK_ID])
        return bool(cursor.fetchone()[0])


def _locked_heads(keys: list[str], gemeente_ids: dict[str, int | None]) -> dict[str, AuditChain]:
    """The heads of `keys`, locked; a chain's head is created when its first event is sealed."""
    heads = {c.key: c for c in AuditChain.objects.select_for_update().filter(key__in=keys).order_by("key")}
    missing = [key for key in keys if key not in heads]
    if missing:
        AuditChain.objects.bulk_create(
            [AuditChain(key=key, gemeente_id=gemeente_ids[key], signature=head_signature(key, 0, "", gemeente_ids[key]))
             for key in missing],
            ignore_conflicts=True,
        )
        heads.update({c.key: c for c in AuditChain.objects.select_for_update().filter(key__in=missing)})
    return heads


def _seal_batch(after: int) -> tuple[int, int, bool] | None:
    """Seals up to SEAL_BATCH unsealed events with id > `after`; returns (sealed, last id seen, whether more may
    follow) or None at the end.

    Chain order is the order in which the sealer finds events (by id within a batch), not id order as
    such: on PostgreSQL a lower id can commit later, and is then found and sealed by a later batch.
    An event whose content MAC does not hold, or of a chain whose head is not signed, is left unsealed
    for verification to report: sealing it would give a forged row or a forged head a valid hash.
    """
    batch = list(AuditEvent.objects.filter(seq__isnull=True, pk__gt=after).order_by("pk")[:SEAL_BATCH])
    if not batch:
        return None
    by_chain: dict[str, list[AuditEvent]] = {}
    for event in batch:
        by_chain.setdefault(event.chain, []).append(event)
    keys = sorted(by_chain)
    heads = _locked_heads(keys, {key: by_chain[key][0].gemeente_id for key in keys})
    rows, changed = [], []
    for key in keys:
        head = heads[key]
        if not hmac.compare_digest(head.signature, head.expected_signature()):
            logger.warning("auditketen %s: kop niet ondertekend, gebeurtenissen niet verzegeld", key)
            continue
        seq, prev = head.length, head.last_hash
        for event in by_chain[key]:
            if not hmac.compare_digest(event.mac, event.compute_mac()):
                logger.warning("auditgebeurtenis id=%s: inhoudscode klopt niet, niet verzegeld", event.pk)
                continue
            seq += 1
            event.seq, event.prev_hash = seq, prev
            event.hash = prev = event.compute_hash()
            rows.append((event.seq, event.prev_hash, event.hash, event.pk))
        if seq != head.length:
            head.length, head.last_hash = seq, prev
            head.signature = head.expected_signature()
            changed.append(head)
    if rows:
        table = connection.ops.quote_name(AuditEvent._meta.db_table)
        with connection.cursor() as cursor:
            # The one UPDATE an event ever sees (PostgreSQL's trigger allows exactly this): its place in
            # the chain, only while it has none. A row sealed meanwhile makes the whole batch roll back.
            if connection.vendor == "postgresql":
                # One statement for the batch (the arrays side by side as rows), not one per event: a
                # statement per event was a tenth of the database's statements under load (issue 17). The id
                # range keeps the plan's scan of `audit_unsealed` to the batch's own ids: the whole index is
                # mostly dead entries (_Mark), and PostgreSQL estimated it at one row and read all of it.
                seqs, prevs, hashes, ids = (list(kolom) for kolom in zip(*rows, strict=True))
                cursor.execute(
                    f"UPDATE {table} AS e SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash "
                    "FROM UNNEST(%s::bigint[], %s::varchar[], %s::varchar[], %s::bigint[]) "
                    "AS v(seq, prev_hash, hash, id) WHERE e.id = v.id AND e.seq IS NULL AND e.id BETWEEN %s AND %s",
                    [seqs, prevs, hashes, ids, min(ids), max(ids)])
                verzegeld = cursor.rowcount
            else:
                cursor.executemany(
                    f"UPDATE {table} SET seq = %s, prev_hash = %s, hash = %s WHERE id = %s AND seq IS NULL", rows)
                verzegeld = cursor.rowcount
            if verzegeld not in (-1, len(rows)):
                raise DatabaseError("audit seal: events sealed concurrently")
        for head in changed:
            AuditChain.objects.filter(pk=head.pk).update(length=head.length, last_hash=head.last_hash,
                                                         signature=head.signature)
    return len(rows), batch[-1].pk, len(batch) == SEAL_BATCH


def audit_seal(*, wait: bool = True, batches: int | None = None, after: int = 0) -> int | None:
    """Seals every committed unsealed event with an id above `after` into its chain, in short transactions of
    SEAL_BATCH events.

    Returns how many were sealed, or None when `wait` is false and another sealer is at work (it will
    take these events too, or the next attempt will). `batches` stops after so many transactions.
    Writers never wait for it: they only insert. The last id seen is where this process's next seal may
    start (_Mark).
    """
    total = 0
    for _ in itertools.count() if batches is None else range(batches):
        with transaction.atomic():
            if not _seal_lock(wait):
                return None
            done = _seal_batch(after)
        if done is None:
            break
        sealed, after, more = done
        with _Window.lock:  # a thread's lower mark must not replace a higher one (more reading, never less)
            _Mark.after = max(_Mark.after, after)
        total += sealed
        if not more:  # a batch not full read every committed unsealed event after `after`: no need to ask again
            break
    return total


def _schedule_seal_task() -> None:
    """Queues `audit_verzegelen` SEAL_TASK_INTERVAL seconds from now, unless a run is queued already."""
    backend = audit_verzegelen.get_backend()
    if not getattr(backend, "supports_defer", False):
        return
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another deferring backend: it may hold a duplicate, harmless
        pass
    else:
        if DBTaskResult.objects.filter(task_path=audit_verzegelen.module_path, status="READY").exists():
            return
    run_after = timezone.now() + datetime.timedelta(seconds=SEAL_TASK_INTERVAL)
    audit_verzegelen.using(run_after=run_after).enqueue()


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


def _zelfde_met(sjabloon: AuditEvent, **anders) -> AuditEvent:
    """A new event equal to `sjabloon` but for `anders`: its fields copied, not made again by Model.__init__ (a
    start page discloses thirty residents; making each event was a third of its audit time, issue 17). AuditEvent
    has no __init__, receiver or field default of its own that this would skip (core/tests/test_audit_zelfde_met.py
    compares with events made one by one)."""
    event = AuditEvent.__new__(AuditEvent)
    event.__dict__.update(sjabloon.__dict__)
    event._state = ModelState()
    event.__dict__.update(anders)
    return event


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
    """Write one event for the actor's chain in the gemeente. Must run inside the caller's transaction.

    One INSERT, no lock: the event is sealed into the chain after the commit (`audit_seal`).

    `omschrijving` says which data (field names, a count), never the data itself: the audit trail
    is for accountability, not a second copy of the file. `rol` defaults to the actor's role codes,
    `doel` (purpose of use) to the statutory task.
    """
    return audit_events(actor=actor, gemeente_id=gemeente_id, events=[{
        "actie": actie, "object_type": object_type, "object_id": object_id, "client_id": client_id,
        "omschrijving": omschrijving, "grondslag": grondslag, "resultaat": resultaat, "namens": namens,
        "rol": rol, "doel": doel,
    }])[0]


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
    the privacy officer finds each of them under that resident. All events are one bulk insert (one
    statement whatever the number of persons, no lock); duplicates and empty ids are dropped, an
    empty list writes nothing. `omschrijving` names the data
    ('zoekresultaat', 'werkvoorraad'), never the data itself.
    """
    ids = list(dict.fromkeys(int(c) for c in client_ids if c is not None))
    if not ids:
        return []
    if gemeente_id is None and actor is not None:
        gemeente_id = getattr(actor, "gemeente_id", None)
    sjabloon = _event(
        actor=actor, gemeente_id=gemeente_id, rol=actor_rol(actor), namens="", doel=doel, tijd=timezone.now(),
        client_id=ids[0], object_type=object_type, object_id=str(object_id or ""), actie=actie,
        omschrijving=omschrijving, grondslag=grondslag, resultaat=resultaat,
    )
    events = [sjabloon, *(_zelfde_met(sjabloon, client_id=client_id) for client_id in ids[1:])]
    with transaction.atomic(savepoint=False):
        _write(gemeente_id, actor, events)
    return events


def audit_events(*, actor, events: Iterable[dict], gemeente_id: int | None = None) -> list[AuditEvent]:
    """Several events of one actor in one insert: a page that records its own read and other disclosures at
    once (the casus page: its hoofdpersoon's file and the household's members, issue 17). Each dict holds
    audit_log's keywords (actie, object_type, and optionally object_id, client_id, omschrijving, grondslag,
    resultaat, namens, rol, doel); the events are the ones audit_log would write one by one."""
    if gemeente_id is None and actor is not None:
        gemeente_id = getattr(actor, "gemeente_id", None)
    tijd = timezone.now()
    geschreven = [
        _event(
            actor=actor, gemeente_id=gemeente_id, rol=e.get("rol", ""), namens=e.get("namens", ""),
            doel=e.get("doel", ""), tijd=tijd, client_id=e.get("client_id"), object_type=e["object_type"],
            object_id=str(e.get("object_id") or ""), actie=e["actie"], omschrijving=e.get("omschrijving", ""),
            grondslag=e.get("grondslag", "rol"), resultaat=e.get("resultaat", AuditResultaat.GELUKT),
        )
        for e in events
    ]
    if geschreven:
        # No savepoint of its own: the events belong to the caller's transaction, all or nothing, and a
        # savepoint would cost two statements on every audited page (bench/README.md, queries per request).
        with transaction.atomic(savepoint=False):
            _write(gemeente_id, actor, geschreven)
    return geschreven


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
        return _broken(
            0, key, f"ontbreekt: het controlepunt van {since} kende {known[key]['lengte']} gebeurtenissen"
        ), snapshot
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
    for event in AuditEvent.objects.filter(seq__isnull=False).order_by("chain", "seq").iterator(chunk_size=5000):
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
    # The unsealed events (after the seal at the start, only those committed since, normally none):
    # their content must hold, and none may wait longer than UNSEALED_MAX_AGE for its seal.
    oldest = timezone.now() - UNSEALED_MAX_AGE
    for event in AuditEvent.objects.filter(seq__isnull=True).order_by("pk").iterator(chunk_size=5000):
        if not hmac.compare_digest(event.mac, event.compute_mac()):
            return _broken(total, event.chain, f"niet-verzegelde gebeurtenis id={event.pk}: inhoud gewijzigd of "
                                               "ingevoegd zonder de auditsleutel"), snapshot
        if event.tijd < oldest:
            return _broken(total, event.chain, f"gebeurtenis id={event.pk} van {_when(event.tijd.isoformat())} is "
                                               "nog niet verzegeld (verzegelen werkt niet)"), snapshot
        total += 1
    return VerifyResult(True, total), snapshot


def audit_verify(*, checkpoint: bool = False) -> VerifyResult:
    """Seal what is waiting, recompute every chain and check it against its signed head and the last checkpoint.

    Reports the first event whose hash, sequence or link does not hold, a head that is not signed
    with AUDIT_KEY, a chain shorter than or different from its checkpoint, a checkpointed chain
    that is gone, naming the chain, and an unsealed event whose content MAC does not hold or that
    is older than UNSEALED_MAX_AGE. Each chain is checked up to its head as read at the start, so
    events sealed by a busy system meanwhile are checked on the next run. When everything holds,
    the checkpoint moves forward. The outcome is recorded (AuditVerificatie) for the privacy officer.

    `checkpoint=True` is what the command and the daily task run; without it only the database is
    checked (the chains, their signed heads), as tests of a throw-away database need.
    """
    audit_seal()  # every committed event into its chain first, so what is checked is the whole trail
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
    """Daily (queued by `wijkregie audit verify --wachtrij`, make run, or a timer): verify and checkpoint.

    It also (re)starts the worker's sealing task, which then queues itself every SEAL_TASK_INTERVAL.
    """
    ok = audit_verify(checkpoint=True).ok
    _schedule_seal_task()
    return ok


@task()
def audit_verzegelen() -> int:
    """On the worker: seal what the writing processes left unsealed (an idle process's last events),
    then queue the next run SEAL_TASK_INTERVAL seconds later. Returns how many events were sealed."""
    sealed = audit_seal()
    _schedule_seal_task()
    return sealed


__all__ = [
    "AuditActie", "AuditResultaat", "CheckpointStore", "VerifyResult", "audit_controleren", "audit_disclosure",
    "audit_log", "audit_object", "audit_refused", "audit_seal", "audit_verification_last", "audit_verify",
    "audit_verzegelen",
]


def audit_dossier(*, actor, actie: str, dossier, object_type: str, object_id: object = "", omschrijving: str = "",
                  **kwargs) -> AuditEvent:
    """`audit_log` for an event in a resident's file: the gemeente and the client are those of `dossier`,
    the casus (client: its hoofdpersoon) or the aanmelding (client: the resident it is for) the event
    belongs to. Runs inside the caller's transaction, as `audit_log` does."""
    client_id = dossier.hoofdpersoon_id if hasattr(dossier, "hoofdpersoon_id") else getattr(dossier, "persoon_id", None)
    return audit_log(actor=actor, actie=actie, object_type=object_type, object_id=object_id,
                     gemeente_id=dossier.gemeente_id, client_id=client_id, omschrijving=omschrijving, **kwargs)
