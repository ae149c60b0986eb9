"""Reads that may go to a PostgreSQL streaming replica (issue 17, docs/scaling.md).

A read goes to the replica alias (settings.DATABASES["replica"], from WIJKREGIE_REPLICA_URL) only when all
of these hold; otherwise it goes to the primary ("default"), as every write always does:

- the code says it may: it runs inside `replica_reads` (a decorator or a context manager) — the monitor's
  figures, the exports and person search, whose reads tolerate seconds of staleness;
- both databases are PostgreSQL (on SQLite there is no replication: the router is inert);
- the replica's replay lag is at most settings.REPLICA_MAX_LAG seconds (CommCare uses 3 s), measured on
  the replica and cached for LAG_CACHE_SECONDS in each process; a replica that cannot be asked counts as
  lagging;
- the request has not written (read your own writes), and the same browser has not written in the last
  settings.REPLICA_AFTER_WRITE seconds (PrimaryAfterWriteMiddleware: a short-lived cookie, no personal data).

Writes to the audit trail and the session do not count as writes here: every audited read writes its audit
event, and a page that only recorded who looked at it has changed nothing it reads.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA = "replica"
COOKIE = "wijkregie_primair"
# After a request that changed data a server process keeps for seconds (stale_read_allowed), with or without
# a replica: the same browser's pages are answered from the database itself for REPLICA_AFTER_WRITE seconds.
MEMORY_COOKIE = "wijkregie_vers"
LAG_CACHE_SECONDS = 1.0

logger = logging.getLogger(__name__)

_replica_allowed: ContextVar[bool] = ContextVar("replica_allowed", default=False)
_wrote: ContextVar[bool] = ContextVar("wrote", default=False)
_wrote_recently: ContextVar[bool] = ContextVar("wrote_recently", default=False)
_changed_memory: ContextVar[bool] = ContextVar("changed_memory", default=False)
_changed_memory_recently: ContextVar[bool] = ContextVar("changed_memory_recently", default=False)
_lag = {"until": 0.0, "fresh": False}

# Model labels whose writes leave what a page reads unchanged (see above). A prefix: the audit trail's models.
BOOKKEEPING_PREFIXES = ("core.audit", "sessions.session")

# The replica's replay lag in seconds. On a replica that has replayed everything it received from a
# connected primary, pg_last_xact_replay_timestamp() is the time of the last transaction, which can be old
# when the primary is idle: then the lag is 0. A server not in recovery (the tests' mirror) has none.
LAG_SQL = """
SELECT CASE
  WHEN NOT pg_is_in_recovery() THEN 0
  WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
       AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN 0
  ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 'Infinity')
END
"""


def replica_configured() -> bool:
    """A replica alias exists and both it and the primary are PostgreSQL."""
    databases = connections.settings
    return REPLICA in databases and all(
        databases[alias].get("ENGINE") == "django.db.backends.postgresql" for alias in (DEFAULT_DB_ALIAS, REPLICA))


def measure_lag() -> float:
    """Seconds the replica's replay is behind (tests replace this to make the lag controllable)."""
    with connections[REPLICA].cursor() as cursor:
        cursor.execute(LAG_SQL)
        return float(cursor.fetchone()[0])


def replica_fresh() -> bool:
    """The replica's lag is within the bound: measured at most once a LAG_CACHE_SECONDS per process."""
    now = time.monotonic()
    if now < _lag["until"]:
        return _lag["fresh"]
    try:
        fresh = measure_lag() <= settings.REPLICA_MAX_LAG
    except DatabaseError:
        logger.warning("read replica unreachable: reads stay on the primary")
        fresh = False
    _lag.update(until=now + LAG_CACHE_SECONDS, fresh=fresh)
    return fresh


def forget_lag():
    """Measure the lag again at the next read (tests)."""
    _lag.update(until=0.0, fresh=False)


@contextlib.contextmanager
def _allowing_replica():
    token = _replica_allowed.set(True)
    try:
        yield
    finally:
        _replica_allowed.reset(token)


def replica_reads(func=None):
    """The reads inside may go to the replica: `@replica_reads` on a function, or `with replica_reads():`."""
    if func is None:
        return _allowing_replica()

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with _allowing_replica():
            return func(*args, **kwargs)

    return wrapper


def stale_read_allowed() -> bool:
    """May this read be answered from what a server process keeps for up to settings.REPLICA_MAX_LAG seconds,
    as a replica read may be that old?

    Only inside a request that cannot write (GET or HEAD), or inside a read the code marks as a replica read
    (`replica_reads`: the person search, which posts to keep names and BSNs out of URLs, may read the replica
    anyway), that has not written, from a browser that has not changed such kept data in the last
    REPLICA_AFTER_WRITE seconds (MEMORY_COOKIE): what a medewerker has just changed, they see changed,
    whichever process serves them next; a check that guards a write is always made on the current data.
    Outside a request (commands, tasks): never."""
    from .context import current

    request = current.get().request
    return request is not None and (getattr(request, "method", None) in ("GET", "HEAD") or _replica_allowed.get()) \
        and not _wrote.get() and not _changed_memory_recently.get()


def memory_changed() -> None:
    """This request wrote data that a server process keeps for seconds (core.querying.KortGeheugen.vergeet):
    the browser's next pages must not be answered from another process's copy (MEMORY_COOKIE)."""
    _changed_memory.set(True)


class _Scope:
    """What request_scope yields: called, whether the scope wrote; `changed_memory()`, whether it changed data
    a process keeps for seconds."""

    def __call__(self) -> bool:
        return _wrote.get()

    def changed_memory(self) -> bool:
        return _changed_memory.get()


@contextlib.contextmanager
def request_scope(*, wrote_recently: bool = False, changed_memory_recently: bool = False):
    """One request (or test): nothing written yet; `wrote_recently` if the same browser wrote moments ago,
    `changed_memory_recently` if it changed data a process keeps for seconds. Yields a _Scope: called, it
    tells whether this scope wrote; `changed_memory()`, whether it changed such data."""
    variables = (_replica_allowed, _wrote, _wrote_recently, _changed_memory, _changed_memory_recently)
    tokens = [var.set(value) for var, value in
              zip(variables, (False, False, wrote_recently, False, changed_memory_recently))]

    try:
        yield _Scope()
    finally:
        for var, token in zip(variables, tokens):
            var.reset(token)


def _bookkeeping(model) -> bool:
    return model is not None and model._meta.label_lower.startswith(BOOKKEEPING_PREFIXES)


class ReplicaRouter:
    """settings.DATABASE_ROUTERS: reads to the replica under the conditions above, everything else to default."""

    def db_for_read(self, model, **hints):
        if _replica_allowed.get() and not _wrote.get() and not _wrote_recently.get() and replica_configured() \
                and replica_fresh():
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        if not _bookkeeping(model):
            _wrote.set(True)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the primary's rows: an object read there is the same object

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db == REPLICA else None  # a standby is read-only; it gets the schema by replication


class PrimaryAfterWriteMiddleware:
    """Read your own writes across requests: after a request that wrote, the same browser's requests read
    the primary for settings.REPLICA_AFTER_WRITE seconds (a cookie that expires by itself). Without a
    replica it only scopes the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope(wrote_recently=COOKIE in request.COOKIES,
                           changed_memory_recently=MEMORY_COOKIE in request.COOKIES) as wrote:
            response = self.get_response(request)
            for cookie, set_it in ((COOKIE, wrote() and replica_configured()),
                                   (MEMORY_COOKIE, wrote.changed_memory())):
                if set_it:
                    response.set_cookie(cookie, "1", max_age=settings.REPLICA_AFTER_WRITE, httponly=True,
                                        samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
        return response
