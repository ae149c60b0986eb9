"""`make bench`: generate or reuse a dataset, serve it as production does, load it, report.

    BENCH_DB=sqlite|postgresql BENCH_SIZE=den-helder|utrecht|miljoen BENCH_SESSIONS=50 BENCH_SECONDS=60 make bench
    .venv/bin/python bench/run.py --db postgresql --size utrecht --sessions 16 --seconds 60

Every option is also an environment variable (BENCH_<NAME>); flags win. See bench/README.md for how
to read the table. Results: stdout and bench/results/latest.json (one entry per db/size/sessions/seconds).
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
# BENCH_DATA moves the datasets and the PostgreSQL clusters elsewhere (two benches at once on one machine).
DATA = Path(os.environ.get("BENCH_DATA") or BENCH / "data").resolve()
RESULTS = BENCH / "results"
VENV = ROOT / ".venv" / "bin"
SECRET_KEY = "bench-only-secret-key-for-a-throw-away-database-0123456789"
# Uploaded documents are encrypted at rest outside demo mode (core/versleuteling.py): a bench-only key.
DOCUMENT_KEY = base64.urlsafe_b64encode(b"bench-only-document-key-32-bytes").decode()
# The application's shared cache (the monitor's figures): emptied before every run, as on a fresh
# deployment, so no run is served figures computed in an earlier run on another dataset.
CACHE_DIR = DATA / "app" / "cache"

# The numbers to beat (issue 7). Limits per page in ms, by (db, size, sessions); None = any.
P95_LIMITS = [
    ("sqlite", "den-helder", 50, 100),
    ("postgresql", "utrecht", 16, 200),
]
FLOOR_RATIO = 3.0
MAX_QUERIES = 15
MAX_WEIGHT_KB = 50.0


def option(args, name, default, cast=str):
    value = getattr(args, name)
    if value is None:
        value = os.environ.get(f"BENCH_{name.upper()}") or default
    return cast(value)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, seconds: float = 60):
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"no answer from {url}")


# The hourly search limits per user (settings ZOEKLIMIET_PER_UUR, RESULTATENLIMIET_PER_UUR) are set out
# of reach: a bench session searches far more often than a person does (at BENCH_THINK=0,0 hundreds of
# times a minute), and the bench measures speed, not the limits. The limits themselves are tested in
# the test suite (bench/README.md). The counting still runs on every search, so its cost is measured.
SEARCH_LIMIT = "1000000000"


def base_env(database_url: str) -> dict:
    """The application's environment: production settings (no DEBUG, no demo mode, two-step login
    required), except plain HTTP on loopback (no TLS terminator here), the bench's query header and
    search limits out of reach (above). AUDIT_KEY is derived from the bench's SECRET_KEY, as the
    generator signed the dataset's audit chains with it."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DJANGO_", "WIJKREGIE_", "DATABASE_")) and k not in ("AUDIT_KEY", "SECRET_KEY")}
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY=SECRET_KEY,
        WIJKREGIE_DOCUMENT_KEY=DOCUMENT_KEY,
        WIJKREGIE_BENCH="1",
        WIJKREGIE_HTTPS="0",
        DEBUG="0",
        WIJKREGIE_DATA_DIR=str(DATA / "app"),
        LOG_LEVEL="WARNING",
        WIJKREGIE_CACHE_DIR=str(CACHE_DIR),
        WIJKREGIE_ZOEKLIMIET_PER_UUR=SEARCH_LIMIT,
        WIJKREGIE_RESULTATENLIMIET_PER_UUR=SEARCH_LIMIT,
    )
    return env


# --- PostgreSQL: one cluster under bench/data/pg, kept between runs -------------------------------
# Started by the one launcher, scripts/pgcluster.py (the tests' scripts/with-postgres.sh uses it too).

sys.path.insert(0, str(ROOT / "scripts"))
from pgcluster import NOT_DURABLE, Cluster  # noqa: E402

# Serving: PostgreSQL's durable defaults, with memory for a 24 GB machine.
SERVING = {"shared_buffers": "2GB", "work_mem": "16MB", "maintenance_work_mem": "1GB", "max_wal_size": "8GB",
           "effective_cache_size": "12GB", "random_page_cost": "1.1"}
# The replica as production runs one: hot standby (PostgreSQL's default), and feedback to the primary so a
# long monitor query on the replica is not cancelled by the primary's vacuum.
REPLICA_SETTINGS = {**SERVING, "hot_standby": "on", "hot_standby_feedback": "on"}


class Postgres(Cluster):
    """The bench's primary: bench/data/pg (or BENCH_DATA/pg), kept between runs with its datasets."""

    def __init__(self, directory: Path | None = None):
        super().__init__(directory or DATA / "pg")

    def start(self, loading: bool = False):
        if not self.initialised:
            self.init()
        # Loading: no fsync (a crash means generating again; a CHECKPOINT at the end makes it durable).
        super().start({**SERVING, **(NOT_DURABLE if loading else {})})

    def drop_replication_slots(self):
        """A slot keeps every WAL segment its replica has not received: none while a dataset is generated."""
        self.sql("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots")


def start_replica(pg: Postgres, dataset: str) -> Cluster:
    """A streaming replica of the bench's primary under DATA/pg-replica, made by pg_basebackup once per
    primary and dataset (scripts/pgcluster.py: a replication slot, -R), then kept: each run's database is
    made on the primary and reaches the replica by replication, as production's writes do."""
    replica = Cluster(DATA / "pg-replica")
    marker = DATA / "pg-replica.made-from"
    made_from = f"{pg.system_identifier()} {dataset}"
    if not replica.initialised or not marker.exists() or marker.read_text() != made_from:
        began = time.monotonic()
        marker.unlink(missing_ok=True)
        replica = pg.base_backup(replica.dir)
        marker.write_text(made_from)
        print(f"replica made by pg_basebackup in {time.monotonic() - began:.0f} s", flush=True)
    replica.follow(pg)
    replica.start(REPLICA_SETTINGS)
    return replica


def manage(env: dict, *args):
    subprocess.run([str(VENV / "wijkregie"), *args], env=env, check=True, cwd=ROOT)


def generate(env: dict, size: str, seed: int, info: Path) -> float:
    started = time.monotonic()
    manage(env, "migrate", "--no-input", "-v0")
    subprocess.run([str(VENV / "python"), str(BENCH / "generate.py"), "--size", size, "--seed", str(seed),
                    "--info", str(info)], env=env, check=True, cwd=ROOT)
    return time.monotonic() - started


GENERATOR = (BENCH / "generate.py", ROOT / "src" / "wijkregie" / "core" / "synthetisch.py")


def generator_version():
    """The generator is two files: what is drawn (core/synthetisch.py, shared with the demo and the tests)
    and how the bench writes it (generate.py); a change to either makes a new dataset."""
    version = hashlib.sha256()
    for part in GENERATOR:
        version.update(part.read_bytes())
    return version


def dataset_folder(db: str, size: str, seed: int) -> Path:
    """Where a dataset is cached: a new generator or a new migration makes a new dataset, so a cached
    one never meets a schema it was not made for."""
    version = generator_version()
    for migration in sorted((ROOT / "src" / "wijkregie").glob("*/migrations/0*.py")):
        version.update(str(migration.relative_to(ROOT)).encode())
    return DATA / f"{db}-{size}-seed{seed}-{version.hexdigest()[:8]}"


def prepare(db: str, size: str, seed: int, pg: Postgres | None, folder: Path) -> tuple[str, dict]:
    """The dataset (generated once, then reused) and a fresh copy of it for this run's writes."""
    info_path = folder / "info.json"
    folder.mkdir(parents=True, exist_ok=True)
    if db == "sqlite":
        seed_db = folder / "seed.sqlite3"
        if not info_path.exists():
            for f in folder.glob("seed.sqlite3*"):
                f.unlink()
            took = generate(base_env(f"sqlite:///{seed_db}"), size, seed, info_path)
            record_generation(info_path, took)
        run_db = folder / "run.sqlite3"
        for f in folder.glob("run.sqlite3*"):
            f.unlink()
        # The seed was closed cleanly (WAL checkpointed into the file), so a file copy is the whole database.
        shutil.copyfile(seed_db, run_db)
        return f"sqlite:///{run_db}", json.loads(info_path.read_text())
    seed_db = "seed_" + re.sub(r"\W", "_", folder.name)
    # Another version of the dataset (another checkout's generator) drops this one's database below: the
    # folder's info.json alone does not mean the database is still there.
    if not info_path.exists() or not pg.sql(f"SELECT 1 FROM pg_database WHERE datname = '{seed_db}'").strip():
        pg.drop_replication_slots()
        pg.stop()
        pg.start(loading=True)
        # Older versions of this dataset are of no more use: drop them with this one's leftovers.
        prefix = seed_db.rsplit("_", 1)[0]
        for old in pg.sql(f"SELECT datname FROM pg_database WHERE datname LIKE '{prefix}%'").split():
            pg.sql(f"DROP DATABASE IF EXISTS {old}")
        pg.sql(f"CREATE DATABASE {seed_db}")
        took = generate(base_env(pg.url(seed_db)), size, seed, info_path)
        pg.sql("CHECKPOINT")
        record_generation(info_path, took)
        pg.stop()
        pg.start(loading=False)
    pg.sql("DROP DATABASE IF EXISTS bench_run")
    # A file-level copy of the seed database: seconds, and every run starts from the same data. FILE_COPY
    # (not PostgreSQL 15's default WAL_LOG) also reaches a replica as one copy instead of gigabytes of WAL.
    pg.sql(f"CREATE DATABASE bench_run TEMPLATE {seed_db} STRATEGY = FILE_COPY")
    pg.sql("ANALYZE", db="bench_run")
    return pg.url("bench_run"), json.loads(info_path.read_text())


def record_generation(info_path: Path, seconds: float):
    info = json.loads(info_path.read_text())
    info["generation_seconds_total"] = round(seconds, 1)
    info_path.write_text(json.dumps(info, indent=1))
    print(f"dataset generated in {seconds:.1f} s (migrate + generate): {info['timings']}", flush=True)


def count_audit_events(
    db: str, database_url: str, pg: Postgres | None, start: float | None, stop: float | None
) -> int | None:
    """Audit events the application wrote in the measured period (lists write one per person shown)."""
    if not start or not stop:
        return None
    if db == "sqlite":
        import sqlite3

        fmt = lambda t: time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t)) + f".{int(t % 1 * 1e6):06d}"  # noqa: E731
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as conn:
            return conn.execute("SELECT COUNT(*) FROM core_auditevent WHERE tijd >= ? AND tijd < ?",
                                (fmt(start), fmt(stop))).fetchone()[0]
    return int(pg.sql(f"SELECT COUNT(*) FROM core_auditevent WHERE tijd >= to_timestamp({start}) "
                      f"AND tijd < to_timestamp({stop})", db="bench_run"))


# --- one logged-in client for the page weight and the probe of the dashboard ---------------------

class Browser:
    """A plain HTTP client that logs in with password and TOTP, as the load generator does."""

    def __init__(self, base: str, account: dict):
        import requests

        sys.path.insert(0, str(BENCH))
        from totp import totp  # the same RFC 6238 code as the load generator

        self.base = base
        self.s = requests.Session()
        csrf = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
        page = self.s.get(base + "/inloggen/")
        self.s.post(base + "/inloggen/", data={"username": account["username"], "password": account["password"],
                                                "csrfmiddlewaretoken": csrf.search(page.text).group(1)})
        page = self.s.get(base + "/inloggen/tweestaps/")
        r = self.s.post(
            base + "/inloggen/tweestaps/",
            allow_redirects=False,
            data={"code": totp(account["totp_key"]), "csrfmiddlewaretoken": csrf.search(page.text).group(1)},
        )
        if r.status_code != 302:
            raise SystemExit("the page-weight account could not log in (TOTP refused)")

    def get(self, path: str):
        return self.s.get(self.base + path, allow_redirects=False)

    def weight(self, path: str) -> dict:
        """First load of a page: its HTML and the CSS and JS it links, each gzip-compressed (level 6),
        as a browser with an empty cache fetches them."""
        r = self.get(path)
        if r.status_code != 200:
            return {"status": r.status_code}
        html = r.content
        assets = re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
        assets += re.findall(rb'<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"', html)
        assets += re.findall(rb'<script[^>]+src="([^"]+)"', html)
        sizes = {"html": len(gzip.compress(html, 6))}
        for url in sorted(set(assets)):
            body = self.s.get(urllib.parse.urljoin(self.base + path, url.decode())).content
            sizes[url.decode().rsplit("/", 1)[-1]] = len(gzip.compress(body, 6))
        return {"status": 200, "gzip_bytes": sum(sizes.values()), "parts": sizes}


# --- statistics ----------------------------------------------------------------------------------

def percentile(sorted_ms: list[float], p: float) -> float:
    """Nearest-rank percentile of the raw response times (no histogram buckets)."""
    if not sorted_ms:
        return float("nan")
    rank = max(1, -(-len(sorted_ms) * p // 100))
    return sorted_ms[int(rank) - 1]


def summarise(raw: dict, weights: dict, seconds: float) -> dict:
    pages = {}
    for name, page in raw["pages"].items():
        ms = sorted(page["ms"])
        q = page["queries"]
        pages[name] = {
            "requests": len(ms), "errors": page["errors"], "p50_ms": round(percentile(ms, 50), 1),
            "p95_ms": round(percentile(ms, 95), 1), "p99_ms": round(percentile(ms, 99), 1),
            "rps": round(len(ms) / seconds, 2) if seconds else None,
            "queries_mean": round(sum(q) / len(q), 1) if q else None, "queries_max": max(q) if q else None,
            "error_samples": page["error_samples"],
        }
    floor = pages.get("floor", {}).get("p95_ms")
    for name, page in pages.items():
        page["ratio_to_floor_p95"] = round(page["p95_ms"] / floor, 2) if floor else None
        w = weights.get(name, {})
        page["first_load_gzip_kb"] = round(w["gzip_bytes"] / 1024, 1) if w.get("gzip_bytes") else None
        page["first_load_parts"] = w.get("parts")
    return pages


ORDER = ["werkvoorraad", "tijdlijn", "zoeken-team", "zoeken-gemeente", "aanmelding-formulier", "aanmelding-registreren",
         "dashboard", "floor"]


def table(run: dict) -> str:
    head = f"{'page':<24}{'requests':>9}{'errors':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>8}" \
           f"{'SQL/req':>9}{'SQL max':>8}{'p95/floor':>10}{'KB gzip':>9}"
    lines = [
        f"run: db={run['db']} size={run['size']} sessions={run['sessions']} seconds={run['seconds']} mix={run['mix']} "
        f"(measured {run['measured_seconds']} s after {run['warmup']} s warm-up, think {run['think']} s, "
        f"{run['workers']} gunicorn workers)",
        head,
        "-" * len(head),
    ]
    names = [n for n in ORDER if n in run["pages"]] + sorted(n for n in run["pages"] if n not in ORDER)
    for name in names:
        p = run["pages"][name]
        fmt = lambda v, spec: format(v, spec) if v is not None else "-"  # noqa: E731
        lines.append(f"{name:<24}{p['requests']:>9}{p['errors']:>7}{p['p50_ms']:>9.1f}{p['p95_ms']:>9.1f}"
                     f"{p['p99_ms']:>9.1f}{fmt(p['rps'], '.2f'):>8}{fmt(p['queries_mean'], '.1f'):>9}"
                     f"{fmt(p['queries_max'], 'd'):>8}{fmt(p['ratio_to_floor_p95'], '.2f'):>10}"
                     f"{fmt(p['first_load_gzip_kb'], '.1f'):>9}")
    lines.append(f"'database is locked' in the server log: {run['database_locked']}")
    pages = {n: p for n, p in run["pages"].items() if n != "floor"}
    audited = sum(p["requests"] for p in pages.values())
    total = sum(p["requests"] for p in run["pages"].values())
    secs = run["measured_seconds"] or 1
    line = f"throughput: {total / secs:.1f} req/s in all, {audited / secs:.1f} audited req/s (every page but the floor)"
    if run.get("audit_events_measured") is not None:
        line += (f"; {run['audit_events_measured']} audit events written while measuring"
                 f" ({run['audit_events_measured'] / max(audited, 1):.2f} per audited request)")
    lines.append(line)
    return "\n".join(lines)


def targets(run: dict) -> list[tuple[str, bool, str]]:
    """Each number to beat that applies to this run: (target, met, measured)."""
    out = []
    pages = {n: p for n, p in run["pages"].items() if n != "floor"}
    for db, size, sessions, limit in P95_LIMITS:
        if (run["db"], run["size"], run["sessions"], run["mix"]) == (db, size, sessions, "all"):
            worst = max(pages.items(), key=lambda kv: kv[1]["p95_ms"])
            out.append((f"every page p95 <= {limit} ms", worst[1]["p95_ms"] <= limit,
                        f"worst {worst[0]} {worst[1]['p95_ms']} ms"))
            errors = sum(p["errors"] for p in run["pages"].values())
            out.append(("0 errors", errors == 0, f"{errors} errors"))
            if db == "sqlite":
                out.append(("0 'database is locked'", run["database_locked"] == 0, f"{run['database_locked']}"))
    if run["size"] == "miljoen" and "zoeken-gemeente" in pages:
        p = pages["zoeken-gemeente"]["p95_ms"]
        out.append((f"person search over {run['persons']:,} persons p95 <= 50 ms", p <= 50, f"{p} ms"))
    if run["size"] in ("utrecht", "miljoen") and "dashboard" in pages:
        p = pages["dashboard"]["p95_ms"]
        out.append(("wijk dashboard p95 <= 300 ms", p <= 300, f"{p} ms"))
    for name, p in pages.items():
        if p["ratio_to_floor_p95"] is not None:
            out.append((f"{name}: p95 <= 3 x floor p95", p["ratio_to_floor_p95"] <= FLOOR_RATIO,
                        f"{p['ratio_to_floor_p95']} x"))
        if p["queries_max"] is not None:
            out.append((f"{name}: <= {MAX_QUERIES} SQL queries", p["queries_max"] <= MAX_QUERIES,
                        f"max {p['queries_max']}, mean {p['queries_mean']}"))
        if p["first_load_gzip_kb"] is not None:
            out.append((f"{name}: first load <= {MAX_WEIGHT_KB:.0f} KB gzip", p["first_load_gzip_kb"] <= MAX_WEIGHT_KB,
                        f"{p['first_load_gzip_kb']} KB"))
    return out


# --- CPU time from /proc: the application, the database(s), the load generator, the rest of the machine --

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _process_table() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, CPU ticks of the process and of its children it has waited for)."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        table[int(entry)] = (int(fields[1]), sum(int(f) for f in fields[11:15]))
    return table


def cpu_seconds(roots: dict[str, int | None]) -> dict[str, float]:
    """CPU seconds used so far by each named process tree (user + system, children reaped included), and
    by the whole machine ("machine": every core's busy time from /proc/stat)."""
    table = _process_table()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    out = {}
    for name, root in roots.items():
        ticks, todo = 0, [root] if root in table else []
        while todo:
            pid = todo.pop()
            ticks += table[pid][1]
            todo.extend(children.get(pid, []))
        out[name] = ticks / CLOCK_TICKS
    with open("/proc/stat") as fh:
        cpu = [int(x) for x in fh.readline().split()[1:]]
    out["machine"] = (sum(cpu) - cpu[3] - cpu[4]) / CLOCK_TICKS  # all but idle and iowait
    return out


# --- one configuration: a server (and its database or two) under load --------------------------------

class Setup:
    """What a run needs to start a server: the options, the dataset and, on PostgreSQL, the clusters."""

    def __init__(self, db, size, seed, workers, warmup, mix, think):
        self.db, self.size, self.seed, self.workers, self.warmup, self.mix, self.think = \
            db, size, seed, workers, warmup, mix, think
        self.pg = Postgres() if db == "postgresql" else None
        self.replica: Cluster | None = None
        self.folder = None

    def start(self):
        if self.pg:
            self.pg.start(loading=False)
        # Computed once: the files it hashes may change while a run is going.
        self.folder = dataset_folder(self.db, self.size, self.seed)

    def stop(self):
        for cluster in (self.replica, self.pg):
            if cluster:
                cluster.stop()
        self.replica = None


def serve(setup: Setup, with_replica: bool):
    """A fresh copy of the dataset, the monitor's figures computed ahead, gunicorn serving it. Returns
    (server process, base URL, info, database URL, server log path, monitor vooraf seconds, weights, pages)."""
    database_url, info = prepare(setup.db, setup.size, setup.seed, setup.pg, setup.folder)
    env = base_env(database_url)
    if with_replica:
        if setup.replica is None:
            setup.replica = start_replica(setup.pg, setup.folder.name)
        began = time.monotonic()
        setup.pg.wait_for(setup.replica)
        print(f"replica caught up with the run's database in {time.monotonic() - began:.1f} s", flush=True)
        env["WIJKREGIE_REPLICA_URL"] = setup.replica.url("bench_run")
    manage(env, "collectstatic", "--no-input", "-v0")
    shutil.rmtree(CACHE_DIR, ignore_errors=True)
    # As production's timer does every few minutes (docs/operations.md): the dashboards' default figures
    # computed ahead. Other filters are still computed on first use; `monitor vooraf` is timed and reported.
    begin = time.perf_counter()
    manage(env, "monitor", "vooraf")
    vooraf = round(time.perf_counter() - begin, 1)
    print(f"monitor vooraf: {vooraf} s", flush=True)
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="bench-server-", suffix=".log", delete=False)
    # As in production (docs/operations.md): gunicorn, sync workers, preloaded application.
    server = subprocess.Popen(
        [str(VENV / "gunicorn"), "wijkregie.config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers",
         str(setup.workers), "--preload", "--timeout", "60"], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    wait_http(base + "/health")
    acc = info["reserve"]
    browser = Browser(base, acc)
    team = str(acc["team"])
    casus = info["lange_casussen"].get(team) or info["casussen"][team][0]
    paths = {"werkvoorraad": "/", "tijdlijn": f"/casussen/{casus}/tijdlijn/",
             "zoeken-team": "/personen/?" + urllib.parse.urlencode({"q": " ".join(info["namen_team"][team][0])}),
             "aanmelding-formulier": "/aanmeldingen/nieuw/", "dashboard": f"/monitor/wijk/{acc['wijk']}/",
             "floor": "/health"}
    weights = {name: browser.weight(path) for name, path in paths.items()}
    weights["zoeken-gemeente"] = weights["zoeken-team"]
    pages = ["werkvoorraad", "tijdlijn", "zoeken", "aanmelding", "floor"]
    if weights["dashboard"].get("status") == 200:
        pages.append("dashboard")
    else:
        print(f"wijk dashboard /monitor/wijk/<pk>/ answers {weights['dashboard'].get('status')}: "
              "not in the mix (not on this branch yet?)", flush=True)
    return server, base, info, database_url, Path(log.name), vooraf, weights, pages


def stop_server(server) -> None:
    if server is not None and server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def run_record(setup: Setup, *, sessions, seconds, measured, raw, weights, info, vooraf, server_log, audit_events,
               replica: bool) -> dict:
    return {
        "db": setup.db, "size": setup.size, "sessions": sessions, "seconds": seconds, "measured_seconds": measured,
        "think": setup.think, "workers": setup.workers, "warmup": setup.warmup, "mix": setup.mix, "seed": setup.seed,
        "persons": info["persons"], "replica": replica, "monitor_vooraf_seconds": vooraf,
        "generation_seconds": info.get("generation_seconds_total"), "generation_timings": info.get("timings"),
        "counts": info["counts"], "database_locked": server_log.count("database is locked"),
        "server_errors_logged": server_log.count("Internal Server Error"),
        "audit_events_measured": audit_events,
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "pages": summarise(raw, weights, measured),
    }


def latency_run(setup: Setup, sessions: int, seconds: int, with_replica: bool) -> dict:
    """The latency run: `sessions` medewerkers at the think time, measured for `seconds` after warm-up."""
    server = log = None
    try:
        server, base, info, database_url, log, vooraf, weights, pages = serve(setup, with_replica)
        check_sessions(info, setup.mix, sessions)
        raw_path = Path(tempfile.mkstemp(prefix="bench-raw-", suffix=".json")[1])
        spawn = max(1, sessions // 5)
        lenv = dict(os.environ, BENCH_INFO=str(setup.folder / "info.json"), BENCH_RAW=str(raw_path),
                    BENCH_PAGES=",".join(pages), BENCH_THINK=setup.think, BENCH_WARMUP=str(setup.warmup),
                    BENCH_MIX=setup.mix)
        lenv.pop("BENCH_CONTROL", None)
        ramp = sessions / spawn + 5 + setup.warmup
        print(f"load: {sessions} sessions for {seconds} s after a {ramp:.0f} s ramp-up (logins) and warm-up, "
              f"think {setup.think} s{' (reads marked for the replica go to the replica)' if with_replica else ''}",
              flush=True)
        with open(DATA / "locust.log", "w") as locust_log:
            subprocess.run(
                [str(VENV / "locust"), "-f", str(BENCH / "locustfile.py"), "--headless", "-u", str(sessions), "-r",
                 str(spawn), "--run-time", f"{int(ramp + seconds)}s", "--host", base, "--only-summary",
                 "--loglevel", "WARNING", "--stop-timeout", "10", "--exit-code-on-error", "0"],
                env=lenv, cwd=BENCH, check=True, stdout=subprocess.DEVNULL, stderr=locust_log,
            )
        raw = json.loads(raw_path.read_text())
        raw_path.unlink()
        measured = round((raw["stopped"] or time.time()) - (raw["started"] or time.time()), 1)
        audit_events = count_audit_events(setup.db, database_url, setup.pg, raw["started"], raw["stopped"])
    finally:
        stop_server(server)
    server_log = log.read_text(errors="replace")
    log.unlink()
    return run_record(setup, sessions=sessions, seconds=seconds, measured=measured, raw=raw,
                      weights=weights, info=info, vooraf=vooraf, server_log=server_log, audit_events=audit_events,
                      replica=with_replica)


#: BENCH_MIX: the whole mix, the gemeente-wide person search, or one page alone (locustfile.EEN_PAGINA).
MIXES = ("all", "zoeken", "werkvoorraad", "tijdlijn", "zoeken-team", "aanmelding", "dashboard")


def mix_accounts(info: dict, mix: str) -> list[dict]:
    """The accounts a mix's sessions log in with (as bench/locustfile.py chooses them)."""
    if mix == "zoeken":
        return [a for a in info["accounts"] if "bureaudienst" in a["rollen"]]
    if mix == "zoeken-team":
        return [a for a in info["accounts"] if "bureaudienst" not in a["rollen"]]
    return info["accounts"]


def check_sessions(info: dict, mix: str, sessions: int):
    if mix in ("zoeken", "zoeken-team"):
        available = len(mix_accounts(info, mix))
        if sessions > available:
            raise SystemExit(f"at most {available} sessions for BENCH_MIX={mix}")
    if sessions > len(info["accounts"]):
        raise SystemExit(f"at most {len(info['accounts'])} sessions for BENCH_SIZE (one account each)")


# --- capacity: rising sessions without think time until throughput stops growing ---------------------

CAPACITY_STEPS = [4, 8, 16, 32, 64, 128, 256]
CAPACITY_GAIN = 0.05  # a step that adds less than 5 % audited throughput ends the climb
CAPACITY_GOAL = 50.0  # audited requests per second per core of application and database (issue 17)


def _read_log(path: Path, position: int) -> tuple[list[list[str]], int]:
    with open(path) as fh:
        fh.seek(position)
        text = fh.read()
    complete = text[:text.rfind("\n") + 1]
    return [line.split("\t") for line in complete.splitlines()], position + len(complete)


def machine_yardstick_ms(repeats: int = 7) -> float:
    """How fast this machine runs Python now: the median CPU time of a fixed workload of the kind a request
    does (building rows, JSON, sorting, formatting), in ms; lower is faster. A virtual machine's core is not
    equally fast all day (on this one the same code measured 20 % apart within hours), and "requests per core"
    moves with it: runs compare only at equal yardsticks, or back to back."""
    def werk():
        rijen = [{"id": i, "naam": f"Persoon {i:06d}", "wijk": i % 17, "score": (i * 7919) % 1000}
                 for i in range(20_000)]
        terug = json.loads(json.dumps(rijen))
        terug.sort(key=lambda r: (r["score"], r["naam"]))
        return sum(len(f"{r['naam']} ({r['wijk']})") for r in terug)

    tijden = []
    for _ in range(repeats):
        begin = time.process_time()
        werk()
        tijden.append((time.process_time() - begin) * 1000)
    return round(sorted(tijden)[len(tijden) // 2], 1)


def capacity_run(setup: Setup, seconds: int, with_replica: bool, steps: list[int] | None = None) -> dict:
    """One server under a closed loop without think time; the sessions double (4, 8, 16, ...) until a
    step adds less than 5 % audited throughput (or `steps` is done). Each step is measured for `seconds`
    after its new sessions have logged in and a settling pause; the CPU time of the gunicorn workers, the
    database server(s) and the load generator is read from /proc at the start and the end of the window."""
    server = locust = log = None
    result = {"steps": [], "machine_yardstick_ms": [machine_yardstick_ms()]}
    try:
        server, base, info, database_url, log, vooraf, weights, pages = serve(setup, with_replica)
        accounts = len(mix_accounts(info, setup.mix))
        ladder = [n for n in (steps or CAPACITY_STEPS) if n <= accounts]
        control = Path(tempfile.mkstemp(prefix="bench-control-")[1])
        requests_log = Path(tempfile.mkstemp(prefix="bench-requests-")[1])
        control.write_text(str(ladder[0]))
        lenv = dict(os.environ, BENCH_INFO=str(setup.folder / "info.json"), BENCH_PAGES=",".join(pages),
                    BENCH_THINK="0", BENCH_WARMUP="0", BENCH_MIX=setup.mix, BENCH_CONTROL=str(control),
                    BENCH_LOG=str(requests_log), BENCH_RAW=os.devnull)
        locust_log = open(DATA / "locust.log", "w")
        locust = subprocess.Popen(
            [str(VENV / "locust"), "-f", str(BENCH / "locustfile.py"), "--headless", "--host", base, "--only-summary",
             "--loglevel", "WARNING", "--stop-timeout", "5", "--exit-code-on-error", "0"],
            env=lenv, cwd=BENCH, stdout=subprocess.DEVNULL, stderr=locust_log,
        )
        trees = {"app": server.pid, "db": setup.pg.pid() if setup.pg else None,
                 "replica": setup.replica.pid() if with_replica and setup.replica else None, "load": locust.pid}
        position, logged_in, best = 0, 0, None
        for k, sessions in enumerate(ladder):
            control.write_text(str(sessions))
            deadline = time.monotonic() + 60 + sessions
            while logged_in < sessions:
                if time.monotonic() > deadline or locust.poll() is not None:
                    raise SystemExit(f"only {logged_in} of {sessions} sessions logged in (see {DATA / 'locust.log'})")
                time.sleep(0.5)
                lines, position = _read_log(requests_log, position)
                logged_in += sum(1 for line in lines if line[1] == "loggedin")
            # Settle: the first step also fills each worker's caches (templates, URL resolvers).
            time.sleep(setup.warmup if k == 0 else 5)
            _, position = _read_log(requests_log, position)
            began, cpu0 = time.time(), cpu_seconds(trees)
            time.sleep(seconds)
            ended, cpu1 = time.time(), cpu_seconds(trees)
            time.sleep(1.5)  # the load shape flushes the request log every second
            lines, position = _read_log(requests_log, position)
            step = capacity_step(sessions, began, ended, lines, {k: cpu1[k] - cpu0[k] for k in cpu0})
            step["audit_events"] = count_audit_events(setup.db, database_url, setup.pg, began, ended)
            result["steps"].append(step)
            print(capacity_line(step), flush=True)
            if best is not None and step["audited_rps"] < best["audited_rps"] * (1 + CAPACITY_GAIN):
                break
            if best is None or step["audited_rps"] > best["audited_rps"]:
                best = step
        control.write_text("stop")
        locust.wait(timeout=60)
        locust_log.close()
        control.unlink()
        requests_log.unlink()
    finally:
        if locust is not None and locust.poll() is None:
            locust.kill()
        stop_server(server)
    result["machine_yardstick_ms"].append(machine_yardstick_ms())
    server_log = log.read_text(errors="replace")
    log.unlink()
    steps_done = result["steps"]
    # The knee: the first step whose successor added less than 5 % (the last step if throughput never flattened).
    knee = steps_done[-2] if len(steps_done) > 1 and steps_done[-1]["audited_rps"] < \
        steps_done[-2]["audited_rps"] * (1 + CAPACITY_GAIN) else steps_done[-1]
    result.update(
        db=setup.db, size=setup.size, mix=setup.mix, workers=setup.workers, seed=setup.seed, replica=with_replica,
        seconds_per_step=seconds, persons=info["persons"], monitor_vooraf_seconds=vooraf, knee=knee,
        database_locked=server_log.count("database is locked"),
        server_errors_logged=server_log.count("Internal Server Error"),
        finished_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    )
    return result


def capacity_step(sessions: int, began: float, ended: float, lines: list[list[str]], cpu: dict) -> dict:
    window = ended - began
    requests = [line for line in lines if line[1] != "loggedin" and began <= float(line[0]) < ended]
    audited = [line for line in requests if line[1] != "floor"]
    ms = sorted(float(line[2]) for line in audited)
    queries = [int(line[4]) for line in audited if len(line) > 4 and line[4]]
    pages = {}
    for line in audited:
        page = pages.setdefault(line[1], {"requests": 0, "errors": 0, "ms": []})
        page["requests"] += 1
        page["errors"] += int(line[3])
        page["ms"].append(float(line[2]))
    for page in pages.values():
        times = sorted(page.pop("ms"))
        page["p50_ms"], page["p95_ms"] = round(percentile(times, 50), 1), round(percentile(times, 95), 1)
    server_cores = (cpu["app"] + cpu["db"] + cpu.get("replica", 0)) / window
    audited_rps = len(audited) / window
    return {
        "sessions": sessions, "window_seconds": round(window, 1), "requests": len(requests),
        "audited_requests": len(audited), "rps": round(len(requests) / window, 1), "audited_rps": round(audited_rps, 1),
        "errors": sum(int(line[3]) for line in requests),
        # What failed: up to five (page, error) pairs, from the load generator's sixth column.
        "error_samples": [f"{line[1]}: {line[5]}" for line in requests if line[3] == "1" and len(line) > 5][:5],
        "p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1),
        "queries_mean": round(sum(queries) / len(queries), 1) if queries else None,
        "cores": {name: round(seconds / window, 2) for name, seconds in cpu.items()},
        "other_cores": round((cpu["machine"] - sum(v for k, v in cpu.items() if k != "machine")) / window, 2),
        "server_cores": round(server_cores, 2),
        "audited_rps_per_core": round(audited_rps / server_cores, 1) if server_cores else None,
        "pages": pages,
    }


def capacity_line(step: dict) -> str:
    c = step["cores"]
    return (f"  {step['sessions']:>4} sessions: {step['rps']:>6.1f} req/s, {step['audited_rps']:>6.1f} audited req/s, "
            f"p50 {step['p50_ms']:>6.0f} ms, p95 {step['p95_ms']:>6.0f} ms, {step['errors']} errors; cores: "
            f"app {c['app']:.2f} + db {c['db']:.2f}" + (f" + replica {c['replica']:.2f}" if c.get("replica") else "")
            + f" = {step['server_cores']:.2f} -> {step['audited_rps_per_core']} audited req/s per core "
            f"(load generator {c['load']:.2f}, other work on the machine {step['other_cores']:.2f})"
            + (f"\n         CPU per audited request: app {1000 * c['app'] / step['audited_rps']:.1f} ms + db "
               f"{1000 * (c['db'] + c.get('replica', 0)) / step['audited_rps']:.1f} ms" if step["audited_rps"] else "")
            + "".join(f"\n         error: {sample}" for sample in step.get("error_samples", [])))


def capacity_report(runs: list[dict]) -> str:
    out = []
    for run in runs:
        k = run["knee"]
        out.append(f"capacity: db={run['db']} size={run['size']} mix={run['mix']} {run['workers']} gunicorn workers, "
                   f"{'primary + streaming replica' if run['replica'] else 'primary only'}, "
                   f"{run['seconds_per_step']} s per step, no think time")
        out += [capacity_line(step) for step in run["steps"]]
        out.append(f"  knee at {k['sessions']} sessions: {k['audited_rps']} audited req/s on {k['server_cores']} cores "
                   f"of application and database = {k['audited_rps_per_core']} audited req/s per core "
                   f"(goal >= {CAPACITY_GOAL:.0f}); p95 {k['p95_ms']} ms; {k['errors']} errors")
        voor, na = run["machine_yardstick_ms"]
        out.append(f"  machine yardstick: {voor} ms before, {na} ms after the steps (a fixed Python workload; lower "
                   f"is faster: per-core figures compare only at equal yardsticks)")
        costly = sorted(k["pages"].items(), key=lambda kv: -kv[1]["p50_ms"])
        out.append("  at the knee, by page (p50 / p95 ms): " + ", ".join(
            f"{name} {p['p50_ms']:.0f}/{p['p95_ms']:.0f}" for name, p in costly))
    if len(runs) == 2:
        a, b = runs[0]["knee"], runs[1]["knee"]
        out.append(
            f"replica: audited throughput at the knee {a['audited_rps']} -> {b['audited_rps']} req/s "
            f"({(b['audited_rps'] / a['audited_rps'] - 1) * 100:+.0f} %), per core {a['audited_rps_per_core']} -> "
            f"{b['audited_rps_per_core']}, p95 {a['p95_ms']} -> {b['p95_ms']} ms"
        )
    return "\n".join(out)


def save(run: dict, key_fields: tuple[str, ...], name: str = "latest.json"):
    RESULTS.mkdir(parents=True, exist_ok=True)
    latest = RESULTS / name
    runs = json.loads(latest.read_text()).get("runs", []) if latest.exists() else []
    key = lambda r: tuple(r.get(f, "all" if f == "mix" else None) for f in key_fields)  # noqa: E731
    runs = [r for r in runs if key(r) != key(run)] + [run]
    latest.write_text(json.dumps({"runs": runs}, indent=1))
    print(f"\nwritten: {latest.relative_to(ROOT) if latest.is_relative_to(ROOT) else latest}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("db", "size", "sessions", "seconds", "seed", "think", "workers", "warmup", "mix", "mode", "replica",
                 "steps"):
        parser.add_argument(f"--{name}")
    args = parser.parse_args(argv)
    db = option(args, "db", "sqlite")
    if db not in ("sqlite", "postgresql"):
        raise SystemExit("BENCH_DB is sqlite or postgresql")
    mode = option(args, "mode", "latency")
    if mode not in ("latency", "capacity"):
        raise SystemExit("BENCH_MODE is latency or capacity")
    size = option(args, "size", "den-helder")
    sessions = option(args, "sessions", "50" if db == "sqlite" else "16", int)
    seconds = option(args, "seconds", "60" if mode == "latency" else "30", int)
    seed = option(args, "seed", "7", int)
    # A brisk medewerker: a page every 2 to 8 seconds (real work at a kitchen table is slower).
    think = option(args, "think", "2,8" if mode == "latency" else "0")
    # docs/operations.md starts production with four sync workers.
    workers = option(args, "workers", "4", int)
    warmup = option(args, "warmup", "15", int)
    mix = option(args, "mix", "all")  # or "zoeken", or one page alone (MIXES, bench/README.md)
    if mix not in MIXES:
        raise SystemExit(f"BENCH_MIX={mix}: one of {', '.join(MIXES)}")
    # The replica comparison: on by default in capacity mode on PostgreSQL, BENCH_REPLICA=1 in latency mode.
    replica = option(args, "replica", "1" if mode == "capacity" and db == "postgresql" else "0") == "1"
    if replica and db != "postgresql":
        raise SystemExit("BENCH_REPLICA=1 needs BENCH_DB=postgresql (SQLite has no replication)")

    # Capacity mode: the sessions of each step ("4,8": only those two), by default doubling from 4 (CAPACITY_STEPS).
    ladder = [int(n) for n in option(args, "steps", "").split(",") if n.strip()] or None
    setup = Setup(db, size, seed, workers, warmup, mix, think)
    configurations = [False, True] if replica else [False]
    try:
        setup.start()
        if mode == "capacity":
            runs = []
            for with_replica in configurations:
                print(f"capacity, {'primary + replica' if with_replica else 'primary only'}:", flush=True)
                # The replica run climbs the same steps as the primary-only run: same run settings.
                steps = [s["sessions"] for s in runs[0]["steps"]] if runs else ladder
                runs.append(capacity_run(setup, seconds, with_replica, steps))
        else:
            runs = [latency_run(setup, sessions, seconds, with_replica) for with_replica in configurations]
    finally:
        setup.stop()
    if mode == "capacity":
        print()
        print(capacity_report(runs))
        for run in runs:
            save(run, ("db", "size", "mix", "replica"), "capacity.json")
        return
    for run in runs:
        run["targets"] = [{"target": t, "met": m, "measured": v} for t, m, v in targets(run)]
        print(table(run))
        print("\nnumbers to beat:")
        for t in run["targets"]:
            print(f"  [{'met' if t['met'] else 'NOT met'}] {t['target']}: {t['measured']}")
        save(run, ("db", "size", "sessions", "seconds", "mix", "replica"))
    if len(runs) == 2:
        print("\n" + replica_comparison(runs))


def replica_comparison(runs: list[dict]) -> str:
    """The same run with and without the replica, page by page: p95 and queries."""
    a, b = runs
    lines = ["primary only vs primary + replica (same data, same settings): p95 ms"]
    for name in [n for n in ORDER if n in a["pages"] and n in b["pages"]]:
        lines.append(f"  {name:<24}{a['pages'][name]['p95_ms']:>9.1f}{b['pages'][name]['p95_ms']:>9.1f}")
    for label, run in (("primary only", a), ("primary + replica", b)):
        audited = sum(p["requests"] for n, p in run["pages"].items() if n != "floor")
        lines.append(f"  {label}: {audited / (run['measured_seconds'] or 1):.1f} audited req/s")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
