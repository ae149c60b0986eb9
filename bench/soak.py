"""`make soak`: a write load with faults; afterwards nothing the clients saw acknowledged may be lost.

    make soak                                             # PostgreSQL, den-helder, 50 sessions, 600 s
    SOAK_SECONDS=120 make soak                            # a short try
    SOAK_DB=sqlite SOAK_SECONDS=180 make soak             # SQLite: worker kills and a full disk

Reuses the bench harness (bench/run.py: dataset, PostgreSQL cluster, environment; bench/totp.py) but
runs its own cluster (bench/data/soak-pg) and data directory, so a `make bench` beside it is not
disturbed. Every option is also an environment variable SOAK_<NAME>. See bench/README.md, "make soak".
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (the bench harness, a sibling module)
from totp import totp  # noqa: E402

ROOT, BENCH, DATA, VENV = run.ROOT, run.BENCH, run.DATA, run.VENV
APP_DIR = DATA / "soak-app"
DISK = DATA / "soak-disk"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LEEFGEBIED = re.compile(r'<select name="doel-leefgebied"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="(\d+)"')
VERSIE = re.compile(r"Versie (\d+) is aangemaakt")
# The plan page's forms post to their own addresses (plan/urls.py): the goal's and the new version's.
DOEL_ACTIE = re.compile(r'<form method="post" action="([^"]*/doelen/)"')
VERSIE_ACTIE = re.compile(r'<form method="post" action="([^"]*/nieuwe-versie/)"')


def option(args, name, default, cast=str):
    value = getattr(args, name)
    if value is None:
        value = os.environ.get(f"SOAK_{name.upper()}") or default
    return cast(value)


# --- accounting: pure, tested in bench/test_soak.py -------------------------------------------------

def periods(windows: list[dict], start: float, stop: float) -> list[dict]:
    """The run cut at each fault's start: a quiet period first, then each fault with the quiet time after it."""
    out = [
        {"name": "geen storing (begin)", "from": start, "to": windows[0]["start"] if windows else stop, "fault": None}
    ]
    for i, w in enumerate(windows):
        out.append(
            {
                "name": w["name"],
                "from": w["start"],
                "to": windows[i + 1]["start"] if i + 1 < len(windows) else stop,
                "fault": w,
            }
        )
    return out


def account(writes: list[dict], stored: set[str], windows: list[dict], errors: list[dict], probes: list[tuple],
            start: float, stop: float, bound: float, recovery_bound: float | None = None) -> dict:
    """Per period: writes tried, acknowledged, acknowledged and stored, lost (acknowledged, not stored),
    stored without an acknowledgement (the answer was lost in the fault: allowed), errors during the fault
    and its recovery bound, errors outside it, and the recovery time: when the first /health request sent
    after the fault ended was answered well. A write belongs to the period it started in; an error to a
    fault when its request was under way at some moment of [fault start, fault end + bound] (a request
    started before the fault and cut off by it is the fault's), otherwise it is an error outside any
    fault, in the period it started in.
    A fault is recovered from when the service answers within `recovery_bound` (default `bound`)."""
    recovery_bound = bound if recovery_bound is None else recovery_bound
    rows = []
    for p in periods(windows, start, stop):
        mine = [w for w in writes if p["from"] <= w["t0"] < p["to"]]
        acked = [w for w in mine if w["outcome"] == "acked"]
        row = {
            "period": p["name"], "from_s": round(p["from"] - start, 1), "tried": len(mine), "acked": len(acked),
            "stored": sum(1 for w in acked if w["key"] in stored),
            "lost": [w["key"] for w in acked if w["key"] not in stored],
            "stored_unacked": sum(1 for w in mine if w["outcome"] != "acked" and w["key"] in stored),
            "errors_in_fault": 0, "errors_outside": [], "recovery_s": None, "fault_s": None,
        }
        f = p["fault"]
        if f:
            row["fault_s"] = round(f["end"] - f["start"], 1)
            inside = [e for e in errors if e["t1"] >= f["start"] and e["t0"] <= f["end"] + bound]
            row["errors_in_fault"] = len(inside)
            row["error_span_s"] = ([round(min(e["t0"] for e in inside) - f["start"], 1),
                                    round(max(e["t1"] for e in inside) - f["start"], 1)] if inside else None)
            good = [answered for t, ok, answered in probes if ok and t >= f["end"]]
            row["recovery_s"] = round(min(good) - f["end"], 2) if good else None
        outside = [e for e in errors if p["from"] <= e["t0"] < p["to"] and not any(
            e["t1"] >= w["start"] and e["t0"] <= w["end"] + bound for w in windows)]
        row["errors_outside"] = [{"at_s": round(e["t0"] - start, 1), "what": e["what"]} for e in outside]
        rows.append(row)
    return {"rows": rows, "acked": sum(r["acked"] for r in rows), "stored": sum(r["stored"] for r in rows),
            "lost": sum(len(r["lost"]) for r in rows), "errors_outside": sum(len(r["errors_outside"]) for r in rows),
            "unrecovered": [r["period"] for r in rows if r["fault_s"] is not None
                            and (r["recovery_s"] is None or r["recovery_s"] > recovery_bound)]}


def latency(samples: list[tuple], windows: list[dict], bound: float) -> dict:
    """Nearest-rank p50/p95 of the answered requests started outside every fault and its bound: how
    loaded the server was while nothing was wrong."""
    quiet = sorted(d for t, d in samples if not any(w["start"] <= t <= w["end"] + bound for w in windows))
    pick = lambda p: round(quiet[max(0, -(-len(quiet) * p // 100) - 1)], 2) if quiet else None  # noqa: E731
    return {"requests": len(quiet), "p50": pick(50), "p95": pick(95), "max": round(quiet[-1], 2) if quiet else None}


def table(result: dict) -> str:
    acc = result["accounting"]
    head = (f"{'period':<34}{'at s':>7}{'fault s':>8}{'tried':>7}{'acked':>7}{'stored':>7}{'lost':>5}"
            f"{'unacked+stored':>15}{'errors':>7}{'err window s':>14}{'outside':>8}{'recovery s':>11}")
    lines = [f"soak: db={result['db']} size={result['size']} sessions={result['sessions']} seconds={result['seconds']} "
             f"think={result['think']} workers={result['workers']}; error bound {result['bound']} s after a fault; "
             f"recovery bound {result['recovery_bound']} s (that + p95 latency outside faults)", head, "-" * len(head)]
    for r in acc["rows"]:
        span = "-" if not r.get("error_span_s") else f"{r['error_span_s'][0]}..{r['error_span_s'][1]}"
        fmt = lambda v: "-" if v is None else str(v)  # noqa: E731
        lines.append(
            f"{r['period']:<34}{r['from_s']:>7}{fmt(r['fault_s']):>8}{r['tried']:>7}{r['acked']:>7}{r['stored']:>7}"
            f"{len(r['lost']):>5}{r['stored_unacked']:>15}{r['errors_in_fault']:>7}{span:>14}"
            f"{len(r['errors_outside']):>8}{fmt(r['recovery_s']):>11}"
        )
    lines.append("-" * len(head))
    lines.append(f"acknowledged {acc['acked']}, stored {acc['stored']}, LOST {acc['lost']}; "
                 f"by kind: {json.dumps(result['by_kind'])}")
    half = result["half_written"]
    lines.append(
        f"half-written: {len(half)}" + "".join(f"\n  {h['check']}: id {h['id']} {h['what']}" for h in half[:20])
    )
    lines.append(f"errors outside a fault and its bound: {acc['errors_outside']}"
                 + "".join(f"\n  {e['at_s']} s: {e['what']}" for r in acc["rows"] for e in r["errors_outside"][:10]))
    lines.append(f"faults without recovery within {result['recovery_bound']} s: {acc['unrecovered'] or 'none'}")
    lines.append(
        f"workers at the end: {result['workers_at_end']} of {result['workers']}; requests {result['requests']}; "
        f"outside faults p50 {result['latency_s']['p50']} s, p95 {result['latency_s']['p95']} s, "
        f"max {result['latency_s']['max']} s"
    )
    lines.append(f"audit verify: {'intact' if result['audit_verify']['ok'] else 'NOT INTACT'}: "
                 f"{result['audit_verify']['output'].strip()}")
    for note in result["fault_notes"]:
        lines.append(f"note: {note}")
    return "\n".join(lines)


def verdict(result: dict) -> list[str]:
    """What makes the run fail (exit status 1)."""
    acc = result["accounting"]
    bad = []
    if acc["lost"]:
        bad.append(f"{acc['lost']} acknowledged writes lost")
    if result["half_written"]:
        bad.append(f"{len(result['half_written'])} half-written records")
    if not result["audit_verify"]["ok"]:
        bad.append("the audit chain does not verify")
    if acc["errors_outside"]:
        bad.append(f"{acc['errors_outside']} errors outside a fault")
    if acc["unrecovered"]:
        bad.append(f"no recovery within {result['recovery_bound']} s after: {', '.join(acc['unrecovered'])}")
    if result["workers_at_end"] != result["workers"]:
        bad.append(f"{result['workers_at_end']} of {result['workers']} workers at the end")
    if acc["acked"] == 0:
        bad.append("no write acknowledged at all: the load did not work")
    return bad


# --- the load: sessions of medewerkers writing through the real pages ------------------------------

class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.writes, self.errors = [], []
        self.in_flight = 0
        self.requests = 0
        self.latencies = []  # (start, seconds) of every answered request

    def error(self, t0, what):
        with self.lock:
            self.errors.append({"t0": t0, "t1": time.time(), "what": what[:200]})


class Session(threading.Thread):
    """One medewerker: logs in with password and TOTP as production asks, then loops: a contactmoment on
    one of their own casussen (the casus page's one-line form), an aanmelding (the registration page), a
    plan change (a goal on a concept plan, or a new version of a signed one), or the werkvoorraad."""

    def __init__(self, base, account, info, rec, stop, think, run_id, index):
        super().__init__(daemon=True)
        import requests

        self.base, self.account, self.rec, self.stop, self.think = base, account, rec, stop, think
        self.s = requests.Session()
        self.rng = random.Random(f"soak:{account['username']}")
        self.casussen = info["eigen_casussen"].get(account["username"], []) or info["casussen"].get(
            str(account["team"]), []
        )
        self.personen = info["personen"].get(str(account["team"])) or []
        self.prefix = f"SOAK-{run_id}-{index}"
        self.n = 0
        self.last_step = None
        self.logged_in = threading.Event()

    # one request, recorded as an error when it fails or the server errs
    def call(self, method, path, what, write=False, **kw):
        kw.setdefault("allow_redirects", False)
        kw.setdefault("timeout", (5, 90))
        t0 = time.time()
        if write:
            with self.rec.lock:
                self.rec.in_flight += 1
        try:
            r = self.s.request(method, self.base + path, **kw)
        except Exception as exc:  # a connection refused or reset, a timeout: the fault as the client sees it
            self.rec.error(t0, f"{what}: {type(exc).__name__}")
            return None
        else:
            self.rec.latencies.append((t0, time.time() - t0))
        finally:
            self.rec.requests += 1
            if write:
                with self.rec.lock:
                    self.rec.in_flight -= 1
        if r.status_code >= 400:
            self.rec.error(t0, f"{what}: HTTP {r.status_code}")
            return None
        if what != "login" and r.status_code in (301, 302) and "/inloggen/" in r.headers.get("Location", ""):
            self.rec.error(t0, f"{what}: session lost (sent to the login page)")
            self.login()
            return None
        return r

    def login(self):
        """Password, then a TOTP code; django-otp accepts each code once, so a second login waits for the next."""
        while not self.stop.is_set():
            step = int(time.time() // 30)
            if step == self.last_step:
                time.sleep(30 - time.time() % 30 + 0.2)
                continue
            self.s.cookies.clear()
            page = self.call("GET", "/inloggen/", "login")
            m = CSRF.search(page.text) if page is not None else None
            if m:
                self.call("POST", "/inloggen/", "login", data={"username": self.account["username"],
                          "password": self.account["password"], "csrfmiddlewaretoken": m.group(1)})
                page = self.call("GET", "/inloggen/tweestaps/", "login")
                m = CSRF.search(page.text) if page is not None else None
                if m:
                    self.last_step = int(time.time() // 30)
                    r = self.call("POST", "/inloggen/tweestaps/", "login",
                                  data={"code": totp(self.account["totp_key"]), "csrfmiddlewaretoken": m.group(1)})
                    if r is not None and r.status_code == 302:
                        self.logged_in.set()
                        return
            time.sleep(1)

    def marker(self):
        self.n += 1
        return f"{self.prefix}-{self.n}"

    def write(self, kind, key, fn):
        t0 = time.time()
        outcome = fn()
        with self.rec.lock:
            self.rec.writes.append({"kind": kind, "key": key, "t0": t0, "t1": time.time(), "outcome": outcome})

    def contactmoment(self):
        pk = self.rng.choice(self.casussen)
        page = self.call("GET", f"/casussen/{pk}/", "casus")
        m = CSRF.search(page.text) if page is not None and page.status_code == 200 else None
        if not m:
            return
        marker = self.marker()

        def post():
            r = self.call("POST", f"/casussen/{pk}/contact/", "contactmoment", write=True, data={
                "csrfmiddlewaretoken": m.group(1), "snel-soort": "telefoon", "snel-met_wie": "de inwoner",
                "snel-notitie": f"Gebeld over de afspraak. [{marker}]"})
            if r is None:
                return "failed"
            # Saved: the redirect to the casus page; refused by the form: the page again (200).
            return (
                "acked"
                if r.status_code == 302 and r.headers.get("Location", "").rstrip("/").endswith(f"/casussen/{pk}")
                else "rejected"
            )

        self.write("contactmoment", f"contactmoment:{marker}", post)

    def aanmelding(self):
        page = self.call("GET", "/aanmeldingen/nieuw/", "aanmelding-formulier")
        m = CSRF.search(page.text) if page is not None and page.status_code == 200 else None
        if not m:
            return
        marker = self.marker()
        data = {
            "csrfmiddlewaretoken": m.group(1),
            "kanaal": "telefoon",
            "vraag": f"Wil hulp bij de administratie. [{marker}]",
            "ontvangen_op": time.strftime("%Y-%m-%dT%H:%M"),
            "afhandeling": "bureaudienst",
        }
        if self.personen:
            data["persoon"] = str(self.rng.choice(self.personen))
        else:
            data["anoniem_naam"] = "Beller"

        def post():
            r = self.call("POST", "/aanmeldingen/nieuw/", "aanmelding", write=True, data=data)
            if r is None:
                return "failed"
            saved = re.search(r"/aanmeldingen/(\d+|nieuw)/$", r.headers.get("Location", ""))
            return "acked" if r.status_code == 302 and saved else "rejected"
        self.write("aanmelding", f"aanmelding:{marker}", post)

    def confirmed(self, pk, r, message) -> tuple:
        """A plan change answers with a redirect to the plan page, refused or not; the message on that
        page says which. Unconfirmed: the redirect came, the page with the message did not."""
        if r is None:
            return "failed", None
        if r.status_code != 302 or not r.headers.get("Location", "").rstrip("/").endswith(f"/casussen/{pk}/plan"):
            return "rejected", None
        page = self.call("GET", f"/casussen/{pk}/plan/", "plan")
        if page is None:
            return "unconfirmed", None
        found = re.search(message, page.text)
        return ("acked", found) if found else ("rejected", None)

    def plan(self):
        """A goal on a concept plan, or a new version of a signed plan."""
        pk = self.rng.choice(self.casussen)
        page = self.call("GET", f"/casussen/{pk}/plan/", "plan")
        if page is None or page.status_code != 200:
            return
        m = CSRF.search(page.text)
        keuze = LEEFGEBIED.search(page.text)
        doel_actie, versie_actie = DOEL_ACTIE.search(page.text), VERSIE_ACTIE.search(page.text)
        if m and doel_actie and keuze and OPTION.search(keuze.group(1)):
            marker = self.marker()
            data = {"csrfmiddlewaretoken": m.group(1), "doel-persoon": "",
                    "doel-leefgebied": self.rng.choice(OPTION.findall(keuze.group(1))),
                    "doel-omschrijving": f"Weer overzicht over de post. [{marker}]", "doel-prioriteit": "2"}

            def post():
                r = self.call("POST", doel_actie.group(1), "plan-doel", write=True, data=data)
                return self.confirmed(pk, r, "Het doel is toegevoegd.")[0]
            self.write("doel", f"doel:{marker}", post)
        elif m and versie_actie:
            # The key is known only from the answer: the version the page says it made.
            t0 = time.time()
            r = self.call("POST", versie_actie.group(1), "plan-nieuwe-versie", write=True,
                          data={"csrfmiddlewaretoken": m.group(1)})
            outcome, found = self.confirmed(pk, r, VERSIE)
            with self.rec.lock:
                self.rec.writes.append({"kind": "planversie", "key": f"plan:{pk}:{found.group(1) if found else '?'}",
                                        "t0": t0, "t1": time.time(), "outcome": outcome})

    def run(self):
        self.login()
        while not self.stop.is_set():
            self.stop.wait(self.rng.uniform(*self.think))
            if self.stop.is_set():
                break
            choice = self.rng.choices(["contactmoment", "aanmelding", "plan", "werkvoorraad"], [3, 2, 2, 2])[0]
            if choice == "werkvoorraad" or not self.casussen and choice in ("contactmoment", "plan"):
                self.call("GET", "/", "werkvoorraad")
            else:
                getattr(self, choice)()


def probe(base, probes, stop):
    """GET /health (one SELECT 1) every quarter second: when the service answers again."""
    import requests

    s = requests.Session()
    while not stop.is_set():
        t = time.time()
        try:
            ok = s.get(base + "/health", timeout=15).status_code == 200
        except Exception:
            ok = False
            s = requests.Session()
        probes.append((t, ok, time.time()))
        stop.wait(0.25)


# --- faults -------------------------------------------------------------------------------------------

def children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purpose.
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(condition, seconds: float, step: float = 0.05) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


class Faults:
    def __init__(self, server, workers, rec, pg, disk, notes, db_file=None):
        self.server, self.workers, self.rec, self.pg, self.disk, self.notes = server, workers, rec, pg, disk, notes
        self.db_file = db_file

    def workers_kill(self) -> tuple[float, float]:
        """kill -9 of every gunicorn worker at a moment writes are in flight; over when the master has
        started as many new ones."""
        wait_for(lambda: self.rec.in_flight >= 2, 20, 0.005)
        writing = self.rec.in_flight
        old = children(self.server.pid)
        start = time.time()
        for pid in old:
            os.kill(pid, signal.SIGKILL)
        back = wait_for(
            lambda: len([p for p in children(self.server.pid) if p not in old and alive(p)]) >= self.workers, 60
        )
        end = time.time()
        self.notes.append(f"workers kill at {start:.0f}: {len(old)} workers killed with {writing} writes in flight; "
                          f"{'all replaced' if back else 'NOT all replaced'} in {end - start:.1f} s")
        return start, end

    def _postmaster(self) -> int:
        return int((self.pg.dir / "data" / "postmaster.pid").read_text().split()[0])

    def pg_kill(self) -> tuple[float, float]:
        """kill -9 of the postmaster; its backends end when they notice; then started again as it was."""
        wait_for(lambda: self.rec.in_flight >= 1, 20, 0.005)
        pid = self._postmaster()
        backends = children(pid)
        start = time.time()
        os.kill(pid, signal.SIGKILL)
        if not wait_for(lambda: not any(alive(p) for p in backends), 30):
            left = [p for p in backends if alive(p)]
            self.notes.append(f"postmaster kill: {len(left)} backends still alive after 30 s: killed")
            for p in left:
                os.kill(p, signal.SIGKILL)
            wait_for(lambda: not any(alive(p) for p in left), 10)
        # PostgreSQL refuses to start while the old postmaster's pid exists, even as a zombie not yet reaped.
        wait_for(lambda: not Path(f"/proc/{pid}").exists(), 60)
        pg_start_again(self.pg)
        end = time.time()
        self.notes.append(f"postmaster kill -9: {len(backends)} children ended, started again in {end - start:.1f} s")
        return start, end

    def pg_restart(self) -> tuple[float, float]:
        start = time.time()
        self.pg.run(str(self.pg.bindir / "pg_ctl"), "-D", str(self.pg.dir / "data"), "-m", "fast", "-w", "restart",
                    stdout=subprocess.DEVNULL)
        return start, time.time()

    def disk_full(self, hold: float = 15) -> tuple[float, float]:
        """Fill the SQLite database's filesystem to the last byte, keep it full while writes fail, free it."""
        filler = self.disk / "vol"
        start = time.time()
        errors_before = len(self.rec.errors)
        # SQLite reuses its WAL file from the start after a checkpoint, and free pages in the database: a
        # full disk would hardly bite. So the WAL is emptied first (TRUNCATE), and a reader holds a snapshot
        # (as a long export does) while the disk is full, so that every commit has to grow the WAL.
        import sqlite3

        reader = sqlite3.connect(self.db_file, timeout=30, isolation_level=None)
        truncated = reader.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        reader.execute("BEGIN")
        reader.execute("SELECT COUNT(*) FROM django_migrations").fetchone()
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            for size in (1 << 20, 4096, 1):  # megabytes, then the last pages, then the last bytes
                try:
                    while True:
                        os.write(fd, b"\0" * size)
                except OSError:
                    pass
        finally:
            os.close(fd)
        st = os.statvfs(self.disk)
        failed = wait_for(lambda: len(self.rec.errors) > errors_before, 60, 0.1)
        time.sleep(hold)
        reader.execute("COMMIT")
        reader.close()
        filler.unlink()
        end = time.time()
        self.notes.append(
            f"disk full: WAL truncated first {'(busy)' if truncated[0] else ''}; "
            f"{st.f_bavail * st.f_frsize} bytes free while full; writes "
            f"{'failed' if failed else 'did NOT fail within 60 s'}; {len(self.rec.errors) - errors_before} "
            f"client errors; full for {end - start:.1f} s"
        )
        return start, end


def pg_start_again(pg):
    """Start the cluster with the options it ran with (port, socket, settings): postmaster.opts, which
    PostgreSQL writes at every start. (run.Postgres.start picks a new port; the application needs the old.)"""
    opts = shlex.split((pg.dir / "data" / "postmaster.opts").read_text())[1:]
    opts = [o for i, o in enumerate(opts) if o != "-D" and (i == 0 or opts[i - 1] != "-D")]
    pg.run(str(pg.bindir / "pg_ctl"), "-D", str(pg.dir / "data"), "-w", "-l", str(pg.dir / "log"),
           "-o", shlex.join(opts), "start", stdout=subprocess.DEVNULL)


# --- orchestration ------------------------------------------------------------------------------------

def dataset(db: str, size: str, seed: int, pg) -> tuple[str, dict, Path]:
    """The bench's dataset in the soak's own folder (named by the generator only: the run's copy is
    migrated, so a new migration elsewhere does not mean generating again)."""
    h = run.generator_version().hexdigest()[:8]
    folder = DATA / f"soak-{db}-{size}-seed{seed}-{h}"
    url, info = run.prepare(db, size, seed, pg, folder)
    return url, info, folder


def app_env(database_url: str) -> dict:
    env = run.base_env(database_url)
    # The audit checkpoint lives outside the database: each run starts from a fresh copy of the dataset,
    # so it starts with no checkpoint (an old one would report this run's shorter chains as cut off).
    env.update(WIJKREGIE_DATA_DIR=str(APP_DIR), WIJKREGIE_CACHE_DIR=str(APP_DIR / "cache"),
               WIJKREGIE_AUDIT_CHECKPOINT_DIR=str(APP_DIR / "audit-controlepunten"))
    return env


def mount_disk(db_file: Path, spare_mb: int) -> Path:
    """A tmpfs just big enough for the database and `spare_mb`: the SQLite data directory that fills up."""
    if os.geteuid() != 0:
        raise SystemExit("SOAK_DB=sqlite mounts a small filesystem: run as root")
    DISK.mkdir(parents=True, exist_ok=True)
    size_mb = db_file.stat().st_size // (1 << 20) + spare_mb
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_mb}m,mode=0700", "wijkregie-soak", str(DISK)], check=True
    )
    target = DISK / "wijkregie.sqlite3"
    subprocess.run(["cp", str(db_file), str(target)], check=True)
    return target


def unmount_disk():
    if os.path.ismount(DISK):
        subprocess.run(["umount", str(DISK)], check=False)
    if DISK.exists() and not os.path.ismount(DISK):
        DISK.rmdir()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("db", "size", "sessions", "seconds", "seed", "think", "workers", "bound", "faults", "spare_mb"):
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name)
    args = parser.parse_args(argv)
    db = option(args, "db", "postgresql")
    if db not in ("sqlite", "postgresql"):
        raise SystemExit("SOAK_DB is postgresql or sqlite")
    size = option(args, "size", "den-helder")
    sessions = option(args, "sessions", "50", int)
    seconds = option(args, "seconds", "600", int)
    seed = option(args, "seed", "7", int)
    # A medewerker writing: a page, then reading and typing for 10 to 30 s. Faster saturates two shared
    # cores, and then every request queues for tens of seconds whether there is a fault or not.
    think = tuple(float(x) for x in option(args, "think", "10,30").split(","))[:2]
    workers = option(args, "workers", "4", int)
    bound = option(args, "bound", "30", float)  # seconds within which the service must answer again
    spare_mb = option(args, "spare_mb", "64", int)
    faults = ["workers_kill", "pg_kill", "pg_restart"] if db == "postgresql" else ["workers_kill", "disk_full"]
    faults = option(args, "faults", ",".join(faults)).split(",")  # a subset, to look at one fault
    lead, tail = min(30, seconds // 6), min(45, seconds // 4)
    rounds = max(1, int((seconds - lead - tail) // (len(faults) * 60)))
    schedule = faults * rounds
    slot = (seconds - lead - tail) / len(schedule)

    run_id = time.strftime("%H%M%S")
    pg = None
    if db == "postgresql":
        pg = run.Postgres(DATA / "soak-pg")  # its own cluster: a `make bench` beside it keeps its database
    server = None
    notes: list[str] = []
    mounted = False
    try:
        if pg:
            pg.start(loading=False)
        database_url, info, folder = dataset(db, size, seed, pg)
        # Migrated where it was copied (a migration may rebuild a table: room the small disk has not).
        run.manage(app_env(database_url), "migrate", "--no-input", "-v0")
        if db == "sqlite":
            db_file = mount_disk(Path(database_url.removeprefix("sqlite:///")), spare_mb)
            mounted = True
            database_url = f"sqlite:///{db_file}"
        env = app_env(database_url)
        shutil.rmtree(APP_DIR / "audit-controlepunten", ignore_errors=True)
        shutil.rmtree(APP_DIR / "cache", ignore_errors=True)
        run.manage(env, "collectstatic", "--no-input", "-v0")
        base_file = Path(tempfile.mkstemp(prefix="soak-baseline-", suffix=".json")[1])
        base_file.write_text(subprocess.run([str(VENV / "python"), str(BENCH / "soak_check.py"), "baseline"], env=env,
                                            cwd=ROOT, check=True, capture_output=True, text=True).stdout)
        port = run.free_port()
        log = open(DATA / f"soak-server-{db}.log", "w")  # kept for reading after the run
        server = subprocess.Popen(
            [
                str(VENV / "gunicorn"),
                "wijkregie.config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--preload",
                "--timeout",
                "60",
            ],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        run.wait_http(base + "/health")

        rec, stop, stop_probe = Recorder(), threading.Event(), threading.Event()
        accounts = info["accounts"][:sessions]
        if len(accounts) < sessions:
            raise SystemExit(f"at most {len(info['accounts'])} sessions for size {size} (one account each)")
        threads = [Session(base, a, info, rec, stop, think, run_id, i) for i, a in enumerate(accounts)]
        probes: list[tuple] = []
        prober = threading.Thread(target=probe, args=(base, probes, stop_probe), daemon=True)
        prober.start()
        print(f"soak: {sessions} sessions log in (password and TOTP) ...", flush=True)
        for t in threads:
            t.start()
            time.sleep(0.1)
        for t in threads:
            t.logged_in.wait(120)
        start = time.time()
        print(f"soak: {seconds} s of load, faults {', '.join(schedule)} every {slot:.0f} s after {lead} s; "
              f"recovery bound {bound:.0f} s", flush=True)
        f = Faults(
            server,
            workers,
            rec,
            pg,
            DISK,
            notes,
            db_file=database_url.removeprefix("sqlite:///") if db == "sqlite" else None,
        )
        windows = []
        for i, name in enumerate(schedule):
            at = start + lead + i * slot
            time.sleep(max(0, at - time.time()))
            print(f"  {time.time() - start:6.1f} s  {name} ...", flush=True)
            fs, fe = getattr(f, name)()
            windows.append({"name": f"{name} #{schedule[:i + 1].count(name)}", "kind": name, "start": fs, "end": fe})
            print(f"  {time.time() - start:6.1f} s  {name} over after {fe - fs:.1f} s", flush=True)
        time.sleep(max(0, start + seconds - time.time()))
        stop.set()
        for t in threads:
            t.join(120)
        stop_time = time.time()
        stop_probe.set()
        prober.join(5)
        workers_at_end = len([p for p in children(server.pid) if alive(p)])
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        server = None
        check = json.loads(subprocess.run([str(VENV / "python"), str(BENCH / "soak_check.py"), "check", str(base_file)],
                                          env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout)
        base_file.unlink()
        verify = subprocess.run(
            [str(VENV / "wijkregie"), "audit", "verify"], env=env, cwd=ROOT, capture_output=True, text=True
        )
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
        if pg:
            try:
                pg.stop()
            except subprocess.CalledProcessError:
                print("soak: the PostgreSQL cluster was not running at the end", flush=True)
        if mounted:
            unmount_disk()
    server_log = Path(log.name).read_text(errors="replace")
    stored = set(check["stored"])
    by_kind = {}
    for w in rec.writes:
        k = by_kind.setdefault(w["kind"], {"tried": 0, "acked": 0, "stored": 0})
        k["tried"] += 1
        if w["outcome"] == "acked":
            k["acked"] += 1
            k["stored"] += w["key"] in stored
    # On a loaded machine every request queues (sync workers, one backlog): the service has recovered
    # when it answers within the bound plus the time a request takes anyway (p95 outside faults).
    quiet = latency(rec.latencies, windows, bound)
    recovery_bound = round(bound + (quiet["p95"] or 0), 1)
    result = {
        "db": db,
        "size": size,
        "sessions": sessions,
        "seconds": seconds,
        "think": ",".join(map(str, think)),
        "workers": workers,
        "bound": bound,
        "recovery_bound": recovery_bound,
        "schedule": schedule,
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "requests": rec.requests,
        "latency_s": quiet,
        "accounting": account(rec.writes, stored, windows, rec.errors, probes, start, stop_time, bound, recovery_bound),
        "by_kind": by_kind,
        "half_written": check["half_written"],
        "new_rows": check["new_rows"],
        "workers_at_end": workers_at_end,
        "fault_notes": notes,
        "audit_verify": {"ok": verify.returncode == 0, "output": (verify.stdout + verify.stderr)[-500:]},
        "server_log": {
            "worker_timeouts": server_log.count("WORKER TIMEOUT"),
            "internal_errors": server_log.count("Internal Server Error"),
            "disk_full": server_log.count("database or disk is full"),
        },
        "windows": [
            {**w, "start_s": round(w["start"] - start, 1), "end_s": round(w["end"] - start, 1)} for w in windows
        ],
        "errors": [{"at_s": round(e["t0"] - start, 2), "what": e["what"]} for e in rec.errors],
    }
    print(table(result))
    bad = verdict(result)
    result["verdict"] = bad or ["ok"]
    run.RESULTS.mkdir(parents=True, exist_ok=True)
    path = run.RESULTS / f"soak-{db}.json"
    path.write_text(json.dumps(result, indent=1))
    print(f"\nwritten: {path.relative_to(ROOT)}")
    if bad:
        print("SOAK FAILED: " + "; ".join(bad))
        raise SystemExit(1)
    print("soak: nothing acknowledged was lost, nothing half-written, the audit chain verifies")


if __name__ == "__main__":
    main()
