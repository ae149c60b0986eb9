"""Generate a synthetic municipality for `make bench`: reproducible (--seed), fast, no query per row.

    WIJKREGIE_BENCH=1 python bench/generate.py --size den-helder --seed 7 --users bench/data/x/users.json

Refuses to run unless settings.BENCH_MODE (WIJKREGIE_BENCH=1) is on and the database holds no
gemeente yet: it writes rows with explicit ids straight into the tables (COPY on PostgreSQL,
executemany on SQLite), which is only safe in an empty database made for the bench.

What it makes (sizes in SIZES): wijken and teams, medewerkers who log in with a password and TOTP
as in production, persons in households (every person also lands in the search index: the SQLite
FTS5 table through its insert trigger, pg_trgm through its GIN index), five years of aanmeldingen
with triage and allocation, casussen with status history (one open casus per household at a time: a
question of a household whose casus runs joins it), plans with goals, regie, contactmomenten,
evaluations and check-ins, the household's consent to discuss the casus in the team (most give it;
every member by the age rules of casus/toestemming.py, parents with gezag for their children),
and the audit events these cause: one hash chain per gemeente and medewerker, hashed with the
project's own AuditEvent.compute_hash, each chain head signed with core.models.head_signature as
core.audit does, so that `wijkregie audit verify` passes.

The content (names, BSNs, addresses, household compositions, the aanmeldingen' routes, contact patterns)
is drawn by core/synthetisch.py, the generator the demo and the tests use too; this module only writes it.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import math
import os
import random
import sys
import time
from array import array
from pathlib import Path

UTC = datetime.UTC

# Den Helder: the four wijken of the demo (organisatie/demo_data/denhelder_wijken.csv), one team each.
# Utrecht: its ten wijken (inhabitants rounded, about 2022) served by 18 teams; the biggest wijken have two.
SIZES = {
    "den-helder": dict(
        naam="Den Helder", slug="den-helder", cbs="0400", postcode="17", persons=56_623, households=27_196,
        wijken=None, aanmeldingen_per_jaar=3_000, medewerkers_per_team=14, contactmomenten=160_000,
    ),
    "utrecht": dict(
        naam="Utrecht", slug="utrecht", cbs="0344", postcode="35", persons=350_000, households=170_000,
        wijken=[("West", 40_000, 2), ("Noordwest", 43_000, 2), ("Overvecht", 35_000, 2), ("Noordoost", 30_000, 1),
                ("Oost", 31_000, 2), ("Binnenstad", 18_000, 1), ("Zuid", 34_000, 2), ("Zuidwest", 34_000, 2),
                ("Leidsche Rijn", 50_000, 2), ("Vleuten-De Meern", 35_000, 2)],
        aanmeldingen_per_jaar=18_000, medewerkers_per_team=16, contactmomenten=1_000_000,
    ),
}
# The person-search measurement: Utrecht's organisation and case load with 1.000.000 residents.
SIZES["miljoen"] = dict(SIZES["utrecht"], naam="Miljoenstad", slug="miljoenstad", persons=1_000_000, households=480_000)

JAREN = 5
# Share of households that consent to discussing their casus in the team (recorded at allocation, for
# every member by the age rules: from 12 the child too, under 16 a parent with gezag, from 16 alone).
TEAMTOESTEMMING = 0.9
LEEFTIJD_MEE, LEEFTIJD_ZELF = 12, 16
# How long a generated dataset is meant to be reused for (bench/data keeps it until the generator or a
# migration changes): files whose consent would change by age within it are not given to the load.
HERBRUIK = datetime.timedelta(days=120)
BENCH_PASSWORD = "bench-wijkregie-2026"  # synthetic accounts in a throw-away database only
DOELEN = [
    "Rekeningen zelf op tijd betalen",
    "Weer rust in huis",
    "Zelfstandig blijven wonen",
    "Een dag per week vrijwilligerswerk",
    "Kinderen gaan weer naar school",
    "Contact met de buren en de buurtkamer",
]


class Writer:
    """Rows with explicit ids into a table: COPY on PostgreSQL, executemany on SQLite.

    Columns not given per row take the field's default, computed once per column; datetimes must be
    aware (UTC). Only for an empty bench database: no model save(), no signals, no per-row query.
    """

    def __init__(self, connection):
        self.connection = connection
        self.vendor = connection.vendor
        self.counts: dict[str, int] = {}

    def insert(self, model, rows: list[dict]):
        from django.db import models

        if not rows:
            return
        fields = [f for f in model._meta.concrete_fields]
        columns = [f.column for f in fields]
        defaults = {}
        kinds = {}
        for f in fields:
            if isinstance(f, models.DateTimeField):
                kinds[f.column] = "dt"
            elif isinstance(f, models.DateField):
                kinds[f.column] = "d"
            if f.primary_key:
                continue
            default = f.get_default()
            if isinstance(default, datetime.datetime):
                default = default.astimezone(UTC)
            defaults[f.column] = default
        sqlite = self.vendor == "sqlite"

        def convert(column, value):
            if value is None:
                return None
            kind = kinds.get(column)
            if sqlite and kind == "dt":
                return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
            if sqlite and kind == "d":
                return value.isoformat()
            return value

        converters = [(c, defaults.get(c)) for c in columns]
        fix = [(i, c) for i, c in enumerate(columns) if sqlite and c in kinds]
        table = model._meta.db_table

        def as_tuple(row):
            values = [row.get(c, d) for c, d in converters]
            for i, c in fix:
                values[i] = convert(c, values[i])
            return values

        tuples = (as_tuple(row) for row in rows)
        raw = self.connection.connection
        if sqlite:
            placeholders = ", ".join("?" for _ in columns)
            sql = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({placeholders})'
            raw.executemany(sql, tuples)
        else:
            with raw.cursor() as cursor:
                with cursor.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
                    for t in tuples:
                        copy.write_row(t)
        self.counts[table] = self.counts.get(table, 0) + len(rows)

    def finish(self):
        """Identity sequences past the explicit ids (PostgreSQL); planner statistics on both."""
        with self.connection.cursor() as cursor:
            if self.vendor == "postgresql":
                for table in self.counts:
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), (SELECT MAX(id) FROM \"{table}\"))"
                    )
            cursor.execute("ANALYZE")


def generate(size: str, seed: int, until: datetime.date, users_path: Path, log=print) -> dict:
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from wijkregie.casus.models import Casus, GegevenAls, Status, Statusovergang, Toestemming, ToestemmingScope
    from wijkregie.casus.toestemming import casus_team_toestemming_q
    from wijkregie.core import synthetisch
    from wijkregie.core.audit import DOEL_WETTELIJKE_TAAK, chain_key
    from wijkregie.core.models import AuditChain, AuditEvent, Gemeente, head_signature
    from wijkregie.inwoners.models import Huishouden, Hulprelatie, Lidmaatschap, Persoon, zoeknaam
    from wijkregie.organisatie.models import (
        Leefgebied,
        Medewerker,
        Organisatie,
        OrganisatieSoort,
        Postcodegebied,
        Rol,
        Roltoewijzing,
        Team,
        Teamlid,
        Wijk,
    )
    from wijkregie.organisatie.services import leefgebieden_ensure
    from wijkregie.plan.models import Doel, Ondersteuningsplan, PlanStatus
    from wijkregie.regie.models import CheckIn, Contactmoment, Evaluatie, Regie
    from wijkregie.toegang.models import Aanmelding, AanmeldingStatus, Toedeling, Triage

    if not settings.BENCH_MODE:
        raise SystemExit("bench/generate.py runs only with WIJKREGIE_BENCH=1, in a database made for the bench.")
    if Gemeente.objects.exists():
        raise SystemExit("The database already holds a gemeente: generate only into an empty, migrated database.")
    spec = SIZES[size]
    rng = random.Random(seed)
    started = time.monotonic()
    timings = {}
    connection.ensure_connection()
    w = Writer(connection)
    einde = datetime.datetime.combine(until, datetime.time(17, 0), tzinfo=UTC)
    begin = einde - datetime.timedelta(days=365 * JAREN)

    # The content (names, households, routes, contacts) is core/synthetisch.py's, as the demo's is; this
    # module only writes it, in bulk. Its Random is the generator's, so one seed makes the whole dataset.
    gen = synthetisch.Generator(rng, vandaag=until)

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # Loading only: a crash means generating again, so no fsync per transaction (RECIPES.md keeps WAL).
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-1000000")

    # --- organisation (a few hundred rows: the ORM is fine here) -----------------------------------
    t0 = time.monotonic()
    with transaction.atomic():
        gemeente = Gemeente.objects.create(naam=spec["naam"], slug=spec["slug"], cbs_code=spec["cbs"])
        leefgebieden_ensure(gemeente=gemeente)
        leefgebieden = list(Leefgebied.objects.filter(gemeente=gemeente))
        if spec["wijken"] is None:
            import csv

            from wijkregie.organisatie import demo as org_demo

            with open(org_demo.DATA / "denhelder_wijken.csv", encoding="utf-8") as fh:
                wijkrijen = [(r["wijk"], int(r["inwoners"]), 1) for r in csv.DictReader(fh)]
        else:
            wijkrijen = spec["wijken"]
        totaal_inwoners = sum(r[1] for r in wijkrijen)
        wijken, teams, team_wijk = [], [], {}
        org = Organisatie.objects.create(
            gemeente=gemeente, naam=f"Gemeente {spec['naam']}", soort=OrganisatieSoort.GEMEENTE
        )
        postcode_n = 0
        for naam, inwoners, nteams in wijkrijen:
            inwoners = round(inwoners * spec["persons"] / totaal_inwoners)
            wijk = Wijk.objects.create(
                gemeente=gemeente, naam=naam, slug=naam.lower().replace(" ", "-"), inwoners=inwoners,
                huishoudens=round(inwoners * spec["households"] / spec["persons"]), zorgvragen=inwoners // 25,
                problematiek_jeugd="gemiddeld", problematiek_zorg_wmo="gemiddeld", problematiek_werk="gemiddeld",
            )
            wijk.postcodes = []
            for _ in range(3):
                pc4 = f"{spec['postcode']}{postcode_n:02d}"
                postcode_n += 1
                Postcodegebied.objects.create(gemeente=gemeente, postcode4=pc4, wijk=wijk)
                wijk.postcodes.append(pc4)
            wijk.teams_ = []
            for t in range(nteams):
                suffix = f" {t + 1}" if nteams > 1 else ""
                team = Team.objects.create(gemeente=gemeente, naam=f"Wijkteam {naam}{suffix}",
                                           slug=f"wijkteam-{wijk.slug}{suffix.strip() and '-' + suffix.strip()}")
                team.wijken.add(wijk)
                teams.append(team)
                wijk.teams_.append(team)
                team_wijk[team.pk] = wijk
            wijken.append(wijk)
        # Every account has the same password: one Argon2 hash, computed once.
        wachtwoord = make_password(BENCH_PASSWORD)
        medewerkers, per_team, accounts = [], {t.pk: [] for t in teams}, []
        for ti, team in enumerate(teams):
            for i in range(spec["medewerkers_per_team"]):
                # In each team a quarter of the colleagues take turns on the bureaudienst (they see the
                # whole gemeente's residents) and one is the teamleider: the mix of start pages a team has.
                rollen = (
                    [Rol.MEDEWERKER] + ([Rol.BUREAUDIENST] if i % 4 == 1 else []) + ([Rol.TEAMLEIDER] if i == 2 else [])
                )
                username = f"bench-{ti + 1:02d}-{i + 1:02d}"
                first = gen.voornaam()
                mw = Medewerker(
                    username=username,
                    gemeente=gemeente,
                    first_name=first,
                    last_name=" ".join(gen.achternaam()).strip(),
                    password=wachtwoord,
                    moederorganisatie=org,
                    specialisme="Generalist wijkteam",
                )
                mw.save()
                Roltoewijzing.objects.bulk_create([Roltoewijzing(medewerker=mw, rol=r) for r in rollen])
                Teamlid.objects.create(gemeente=gemeente, team=team, medewerker=mw, uren_per_week=32,
                                       sinds=datetime.date(until.year - JAREN, 1, 1))
                if i == 0:
                    mw.focuswijken.add(team_wijk[team.pk])
                key = hashlib.sha1(f"{seed}:{username}".encode()).hexdigest()
                TOTPDevice.objects.create(user=mw, name="bench", confirmed=True, key=key)
                mw.team_ = team
                mw.rol_ = ",".join(sorted(str(r) for r in rollen))  # the event's role codes, as actor_rol gives them
                medewerkers.append(mw)
                per_team[team.pk].append(mw)
                accounts.append({"username": username, "password": BENCH_PASSWORD, "totp_key": key, "team": team.pk,
                                 "team_index": ti, "member_index": i, "wijk": team_wijk[team.pk].pk,
                                 "rollen": [str(r) for r in rollen]})
        # One more account, never in the load, for the runner's page-weight pass: no two logins in
        # the same 30 seconds share a TOTP code (django-otp refuses a code twice).
        mw = Medewerker(username="bench-gewicht", gemeente=gemeente, first_name="Gewicht", last_name="Meting",
                        password=wachtwoord, moederorganisatie=org)
        mw.save()
        Roltoewijzing.objects.create(medewerker=mw, rol=Rol.MEDEWERKER)
        mw.rol_ = str(Rol.MEDEWERKER)
        Teamlid.objects.create(gemeente=gemeente, team=teams[0], medewerker=mw, uren_per_week=32,
                               sinds=datetime.date(until.year - JAREN, 1, 1))
        key = hashlib.sha1(f"{seed}:bench-gewicht".encode()).hexdigest()
        TOTPDevice.objects.create(user=mw, name="bench", confirmed=True, key=key)
        reserve = {"username": "bench-gewicht", "password": BENCH_PASSWORD, "totp_key": key, "team": teams[0].pk,
                   "wijk": team_wijk[teams[0].pk].pk, "rollen": [str(Rol.MEDEWERKER)]}
    timings["organisation"] = time.monotonic() - t0

    # --- persons and households ---------------------------------------------------------------------
    t0 = time.monotonic()
    H = spec["households"]
    gen.wijken = [synthetisch.Woonwijk(w_, w_.huishoudens, w_.postcodes, spec["naam"]) for w_ in wijken]
    personen, huishoudens, leden = [], [], []
    # Per household (index hid - 1): its members' ids, hoofd first (the hoofdpersoon of its casussen), and
    # which of them are its children; per person the birth date as an ordinal, for consent by age.
    leden_van: list[tuple[int, ...]] = []
    kinderen_van: list[frozenset[int]] = []
    wijk_van = []
    geboren_op = array("i")
    geboren_op.append(0)
    lid_id = 0
    for hh in gen.bevolking(H, spec["persons"]):  # the real totals: Den Helder 56.623 in 27.196
        hid = hh.nummer
        huishoudens.append({"id": hid, "gemeente_id": gemeente.pk, "naam": hh.naam, "aangemaakt_op": begin})
        for lid in hh.leden:
            p = lid.persoon
            if p.nummer == len(geboren_op):  # new: a child of separated parents comes again in a second household
                geboren_op.append(p.geboortedatum.toordinal())
                personen.append(
                    {"id": p.nummer, "gemeente_id": gemeente.pk, **p.velden(), "wijk_id": p.adres.wijk.pk,
                     "zoeknaam": zoeknaam(p.voornamen, p.tussenvoegsel, p.achternaam), "aangemaakt_op": begin,
                     "niet_ingeschreven": False}
                )
            lid_id += 1
            leden.append({"id": lid_id, "gemeente_id": gemeente.pk, "persoon_id": p.nummer, "huishouden_id": hid,
                          "relatie": lid.relatie, "van": lid.van, "gezag": lid.gezag, "woont_hier": lid.woont_hier})
        leden_van.append(tuple(lid.persoon.nummer for lid in hh.leden))
        kinderen_van.append(frozenset(lid.persoon.nummer for lid in hh.leden if lid.relatie == "kind"))
        wijk_van.append(hh.adres.wijk)
    P = len(personen)
    with transaction.atomic():
        for i in range(0, len(huishoudens), 50_000):
            w.insert(Huishouden, huishoudens[i:i + 50_000])
        for i in range(0, len(personen), 50_000):
            w.insert(Persoon, personen[i:i + 50_000])
        for i in range(0, len(leden), 50_000):
            w.insert(Lidmaatschap, leden[i:i + 50_000])
    del personen, leden, huishoudens
    timings["persons"] = time.monotonic() - t0

    # --- five years of aanmeldingen, casussen and what follows -----------------------------------
    t0 = time.monotonic()
    A = spec["aanmeldingen_per_jaar"] * JAREN
    rows = {m: [] for m in (Aanmelding, Triage, Toedeling, Casus, Statusovergang, Hulprelatie, Toestemming,
                            Ondersteuningsplan, Doel, Regie, Contactmoment, Evaluatie, CheckIn)}
    audit = []  # (tijd, actor, actie, object_type, object_id, client_id, omschrijving)
    ids = {m: 0 for m in rows}

    def nid(model):
        ids[model] += 1
        return ids[model]

    def jaren_later(dag: datetime.date, jaren: int) -> datetime.date:
        try:
            return dag.replace(year=dag.year + jaren)
        except ValueError:  # 29 February
            return dag.replace(year=dag.year + jaren, day=28)

    gegeven: dict[int, set[str]] = {}  # who consented already, and how (consent outlives a casus)

    def toestemmingen(cid: int, hid: int, op: datetime.datetime, tot: datetime.datetime, mw) -> None:
        """The household's team consent for every member, by the age rules (casus/toestemming.py) when it
        was given: at allocation, or at birth for a child born while the casus runs; a child who turns 12
        while it runs consents too. The hoofd (a parent with gezag) consents for the children under 16."""
        eerste, kinderen = leden_van[hid - 1][0], kinderen_van[hid - 1]
        for pid in leden_van[hid - 1]:
            geboren = datetime.date.fromordinal(geboren_op[pid])
            moment = max(
                op, datetime.datetime.combine(geboren + datetime.timedelta(days=14), datetime.time(11), tzinfo=UTC)
            )
            if moment >= tot:
                continue
            dag = moment.date()
            leeftijd = dag.year - geboren.year - ((dag.month, dag.day) < (geboren.month, geboren.day))
            nodig = []
            if leeftijd >= LEEFTIJD_MEE:
                nodig.append((GegevenAls.ZELF, moment))
            else:
                twaalf = datetime.datetime.combine(jaren_later(geboren, LEEFTIJD_MEE), datetime.time(11), tzinfo=UTC)
                if twaalf < tot:
                    nodig.append((GegevenAls.ZELF, twaalf))
            if pid in kinderen and leeftijd < LEEFTIJD_ZELF:
                nodig.append((GegevenAls.GEZAG, moment))
            al = gegeven.setdefault(pid, set())
            for als, wanneer in nodig:
                if als in al:
                    continue
                al.add(als)
                tid = nid(Toestemming)
                rows[Toestemming].append(
                    {
                        "id": tid,
                        "gemeente_id": gemeente.pk,
                        "persoon_id": pid,
                        "casus_id": cid,
                        "scope": ToestemmingScope.TEAM,
                        "wijze": "mondeling",
                        "gegeven_op": wanneer,
                        "gegeven_als": als,
                        "gegeven_door_id": eerste if als == GegevenAls.GEZAG else None,
                        "vastgelegd_door_id": mw.pk,
                    }
                )
                audit.append((wanneer, mw, "C", "casus.toestemming", tid, pid, "toestemming team vastgelegd"))

    # The questions in time order: one household, one open casus, so whether a question opens a casus or
    # joins the running one (toegang.services) depends on what came before.
    tijden = gen.ontvangsttijden(A, begin, einde)
    lopend: dict[int, tuple] = {}  # per household its latest casus: (id, opened, closes, team, medewerker)
    casus_spans = []
    for ontvangen in tijden:
        hid = rng.randrange(1, H + 1)
        persoon_id = leden_van[hid - 1][0]
        wijk = wijk_van[hid - 1]
        route = gen.route()
        team = rng.choice(wijk.teams_)
        mw = rng.choice(per_team[team.pk])
        registrant = rng.choice(per_team[team.pk])
        aid = nid(Aanmelding)
        leeftijd = (einde - ontvangen).days
        a = {
            "id": aid,
            "gemeente_id": gemeente.pk,
            "kanaal": route.kanaal,
            "verwijzer": route.verwijzer,
            "verwijzer_naam": route.verwijzer_naam,
            "persoon_id": persoon_id,
            "huishouden_id": hid,
            "vraag": route.vraag,
            "ontvangen_op": ontvangen,
            "geregistreerd_op": ontvangen,
            "geregistreerd_door_id": registrant.pk,
            "postcode": "",
        }
        rows[Aanmelding].append(a)
        audit.append((ontvangen, registrant, "C", "toegang.aanmelding", aid, persoon_id, "aanmelding geregistreerd"))
        # Informatie en advies is answered at the front door (seed 004: half the categorised questions). The
        # bench keeps a resident on every question, also on a web form's, which the demo may leave anonymous.
        if route.voorkant:
            a.update(status=AanmeldingStatus.VOORKANT, advies="Informatie gegeven.", afgehandeld_op=ontvangen)
            continue
        vorige_casus = lopend.get(hid)

        def erbij(op, vorige_casus=vorige_casus, a=a, aid=aid, registrant=registrant, route=route):
            """Joins the household's running casus: its team and regisseur, a Toedeling that says so."""
            cid_, _geopend, _sluit, team_, mw_ = vorige_casus
            contact = op + datetime.timedelta(days=route.wachtdagen, hours=rng.randrange(1, 9))
            a.update(status=AanmeldingStatus.TOEGEDEELD, team_id=team_.pk, medewerker_id=mw_.pk, toegedeeld_op=op,
                     eerste_contact_op=contact if contact < einde else None, casus_id=cid_)
            rows[Toedeling].append(
                {
                    "id": nid(Toedeling),
                    "gemeente_id": gemeente.pk,
                    "aanmelding_id": aid,
                    "team_id": team_.pk,
                    "medewerker_id": mw_.pk,
                    "door_id": registrant.pk,
                    "op": op,
                    "reden": f"nieuwe vraag binnen lopende casus {cid_}",
                }
            )

        if vorige_casus and vorige_casus[1] <= ontvangen < vorige_casus[2]:
            erbij(ontvangen)  # registered while the casus runs: it joins at once
            continue
        if leeftijd < 3 and rng.random() < 0.5:  # still waiting at the bureaudienst
            a.update(status=AanmeldingStatus.BUREAUDIENST)
            continue
        triage_op = min(
            ontvangen + datetime.timedelta(hours=rng.randrange(1, 48)), einde - datetime.timedelta(minutes=5)
        )
        rows[Triage].append({"id": nid(Triage), "gemeente_id": gemeente.pk, "aanmelding_id": aid,
                             "urgentie": route.urgentie, "veiligheid": route.veiligheid, "meervoudig": route.meervoudig,
                             "aard": route.aard, "uitkomst": "vraagverheldering" if route.meervoudig else "kortdurend",
                             "door_id": registrant.pk, "op": triage_op})
        toegedeeld = triage_op + datetime.timedelta(hours=rng.randrange(1, 72))
        if toegedeeld >= einde:  # nothing lies in the future: this one still waits for allocation
            a.update(status=AanmeldingStatus.BUREAUDIENST)
            continue
        if vorige_casus and toegedeeld < vorige_casus[2]:
            # The household's casus opened meanwhile (or opens when the bureaudienst allocates both): it joins.
            erbij(max(toegedeeld, vorige_casus[1]))
            continue
        rows[Toedeling].append(
            {
                "id": nid(Toedeling),
                "gemeente_id": gemeente.pk,
                "aanmelding_id": aid,
                "team_id": team.pk,
                "medewerker_id": mw.pk,
                "door_id": registrant.pk,
                "op": toegedeeld,
            }
        )
        eerste_contact = toegedeeld + datetime.timedelta(days=route.wachtdagen, hours=rng.randrange(1, 9))
        cid = nid(Casus)
        a.update(status=AanmeldingStatus.TOEGEDEELD, team_id=team.pk, medewerker_id=mw.pk, toegedeeld_op=toegedeeld,
                 eerste_contact_op=eerste_contact if eerste_contact < einde else None, casus_id=cid)
        # How long the help lasts: mostly months, a long tail of years (vinger aan de pols).
        duur = datetime.timedelta(days=min(rng.lognormvariate(math.log(120), 0.9), 365 * 4))
        sluit = eerste_contact + duur
        lopend[hid] = (cid, toegedeeld, sluit, team, mw)
        casus = {
            "id": cid,
            "gemeente_id": gemeente.pk,
            "team_id": team.pk,
            "huishouden_id": hid,
            "hoofdpersoon_id": persoon_id,
            "medewerker_id": mw.pk,
            "geopend_op": toegedeeld,
            "afgesloten_op": None,
        }
        rows[Casus].append(casus)
        audit.append((toegedeeld, registrant, "C", "casus.casus", cid, persoon_id, "casus geopend"))
        if rng.random() < TEAMTOESTEMMING:
            # Most households agree, at the first talk after allocation, that the casus may be discussed in
            # the team; without it colleagues see only that a question waits (docs/toegangsbeleid.md).
            toestemmingen(cid, hid, toegedeeld, min(sluit, einde), mw)
        for pid in leden_van[hid - 1]:  # the team works with the whole household
            rows[Hulprelatie].append({"id": nid(Hulprelatie), "gemeente_id": gemeente.pk, "persoon_id": pid,
                                      "team_id": team.pk, "sinds": toegedeeld, "tot": sluit if sluit < einde else None,
                                      "reden": f"casus {cid}"})
        # The route: aangemeld → vraagverheldering (first contact) → plan (+3 weeks) → uitvoering (signed)
        # → afgeschaald (after a year) → afgesloten.
        stappen = [("aangemeld", toegedeeld), ("vraagverheldering", eerste_contact),
                   ("plan", eerste_contact + datetime.timedelta(days=21)),
                   ("uitvoering", eerste_contact + datetime.timedelta(days=35))]
        if duur.days > 400:
            stappen.append(("afgeschaald", eerste_contact + datetime.timedelta(days=365)))
        stappen.append(("afgesloten", sluit))
        vorige = ""
        status = "aangemeld"
        for naar, op in stappen:
            if op >= einde or (naar != "afgesloten" and op >= sluit):
                continue
            rows[Statusovergang].append(
                {
                    "id": nid(Statusovergang),
                    "gemeente_id": gemeente.pk,
                    "casus_id": cid,
                    "van": vorige,
                    "naar": naar,
                    "door_id": mw.pk,
                    "op": op,
                    "reden": "volgens plan" if naar == "afgesloten" else "",
                }
            )
            vorige = status = naar
        casus["status"] = status
        if status == "afgesloten":
            casus["afgesloten_op"] = sluit
            audit.append((sluit, mw, "U", "casus.casus", cid, persoon_id, "casus afgesloten"))
        plan_op = eerste_contact + datetime.timedelta(days=21)
        if plan_op < min(sluit, einde):
            getekend = eerste_contact + datetime.timedelta(days=35)
            signed = getekend < min(sluit, einde)
            plan_id = nid(Ondersteuningsplan)
            rows[Ondersteuningsplan].append({
                "id": plan_id, "gemeente_id": gemeente.pk, "casus_id": cid, "versie": 1,
                "status": PlanStatus.ONDERTEKEND if signed else PlanStatus.CONCEPT, "aangemaakt_op": plan_op,
                "aangemaakt_door_id": mw.pk, "ondertekend_door_id": mw.pk if signed else None,
                "ondertekend_op": getekend if signed else None, "akkoord_wijze": "mondeling" if signed else "",
                "akkoord_op": getekend.date() if signed else None, "contactpersoon_id": mw.pk,
            })
            audit.append((plan_op, mw, "C", "plan.ondersteuningsplan", plan_id, persoon_id, "plan gemaakt"))
            for k in range(rng.randrange(1, 4)):
                rows[Doel].append({"id": nid(Doel), "gemeente_id": gemeente.pk, "plan_id": plan_id,
                                   "leefgebied_id": rng.choice(leefgebieden).pk, "omschrijving": rng.choice(DOELEN),
                                   "prioriteit": k + 1})
            if signed:
                rows[Regie].append(
                    {
                        "id": nid(Regie),
                        "gemeente_id": gemeente.pk,
                        "casus_id": cid,
                        "soort": "casusregie",
                        "houder": "medewerker",
                        "medewerker_id": mw.pk,
                        "van": getekend,
                        "door_id": mw.pk,
                        "uitleg_aan_inwoner": "De inwoner vroeg om een vaste contactpersoon.",
                        "tot": sluit if sluit < einde else None,
                    }
                )
                # Evaluations every 13 weeks while the plan runs; the next one planned if still open.
                e = getekend + datetime.timedelta(weeks=13)
                while e < min(sluit, einde):
                    rows[Evaluatie].append(
                        {
                            "id": nid(Evaluatie),
                            "gemeente_id": gemeente.pk,
                            "casus_id": cid,
                            "plan_id": plan_id,
                            "gepland_op": e.date(),
                            "gehouden_op": e.date(),
                            "met_inwoner": True,
                            "door_id": mw.pk,
                            "vervallen": False,
                            "verslag": "",
                        }
                    )
                    e += datetime.timedelta(weeks=13)
                if status in ("uitvoering", "afgeschaald"):
                    if status == "uitvoering":
                        rows[Evaluatie].append({"id": nid(Evaluatie), "gemeente_id": gemeente.pk, "casus_id": cid,
                                                "plan_id": plan_id, "gepland_op": e.date(), "gehouden_op": None,
                                                "met_inwoner": True, "vervallen": False, "verslag": ""})
                    else:
                        rows[CheckIn].append(
                            {
                                "id": nid(CheckIn),
                                "gemeente_id": gemeente.pk,
                                "casus_id": cid,
                                "medewerker_id": mw.pk,
                                "vervallen": False,
                                "notitie": "",
                                "gepland_op": (einde + datetime.timedelta(days=rng.randrange(-7, 60))).date(),
                            }
                        )
        if eerste_contact < einde:
            casus_spans.append((cid, eerste_contact, min(sluit, einde), mw, persoon_id))

    # Contactmomenten: spread over each casus' active time at one rate for the whole gemeente, chosen
    # so that the total matches the size; long files therefore have hundreds (the timeline must not care).
    totaal_dagen = sum((b - a).total_seconds() for _c, a, b, _m, _p in casus_spans) / 86400 or 1
    per_dag = spec["contactmomenten"] / totaal_dagen
    for cid, a, b, mw, persoon_id in casus_spans:
        dagen = (b - a).total_seconds() / 86400
        n = int(dagen * per_dag + rng.random())
        for _ in range(n):
            op = a + datetime.timedelta(seconds=rng.random() * (b - a).total_seconds())
            kid = nid(Contactmoment)
            soort, duur = gen.contactmoment()
            rows[Contactmoment].append({"id": kid, "gemeente_id": gemeente.pk, "casus_id": cid, "soort": soort,
                                        "op": op, "met_wie": "Inwoner", "duur_minuten": duur, "notitie": "",
                                        "door_id": mw.pk})
            # Writing a contact means opening the file first: a read, then the write (both audited).
            audit.append(
                (op - datetime.timedelta(minutes=1), mw, "R", "casus.casus", cid, persoon_id, "casus ingezien")
            )
            audit.append((op, mw, "C", "regie.contactmoment", kid, persoon_id, "contactmoment vastgelegd"))
    timings["cases (in memory)"] = time.monotonic() - t0

    t0 = time.monotonic()
    with transaction.atomic():
        for model, lijst in rows.items():
            for i in range(0, len(lijst), 50_000):
                w.insert(model, lijst[i:i + 50_000])
    counts = {m._meta.label: len(lijst) for m, lijst in rows.items()}
    rows.clear()  # the rows are written: free them before the audit events are built
    timings["cases (insert)"] = time.monotonic() - t0

    # --- the audit trail: one chain per gemeente and actor, in time order, hashed and signed as core.audit does ---
    t0 = time.monotonic()
    audit.sort(key=lambda e: e[0])
    # Continue chains that set-up code may have started (none does today; this keeps verify honest).
    heads = {c.key: [c.length, c.last_hash, c.gemeente_id] for c in AuditChain.objects.all()}
    next_id = (AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    batch = []
    with transaction.atomic():
        for n, (tijd, actor, actie, object_type, object_id, client_id, omschrijving) in enumerate(audit):
            key = chain_key(gemeente.pk, actor)
            head = heads.setdefault(key, [0, "", gemeente.pk])
            head[0] += 1
            event = AuditEvent(
                chain=key, seq=head[0], gemeente_id=gemeente.pk, tijd=tijd, actor_id=actor.pk, actor=actor.username,
                namens="", rol=actor.rol_, doel=DOEL_WETTELIJKE_TAAK, client_id=client_id, object_type=object_type,
                object_id=str(object_id), actie=actie, omschrijving=omschrijving, grondslag="rol", resultaat="gelukt",
                request_id=f"{rng.getrandbits(128):032x}", bron="127.0.0.1", prev_hash=head[1],
            )
            event.hash = head[1] = event.compute_hash()
            batch.append(
                {
                    "id": next_id + n,
                    "chain": key,
                    "seq": event.seq,
                    "gemeente_id": gemeente.pk,
                    "tijd": tijd,
                    "actor_id": actor.pk,
                    "actor": actor.username,
                    "namens": "",
                    "rol": event.rol,
                    "doel": event.doel,
                    "client_id": client_id,
                    "object_type": object_type,
                    "object_id": event.object_id,
                    "actie": actie,
                    "omschrijving": omschrijving,
                    "grondslag": "rol",
                    "resultaat": "gelukt",
                    "request_id": event.request_id,
                    "bron": "127.0.0.1",
                    "prev_hash": event.prev_hash,
                    "hash": event.hash,
                }
            )
            if len(batch) == 50_000:
                w.insert(AuditEvent, batch)
                batch = []
        w.insert(AuditEvent, batch)
        # The heads, signed with AUDIT_KEY as every append signs them: verify checks the signature.
        bestaand = set(AuditChain.objects.values_list("key", flat=True))
        for key, (length, last_hash, gemeente_id) in heads.items():
            signature = head_signature(key, length, last_hash, gemeente_id)
            if key in bestaand:
                AuditChain.objects.filter(key=key).update(length=length, last_hash=last_hash, signature=signature)
            else:
                AuditChain.objects.create(key=key, length=length, last_hash=last_hash, gemeente_id=gemeente_id,
                                          signature=signature)
    counts["core.AuditEvent"] = len(audit)
    timings["audit"] = time.monotonic() - t0

    t0 = time.monotonic()
    w.finish()
    timings["analyze"] = time.monotonic() - t0

    # What the load generator needs: the accounts, and what each session may open under the access
    # policy (docs/toegangsbeleid.md): per team the open casussen whose household gave the team consent
    # (every member, by the age rules: every colleague sees those; long files first), per medewerker the open
    # casussen allocated to them (with or without consent), and names to search for (a typo is made by the load
    # generator).
    from django.db.models import Count, Exists, OuterRef, Q

    open_casussen = Casus.objects.filter(gemeente=gemeente).exclude(status=Status.AFGESLOTEN)
    # A child who turns 12 must consent too (casus/toestemming.py): from that day on the team no longer sees
    # a file it saw the day the dataset was made. A dataset is reused for days (bench/data), so the files of
    # households with a child turning 12 within HERBRUIK are not handed to the load: it would be
    # refused them (a 404, rightly) on that day.
    elf = (jaren_later(until, -12) + datetime.timedelta(days=1), jaren_later(until, -12) + HERBRUIK)
    wordt_twaalf = Lidmaatschap.objects.huidig().filter(huishouden_id=OuterRef("huishouden_id"),
                                                        persoon__geboortedatum__range=elf)
    met_toestemming = (open_casussen.filter(casus_team_toestemming_q())
                       .exclude(Exists(wordt_twaalf) | Q(hoofdpersoon__geboortedatum__range=elf)))
    casussen_per_team, personen_per_team, eigen = {}, {}, {}
    for model_row in met_toestemming.order_by("id").values("id", "team_id", "hoofdpersoon_id"):
        casussen_per_team.setdefault(model_row["team_id"], []).append(model_row["id"])
        personen_per_team.setdefault(model_row["team_id"], []).append(model_row["hoofdpersoon_id"])
    for team_id in casussen_per_team:
        casussen_per_team[team_id] = casussen_per_team[team_id][:200]
        personen_per_team[team_id] = personen_per_team[team_id][:200]
    for model_row in open_casussen.order_by("id").values("id", "medewerker__username"):
        lijst = eigen.setdefault(model_row["medewerker__username"], [])
        if len(lijst) < 50:
            lijst.append(model_row["id"])
    lang = list(Contactmoment.objects.filter(gemeente=gemeente, casus__in=met_toestemming)
                .values("casus_id", "casus__team_id").annotate(n=Count("id")).order_by("-n")[:100])

    def volledige_naam(p):
        return [p["voornamen"], " ".join(x for x in (p["tussenvoegsel"], p["achternaam"]) if x)]

    # Search terms: first name and surname of real residents (a gemeente-wide role must name one person,
    # docs/toegangsbeleid.md): for the bureaudienst any resident, for a team the residents it may see.
    team_namen = {}
    alle_personen = [p for ids in personen_per_team.values() for p in ids]
    for p in Persoon.objects.filter(pk__in=alle_personen).values("id", "voornamen", "tussenvoegsel", "achternaam"):
        team_namen[p["id"]] = volledige_naam(p)
    steekproef = sorted(rng.sample(range(1, P + 1), min(500, P)))
    gemeente_namen = [volledige_naam(p) for p in Persoon.objects.filter(pk__in=steekproef).order_by("id")
                      .values("voornamen", "tussenvoegsel", "achternaam")]
    info = {
        "size": size,
        "seed": seed,
        "until": until.isoformat(),
        "gemeente": gemeente.pk,
        "accounts": accounts,
        "reserve": reserve,
        "teams": len(teams),
        "medewerkers_per_team": spec["medewerkers_per_team"],
        "casussen": {str(k): v for k, v in casussen_per_team.items()},
        "personen": {str(k): v for k, v in personen_per_team.items()},
        "eigen_casussen": eigen,
        "namen_team": {str(k): [team_namen[p] for p in v] for k, v in personen_per_team.items()},
        "namen_gemeente": gemeente_namen,
        "lange_casussen": {str(r["casus__team_id"]): r["casus_id"] for r in reversed(lang)},
        "langste_casus_contactmomenten": lang[0]["n"] if lang else 0,
        "achternamen": sorted({a.split()[-1].lower() for a in rng.sample(synthetisch.ACHTERNAMEN, 200)}),
        "wijken": [wk.pk for wk in wijken],
        "persons": P,
        "households": H,
        "counts": counts,
        "timings": {k: round(v, 1) for k, v in timings.items()},
        "seconds": round(time.monotonic() - started, 1),
        "database": connection.vendor,
    }
    users_path.parent.mkdir(parents=True, exist_ok=True)
    users_path.write_text(json.dumps(info, indent=1))
    log(f"generated {size} (seed {seed}) on {connection.vendor} in {info['seconds']} s: "
        + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return info


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="den-helder")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--until", type=datetime.date.fromisoformat, default=datetime.date.today(),
                        help="last day of the five years (default today; give it to reproduce a dataset exactly)")
    parser.add_argument(
        "--info", type=Path, required=True, help="where to write the accounts and facts for the load generator"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkregie.config.settings")
    import django

    django.setup()
    generate(args.size, args.seed, args.until, args.info)


if __name__ == "__main__":
    main()
