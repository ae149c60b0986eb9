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
DATA = BENCH / "data"
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
        DATABASE_URL=database_url, SECRET_KEY=SECRET_KEY, WIJKREGIE_DOCUMENT_KEY=DOCUMENT_KEY, WIJKREGIE_BENCH="1", WIJKREGIE_HTTPS="0", DEBUG="0",
        WIJKREGIE_DATA_DIR=str(DATA / "app"), LOG_LEVEL="WARNING", WIJKREGIE_CACHE_DIR=str(CACHE_DIR),
        WIJKREGIE_ZOEKLIMIET_PER_UUR=SEARCH_LIMIT, WIJKREGIE_RESULTATENLIMIET_PER_UUR=SEARCH_LIMIT,
    )
    return env


# --- PostgreSQL: one cluster under bench/data/pg, kept between runs -------------------------------

class Postgres:
    def __init__(self):
        self.dir = DATA / "pg"
        self.bindir = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))[-1]
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.port = None

    def run(self, *cmd, **kw):
        return subprocess.run([*self.as_pg, *cmd], check=True, **kw)

    def start(self, loading: bool):
        if not (self.dir / "data" / "PG_VERSION").exists():
            self.dir.mkdir(parents=True, exist_ok=True)
            if self.as_pg:
                shutil.chown(self.dir, "postgres")
            self.run(str(self.bindir / "initdb"), "-D", str(self.dir / "data"), "-A", "trust", "-U", "postgres",
                     "-E", "UTF8", "--locale=C.UTF-8", stdout=subprocess.DEVNULL)
        self.port = free_port()
        # Loading: no fsync (a crash means generating again; a CHECKPOINT at the end makes it durable).
        # Serving: PostgreSQL's durable defaults, with memory for a 24 GB machine.
        settings = ["-c", "shared_buffers=2GB", "-c", "work_mem=16MB", "-c", "maintenance_work_mem=1GB",
                    "-c", "max_wal_size=8GB", "-c", "effective_cache_size=12GB", "-c", "random_page_cost=1.1"]
        if loading:
            settings += ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 " + " ".join(settings)
        self.run(str(self.bindir / "pg_ctl"), "-D", str(self.dir / "data"), "-w", "-l", str(self.dir / "log"),
                 "-o", opts, "start", stdout=subprocess.DEVNULL)

    def stop(self):
        if self.port:
            self.run(str(self.bindir / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "stop",
                     stdout=subprocess.DEVNULL)
            self.port = None

    def url(self, db: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{db}"

    def sql(self, statement: str, db: str = "postgres") -> str:
        out = self.run(str(self.bindir / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", db,
                       "-tAc", statement, capture_output=True, text=True)
        return out.stdout.strip()


def manage(env: dict, *args):
    subprocess.run([str(VENV / "wijkregie"), *args], env=env, check=True, cwd=ROOT)


def generate(env: dict, size: str, seed: int, info: Path) -> float:
    started = time.monotonic()
    manage(env, "migrate", "--no-input", "-v0")
    subprocess.run([str(VENV / "python"), str(BENCH / "generate.py"), "--size", size, "--seed", str(seed),
                    "--info", str(info)], env=env, check=True, cwd=ROOT)
    return time.monotonic() - started


def dataset_folder(db: str, size: str, seed: int) -> Path:
    """Where a dataset is cached: a new generator or a new migration makes a new dataset, so a cached
    one never meets a schema it was not made for."""
    version = hashlib.sha256((BENCH / "generate.py").read_bytes())
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
    if not info_path.exists():
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
    # A file-level copy of the seed database: seconds, and every run starts from the same data.
    pg.sql(f"CREATE DATABASE bench_run TEMPLATE {seed_db}")
    pg.sql("ANALYZE", db="bench_run")
    return pg.url("bench_run"), json.loads(info_path.read_text())


def record_generation(info_path: Path, seconds: float):
    info = json.loads(info_path.read_text())
    info["generation_seconds_total"] = round(seconds, 1)
    info_path.write_text(json.dumps(info, indent=1))
    print(f"dataset generated in {seconds:.1f} s (migrate + generate): {info['timings']}", flush=True)


def count_audit_events(db: str, database_url: str, pg: Postgres | None, start: float | None, stop: float | None) -> int | None:
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
        r = self.s.post(base + "/inloggen/tweestaps/", allow_redirects=False,
                        data={"code": totp(account["totp_key"]), "csrfmiddlewaretoken": csrf.search(page.text).group(1)})
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
    lines = [f"run: db={run['db']} size={run['size']} sessions={run['sessions']} seconds={run['seconds']} mix={run['mix']} "
             f"(measured {run['measured_seconds']} s after {run['warmup']} s warm-up, think {run['think']} s, "
             f"{run['workers']} gunicorn workers)", head,
             "-" * len(head)]
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("db", "size", "sessions", "seconds", "seed", "think", "workers", "warmup", "mix"):
        parser.add_argument(f"--{name}")
    args = parser.parse_args(argv)
    db = option(args, "db", "sqlite")
    if db not in ("sqlite", "postgresql"):
        raise SystemExit("BENCH_DB is sqlite or postgresql")
    size = option(args, "size", "den-helder")
    sessions = option(args, "sessions", "50" if db == "sqlite" else "16", int)
    seconds = option(args, "seconds", "60", int)
    seed = option(args, "seed", "7", int)
    # A brisk medewerker: a page every 2 to 8 seconds (real work at a kitchen table is slower).
    think = option(args, "think", "2,8")
    # docs/operations.md starts production with four sync workers.
    workers = option(args, "workers", "4", int)
    warmup = option(args, "warmup", "15", int)
    mix = option(args, "mix", "all")  # or "zoeken": person search by the bureaudienst only (bench/README.md)

    pg = Postgres() if db == "postgresql" else None
    server = None
    try:
        if pg:
            pg.start(loading=False)
        # Computed once: the files it hashes may change while a run is going.
        folder = dataset_folder(db, size, seed)
        database_url, info = prepare(db, size, seed, pg, folder)
        if mix == "zoeken":
            available = sum(1 for a in info["accounts"] if "bureaudienst" in a["rollen"])
            if sessions > available:
                raise SystemExit(f"at most {available} sessions for BENCH_MIX=zoeken (bureaudienst accounts)")
        if sessions > len(info["accounts"]):
            raise SystemExit(f"at most {len(info['accounts'])} sessions for size {size} (one account each)")
        env = base_env(database_url)
        manage(env, "collectstatic", "--no-input", "-v0")
        shutil.rmtree(CACHE_DIR, ignore_errors=True)
        # As production's timer does every few minutes (docs/operations.md): the dashboards' default figures
        # computed ahead. Other filters are still computed on first use; `monitor vooraf` is timed and reported.
        begin = time.perf_counter()
        manage(env, "monitor", "vooraf")
        vooraf_seconden = round(time.perf_counter() - begin, 1)
        print(f"monitor vooraf: {vooraf_seconden} s", flush=True)
        port = free_port()
        log = tempfile.NamedTemporaryFile(prefix="bench-server-", suffix=".log", delete=False)
        # As in production (docs/operations.md): gunicorn, sync workers, preloaded application.
        server = subprocess.Popen(
            [str(VENV / "gunicorn"), "wijkregie.config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
             "--preload", "--timeout", "60"], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
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

        raw_path = Path(tempfile.mkstemp(prefix="bench-raw-", suffix=".json")[1])
        spawn = max(1, sessions // 5)
        lenv = dict(os.environ, BENCH_INFO=str(folder / "info.json"), BENCH_RAW=str(raw_path),
                    BENCH_PAGES=",".join(pages), BENCH_THINK=think, BENCH_WARMUP=str(warmup), BENCH_MIX=mix)
        ramp = sessions / spawn + 5 + warmup
        print(f"load: {sessions} sessions for {seconds} s after a {ramp:.0f} s ramp-up (logins) and warm-up, "
              f"think {think} s", flush=True)
        locust_log = open(DATA / "locust.log", "w")
        subprocess.run(
            [str(VENV / "locust"), "-f", str(BENCH / "locustfile.py"), "--headless", "-u", str(sessions), "-r",
             str(spawn), "--run-time", f"{int(ramp + seconds)}s", "--host", base, "--only-summary",
             "--loglevel", "WARNING", "--stop-timeout", "10", "--exit-code-on-error", "0"],
            env=lenv, cwd=BENCH, check=True, stdout=subprocess.DEVNULL, stderr=locust_log,
        )
        raw = json.loads(raw_path.read_text())
        raw_path.unlink()
        measured = round((raw["stopped"] or time.time()) - (raw["started"] or time.time()), 1)
        audit_events = count_audit_events(db, database_url, pg, raw["started"], raw["stopped"])
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        if pg:
            pg.stop()
    server_log = Path(log.name).read_text(errors="replace")
    Path(log.name).unlink()
    run = {
        "db": db, "size": size, "sessions": sessions, "seconds": seconds, "measured_seconds": measured,
        "think": think, "workers": workers, "warmup": warmup, "mix": mix, "seed": seed, "persons": info["persons"],
        "monitor_vooraf_seconds": vooraf_seconden,
        "generation_seconds": info.get("generation_seconds_total"), "generation_timings": info.get("timings"),
        "counts": info["counts"], "database_locked": server_log.count("database is locked"),
        "server_errors_logged": server_log.count("Internal Server Error"),
        "audit_events_measured": audit_events,
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "pages": summarise(raw, weights, measured),
    }
    run["targets"] = [{"target": t, "met": m, "measured": v} for t, m, v in targets(run)]
    print(table(run))
    print("\nnumbers to beat:")
    for t in run["targets"]:
        print(f"  [{'met' if t['met'] else 'NOT met'}] {t['target']}: {t['measured']}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    latest = RESULTS / "latest.json"
    runs = json.loads(latest.read_text()).get("runs", []) if latest.exists() else []
    key = lambda r: (r["db"], r["size"], r["sessions"], r["seconds"], r.get("mix", "all"))  # noqa: E731
    runs = [r for r in runs if key(r) != key(run)] + [run]
    latest.write_text(json.dumps({"runs": runs}, indent=1))
    print(f"\nwritten: {latest.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
