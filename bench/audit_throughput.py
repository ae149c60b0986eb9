"""Audited writes per second for one gemeente: is the audit chain the ceiling? (issue 17, item 2)

    scripts/with-postgres.sh .venv/bin/python bench/audit_throughput.py [--seconds 5] [--writers 1,4,16]

Migrates the (empty) database DATABASE_URL points at, makes one gemeente with 16 medewerkers, then for
each number of writers starts that many processes. Each writes audited transactions as a request does:
`transaction.atomic()`, one `audit_log`, then `--rest` milliseconds of the rest of the request inside
the same transaction (`pg_sleep` on PostgreSQL: the view's other queries and its rendering, during which
a lock taken by the audit write is still held), commit. Two cases:

- **one actor**: every writer acts as the same actor (the system's tasks, one partner API key, one
  medewerker with several tabs): they all append to one chain;
- **own actor**: every writer is another medewerker of the gemeente (one chain each).

Printed per case: committed transactions (= events) per second over `--seconds`, p95 latency of one
transaction, and after the run the unsealed events left and `audit_verify()`. Runs against the code
on PYTHONPATH, so the code before a change can be measured from a `git worktree` of the old commit:

    PYTHONPATH=/tmp/audit-before/src scripts/with-postgres.sh .venv/bin/python bench/audit_throughput.py
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time


def _create_database() -> None:
    """scripts/with-postgres.sh makes a cluster, not the database DATABASE_URL names: create it when missing."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgresql://"):
        return
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _setup() -> None:
    _create_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkregie.config.settings")
    os.environ.setdefault("WIJKREGIE_DEMO", "1")
    os.environ.setdefault("WIJKREGIE_DATA_DIR", tempfile.mkdtemp(prefix="audit-bench-"))
    import django

    django.setup()


def _writer(actor_pk: int, system: bool, rest_ms: float, start_at: float, stop_at: float, out) -> None:
    from django.db import connection, connections, transaction

    from wijkregie.core.audit import AuditActie, audit_log
    from wijkregie.organisatie.models import Medewerker

    connections.close_all()  # never share the parent's connection after fork
    actor = None if system else Medewerker.objects.get(pk=actor_pk)
    gemeente_id = Medewerker.objects.values_list("gemeente_id", flat=True).get(pk=actor_pk)
    pg = connection.vendor == "postgresql"
    latencies = []
    while time.time() < start_at:
        time.sleep(0.001)
    n = 0
    while True:
        t0 = time.perf_counter()
        if time.time() >= stop_at:
            break
        with transaction.atomic():
            audit_log(actor=actor, actie=AuditActie.READ, object_type="inwoners.persoon", object_id=n,
                      gemeente_id=gemeente_id, client_id=1000 + n, omschrijving="dossier")
            if rest_ms:
                with connection.cursor() as cursor:
                    if pg:
                        cursor.execute("SELECT pg_sleep(%s)", [rest_ms / 1000])
                    else:
                        time.sleep(rest_ms / 1000)
        latencies.append(time.perf_counter() - t0)
        n += 1
    connections.close_all()
    out.put((n, latencies))


def _run(writers: int, system: bool, actors: list[int], rest_ms: float, seconds: float) -> dict:
    from django.db import connections

    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    start_at = time.time() + 1.0 + 0.05 * writers  # every process forked and connected first
    stop_at = start_at + seconds
    procs = [ctx.Process(target=_writer, args=(actors[i % len(actors)], system, rest_ms, start_at, stop_at, out))
             for i in range(writers)]
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    total = sum(n for n, _ in results)
    lat = sorted(x for _, ls in results for x in ls)
    p95 = lat[int(0.95 * (len(lat) - 1))] if lat else 0.0
    return {"writers": writers, "actor": "one actor" if system else "own actor", "events": total,
            "per_s": total / seconds, "p95_ms": 1000 * p95, "median_ms": 1000 * statistics.median(lat) if lat else 0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--writers", default="1,4,16")
    parser.add_argument("--rest", type=float, default=2.0, help="ms of the request's other work after the audit write")
    parser.add_argument("--seal-every", type=int, default=0,
                        help="the writers seal after this many events of their own (0: the code's default); a "
                             "large number leaves all sealing to the end, to measure what sealing after a commit costs")
    args = parser.parse_args()
    _setup()
    from django.core.management import call_command
    from django.db import connection

    from wijkregie.core import audit
    from wijkregie.core.models import AuditEvent, Gemeente
    from wijkregie.testing import make_medewerker

    call_command("migrate", verbosity=0)
    gemeente, _ = Gemeente.objects.get_or_create(slug="bench-audit", defaults={"naam": "Bench Audit"})
    actors = [make_medewerker(gemeente, f"bench-audit-{i}", "medewerker").pk for i in range(16)]
    sealer = getattr(audit, "audit_seal", None)
    if args.seal_every and sealer:
        audit.SEAL_EVERY, audit.SEAL_AFTER = args.seal_every, 1e9  # inherited by the forked writers
    print(f"database: {connection.vendor}; code: {audit.__file__}; rest of the transaction: {args.rest} ms; "
          f"writers seal every {getattr(audit, 'SEAL_EVERY', '-')} events or {getattr(audit, 'SEAL_AFTER', '-')} s; "
          f"{args.seconds:.0f} s per case; cores: {os.cpu_count()}; load before: {os.getloadavg()[0]:.2f}")
    rows = []
    for system in (True, False):
        for writers in (int(w) for w in args.writers.split(",")):
            row = _run(writers, system, actors, args.rest, args.seconds)
            row["unsealed_after"] = AuditEvent.objects.filter(seq__isnull=True).count() if sealer else 0
            row["load"] = os.getloadavg()[0]
            rows.append(row)
            print(f"  {row['actor']:9} {writers:3} writers: {row['per_s']:8.1f} events/s   "
                  f"median {row['median_ms']:6.1f} ms   p95 {row['p95_ms']:7.1f} ms   "
                  f"unsealed at the end {row['unsealed_after']:5}   load {row['load']:.2f}", flush=True)
    t0 = time.perf_counter()
    sealed = sealer() if sealer else 0
    t_seal = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = audit.audit_verify()
    t_verify = time.perf_counter() - t0
    print(
        f"sealed at the end: {sealed} in {t_seal:.2f} s ({sealed / max(t_seal, 1e-9):.0f} events/s); "
        f"verify: {'intact' if result.ok else result.reason}, "
        f"{result.events} events in {t_verify:.2f} s"
    )
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
