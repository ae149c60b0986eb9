"""The load of `make bench`: closed-loop sessions of logged-in medewerkers of different teams.

Each session is one medewerker (bench/generate.py made the accounts) who logs in as production asks:
password, then the TOTP code of their authenticator (computed here from the device's key). Then it
loops: a page, a pause to read it (BENCH_THINK seconds, uniform), the next page. Only what happens
after every session has logged in and a warm-up has passed is recorded, with the X-Query-Count header
the server adds under WIJKREGIE_BENCH; bench/run.py turns the raw timings into the table.

Environment: BENCH_INFO (the generator's info.json), BENCH_RAW (where to write the raw results),
BENCH_PAGES (comma-separated pages in the mix), BENCH_THINK ("min,max" seconds), BENCH_WARMUP
(seconds after the last login before recording starts).

Capacity mode (BENCH_MODE=capacity, bench/README.md): BENCH_CONTROL names a file in which bench/run.py
writes the number of sessions it wants (a load shape reads it every second; "stop" ends the run), and
every request after login is appended to BENCH_LOG as one line (time, page, ms, error, queries), a line
"loggedin" for each finished login, so the runner measures each step's window itself while the load goes on.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import sys
import time

from locust import FastHttpUser, LoadTestShape, between, events, task

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from totp import totp  # noqa: E402

INFO = json.loads(open(os.environ["BENCH_INFO"]).read())
PAGES = set(os.environ.get("BENCH_PAGES", "werkvoorraad,tijdlijn,zoeken,aanmelding,dashboard,floor").split(","))
# "min,max" seconds; one number is a fixed pause ("0" is no think time at all: every session as fast as it can).
THINK = tuple(float(x) for x in os.environ.get("BENCH_THINK", "2,8").split(","))
THINK = THINK * 2 if len(THINK) == 1 else THINK[:2]

def session_order(accounts, teams, per_team):
    """Session i logs in as a medewerker of team i mod T, so that the first T sessions cover every
    team once; the member index shifts with i, so roles (bureaudienst, teamleider) are mixed in and
    no (team, member) pair repeats before every account is used."""
    by_pair = {(a["team_index"], a["member_index"]): a for a in accounts}
    order, seen = [], set()
    i = 0
    while len(order) < len(accounts):
        pair = (i % teams, (i // teams + i) % per_team)
        if pair not in seen:
            seen.add(pair)
            order.append(by_pair[pair])
        i += 1
    return order


ACCOUNTS = session_order(INFO["accounts"], INFO["teams"], INFO["medewerkers_per_team"])
# BENCH_MIX=zoeken: only the bureaudienst members, who search every resident of the gemeente (the
# person-search measurement over a million residents), with the floor beside them.
MIX = os.environ.get("BENCH_MIX", "all")
if MIX == "zoeken":
    ACCOUNTS = [a for a in ACCOUNTS if "bureaudienst" in a["rollen"]]
    PAGES = {"zoeken", "floor"}
# BENCH_MIX=<one page> (capacity mode): that page only, every turn, so that the CPU per request the step reports is
# that page's (a change of a few percent on one page is lost in the whole mix's spread). The team search is made by
# the team's medewerkers only (a gemeente-wide role searches by the rules of BENCH_MIX=zoeken).
EEN_PAGINA = {"werkvoorraad": "werkvoorraad", "tijdlijn": "tijdlijn", "zoeken-team": "zoeken",
              "aanmelding": "aanmelding", "dashboard": "dashboard"}
if MIX in EEN_PAGINA:
    if MIX == "zoeken-team":
        ACCOUNTS = [a for a in ACCOUNTS if "bureaudienst" not in a["rollen"]]
    PAGES = {EEN_PAGINA[MIX]}
_next_account = itertools.count()
_rng = random.Random(INFO["seed"])

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

RAW = {"measuring": False, "started": None, "stopped": None, "pages": {}}
CONTROL = os.environ.get("BENCH_CONTROL")
LOG = open(os.environ["BENCH_LOG"], "a", buffering=1 << 16) if CONTROL else None


def typo(name: str, rng: random.Random) -> str:
    """One letter changed: the search must be typo-tolerant (issue 7)."""
    if len(name) < 5:
        return name
    i = rng.randrange(1, len(name) - 1)
    return name[:i] + rng.choice("aeiourstn") + name[i + 1:]


def zoekterm(naam: list[str], rng: random.Random) -> str:
    """First name and surname as a medewerker types them, one letter of the surname changed: a query
    specific enough for a gemeente-wide role (docs/toegangsbeleid.md refuses a single name to those)."""
    voornaam, achternaam = naam
    return f"{voornaam} {typo(achternaam, rng)}"


# As inwoners/search.py's TUSSENVOEGSELS: they do not narrow a search (the bench does not import the application).
TUSSENVOEGSELS = {"de", "der", "den", "van", "het", "ter", "te", "ten", "in", "op", "la", "le", "el", "al", "da", "di",
                  "du", "von", "vd"}


def specifiek(naam: list[str]) -> bool:
    """As inwoners/zoeklimiet.py's te_algemeen for a name alone: two distinct name parts of two letters or more,
    tussenvoegsels left out, six letters in all."""
    delen = {re.sub(r"[^a-z]", "", w) for w in " ".join(naam).lower().split()}
    delen = {d for d in delen if len(d) >= 2 and d not in TUSSENVOEGSELS}
    return len(delen) >= 2 and sum(len(d) for d in delen) >= 6


# What the server answers instead of results when it refuses a search (too general, or over the hourly
# limits): a 200 page, so it is looked for in the text and counted as an error.
GEWEIGERD = ("Zoek specifieker", "in korte tijd erg veel")


# Seconds after the last login before recording starts: each server process first fills its caches
# (templates, URL resolvers, translations, the monitor's figures), once per process lifetime.
WARMUP = float(os.environ.get("BENCH_WARMUP", "15"))


@events.spawning_complete.add_listener
def _start_measuring(user_count, **kwargs):
    RAW["measuring"] = True
    RAW["started"] = time.time() + WARMUP


@events.request.add_listener
def _record(request_type, name, response_time, response_length, response=None, exception=None, **kwargs):
    if LOG is not None:
        if not name.startswith("login"):
            count = response.headers.get("X-Query-Count") if response is not None and response.headers else None
            # The error itself (one line, tabs and newlines out) in a sixth column: what failed, not only that.
            fout = " ".join(str(exception).split())[:200] if exception is not None else ""
            LOG.write(f"{time.time():.3f}\t{name}\t{response_time:.1f}\t{int(exception is not None)}\t{count or ''}"
                      f"\t{fout}\n")
        return
    if not RAW["measuring"] or name.startswith("login") or time.time() < RAW["started"]:
        return
    page = RAW["pages"].setdefault(name, {"ms": [], "errors": 0, "queries": [], "error_samples": []})
    page["ms"].append(response_time)
    if exception is not None:
        page["errors"] += 1
        if len(page["error_samples"]) < 5:
            page["error_samples"].append(str(exception)[:200])
    if response is not None:
        count = response.headers.get("X-Query-Count") if response.headers else None
        if count is not None:
            page["queries"].append(int(count))


@events.quitting.add_listener
def _write(environment, **kwargs):
    if LOG is not None:
        LOG.flush()
        return
    RAW["stopped"] = time.time()
    with open(os.environ["BENCH_RAW"], "w") as fh:
        json.dump(RAW, fh)


class Medewerker(FastHttpUser):
    wait_time = between(*THINK)
    # Connections are kept open per session, as a browser does.

    def on_start(self):
        account = ACCOUNTS[next(_next_account) % len(ACCOUNTS)]
        self.account = account
        self.rng = random.Random(f"{INFO['seed']}:{account['username']}")
        team = str(account["team"])
        # Only files this medewerker may open (docs/toegangsbeleid.md): their own open casussen, and the
        # team's open casussen whose household consented to discussing them in the team.
        self.casussen = (INFO["eigen_casussen"].get(account["username"], []) + INFO["casussen"].get(team, [])) or None
        self.lange_casus = INFO["lange_casussen"].get(team)
        self.personen = INFO["personen"].get(team) or []
        self.gemeentebreed = "bureaudienst" in account["rollen"]
        # A gemeente-wide role must name one person (inwoners/zoeklimiet.py, te_algemeen: two name parts, six
        # letters at least): a bureaudienst worker calling about "Bo Sam" adds the birth date, which the dataset
        # does not hand out. Such names are left out, so a correct refusal is not counted as the server's error.
        self.namen = [n for n in INFO["namen_gemeente"] if specifiek(n)] if self.gemeentebreed else \
            INFO["namen_team"].get(team, [])
        page = self.client.get("/inloggen/", name="login")
        token = CSRF.search(page.text).group(1)
        self.client.post("/inloggen/", name="login", data={
            "username": account["username"], "password": account["password"], "csrfmiddlewaretoken": token,
        })
        page = self.client.get("/inloggen/tweestaps/", name="login")
        token = CSRF.search(page.text).group(1)
        with self.client.post("/inloggen/tweestaps/", name="login", allow_redirects=False, catch_response=True,
                              data={"code": totp(account["totp_key"]), "csrfmiddlewaretoken": token}) as response:
            if response.status_code != 302:
                response.failure(f"second step refused ({response.status_code})")
        # The search form posts (no BSN in a URL): the session's CSRF token, from the search page.
        page = self.client.get("/personen/", name="login")
        match = CSRF.search(page.text or "")
        self.csrf = match.group(1) if match else ""
        if LOG is not None:
            LOG.write(f"{time.time():.3f}\tloggedin\n")

    @task(3)
    def werkvoorraad(self):
        if "werkvoorraad" in PAGES:
            self.client.get("/", name="werkvoorraad")

    @task(3)
    def tijdlijn(self):
        if "tijdlijn" in PAGES:
            # Half the time the team's longest file (hundreds of contactmomenten): its timeline must
            # load as fast as a new one.
            if self.lange_casus and (self.rng.random() < 0.5 or not self.casussen):
                pk = self.lange_casus
            elif self.casussen:
                pk = self.rng.choice(self.casussen)
            else:
                return
            self.client.get(f"/casussen/{pk}/tijdlijn/", name="tijdlijn")

    @task(3)
    def zoeken(self):
        if "zoeken" in PAGES:
            if not self.namen:
                return
            term = zoekterm(self.rng.choice(self.namen), self.rng)
            # The bureaudienst searches every resident of the gemeente; a team medewerker those the team helps.
            name = "zoeken-gemeente" if self.gemeentebreed else "zoeken-team"
            with self.client.post("/personen/", name=name, data={"q": term, "csrfmiddlewaretoken": self.csrf},
                                  catch_response=True) as response:
                if response.status_code == 200 and any(t in (response.text or "") for t in GEWEIGERD):
                    response.failure(f"search refused: {term!r}")

    @task(1)
    def aanmelding(self):
        if "aanmelding" not in PAGES:
            return
        page = self.client.get("/aanmeldingen/nieuw/", name="aanmelding-formulier")
        match = CSRF.search(page.text or "")
        if not match:
            return
        data = {
            "csrfmiddlewaretoken": match.group(1), "kanaal": "telefoon", "vraag": "Wil hulp bij de administratie.",
            "ontvangen_op": time.strftime("%Y-%m-%dT%H:%M"), "afhandeling": "bureaudienst",
        }
        if self.personen:
            data["persoon"] = str(self.rng.choice(self.personen))
        else:
            data["anoniem_naam"] = "Beller"
        with self.client.post("/aanmeldingen/nieuw/", name="aanmelding-registreren", data=data, allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"not registered ({response.status_code})")

    @task(1)
    def dashboard(self):
        if "dashboard" in PAGES:
            self.client.get(f"/monitor/wijk/{self.account['wijk']}/", name="dashboard")

    @task(2)
    def floor(self):
        if "floor" in PAGES:
            self.client.get("/health", name="floor")


if MIX == "zoeken":
    # Only the two requests of this mix, in their usual proportion, so no turn is spent on a skipped page.
    Medewerker.tasks = [Medewerker.zoeken] * 3 + [Medewerker.floor] * 2
elif MIX in EEN_PAGINA:
    Medewerker.tasks = [getattr(Medewerker, EEN_PAGINA[MIX])]


if CONTROL:
    class Stappen(LoadTestShape):
        """Capacity mode: as many sessions as bench/run.py asks in BENCH_CONTROL; sessions already running
        stay logged in, new ones log in (four a second: a login is an Argon2 hash)."""

        def tick(self):
            LOG.flush()
            try:
                wanted = open(CONTROL).read().strip()
            except OSError:
                wanted = ""
            if wanted == "stop":
                return None
            return (int(wanted or 0), 4)
