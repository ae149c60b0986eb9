"""The Den Helder demo: the organisation of a real municipality with its published figures.

Wijken, locations and the 2014 pilot team come from the source documents (demo_data/README.md).
People are synthetic (core/synthetisch.py, seeded). Loading is idempotent: records are found by their
natural keys, so running it twice changes nothing.
"""

from __future__ import annotations

import csv
import datetime
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from wijkregie.core import synthetisch
from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.core.models import Gemeente

from .models import (
    Locatie,
    LocatieFase,
    Mandaat,
    Medewerker,
    Organisatie,
    OrganisatieSoort,
    Rol,
    Roltoewijzing,
    Team,
    Teamlid,
    Toegankelijkheid,
    Voorziening,
    Wet,
    Wijk,
)

DATA = Path(__file__).resolve().parent / "demo_data"
DEMO_WACHTWOORD = "demo-wijkregie"
TEAM_SINDS = datetime.date(2014, 7, 1)

# name, kind, description (what the seeds say these partners do)
ORGANISATIES = [
    (
        "Gemeente Den Helder",
        OrganisatieSoort.GEMEENTE,
        "Afdeling sociaal domein: Wmo, jeugd, werk en inkomen, schuldhulpverlening.",
    ),
    (
        "De Wering",
        OrganisatieSoort.WELZIJN,
        "Welzijnsorganisatie: algemeen maatschappelijk werk, ouderenadvies, schoolmaatschappelijk werk.",
    ),
    ("MEE", OrganisatieSoort.CLIENTONDERSTEUNING, "Onafhankelijke cliëntondersteuning voor mensen met een beperking."),
    ("Parlan", OrganisatieSoort.JEUGD, "Jeugdhulp en jeugd- en gezinscoaching."),
    ("Vrijwaard", OrganisatieSoort.ZORG, "Wijkverpleging en thuisondersteuning."),
    ("Omring", OrganisatieSoort.ZORG, "Wijkverpleging, thuiszorg en dagbesteding."),
    ("Bureau Jeugdzorg", OrganisatieSoort.JEUGD, "Toegang jeugdhulp, jeugdbescherming en jeugdreclassering."),
    (
        "Veilig Thuis Noord-Holland Noord",
        OrganisatieSoort.VEILIGHEID,
        "Advies- en meldpunt huiselijk geweld en kindermishandeling.",
    ),
    (
        "GGD Hollands Noorden",
        OrganisatieSoort.GEZONDHEID,
        "Jeugdgezondheidszorg en openbare geestelijke gezondheidszorg.",
    ),
    ("GGZ Noord-Holland-Noord", OrganisatieSoort.GGZ, "Geestelijke gezondheidszorg voor volwassenen en jeugd."),
    # The partner of the API demo (`wijkregie api token --demo`, docs/api.md): refers and signals early.
    (
        "Huisartsenpraktijk Julianadorp",
        OrganisatieSoort.HUISARTS,
        "Huisartsenpraktijk: verwijst inwoners naar het wijkteam.",
    ),
]

# organisation, name, access, contracted, law, description, wijk names (empty: whole gemeente), phone
VOORZIENINGEN = [
    (
        "De Wering",
        "Algemeen maatschappelijk werk",
        Toegankelijkheid.VRIJ,
        True,
        "",
        "Hulp bij relaties, opvoeding, geldzorgen en verwerking.",
        [],
        "",
    ),
    (
        "De Wering",
        "Ouderenadvies",
        Toegankelijkheid.VRIJ,
        True,
        "",
        "Advies en ondersteuning voor ouderen die zelfstandig willen blijven wonen.",
        [],
        "",
    ),
    (
        "De Wering",
        "Schoolmaatschappelijk werk",
        Toegankelijkheid.VRIJ,
        True,
        "",
        "Maatschappelijk werk op scholen voor leerlingen en ouders.",
        [],
        "",
    ),
    (
        "De Wering",
        "Mantelzorgondersteuning",
        Toegankelijkheid.VRIJ,
        True,
        "",
        "Informatie, lotgenotencontact en respijt voor mantelzorgers.",
        [],
        "",
    ),
    (
        "De Wering",
        "Buurtkamer 't Wijkhuis",
        Toegankelijkheid.VRIJ,
        False,
        "",
        "Inloop, koffie en activiteiten voor buurtbewoners.",
        ["Nieuw Den Helder"],
        "",
    ),
    (
        "MEE",
        "Cliëntondersteuning",
        Toegankelijkheid.VRIJ,
        True,
        Wet.WMO,
        "Onafhankelijke ondersteuning bij het keukentafelgesprek en daarna.",
        [],
        "",
    ),
    (
        "Parlan",
        "Jeugd- en gezinscoaching",
        Toegankelijkheid.MAATWERK,
        True,
        Wet.JEUGDWET,
        "Intensieve begeleiding van gezinnen thuis.",
        [],
        "",
    ),
    (
        "Parlan",
        "Ambulante jeugdhulp",
        Toegankelijkheid.MAATWERK,
        True,
        Wet.JEUGDWET,
        "Begeleiding van jeugdigen met gedrags- of ontwikkelingsproblemen.",
        [],
        "",
    ),
    (
        "Vrijwaard",
        "Wijkverpleging",
        Toegankelijkheid.VRIJ,
        False,
        "",
        "Verpleging en verzorging thuis (Zorgverzekeringswet).",
        ["Julianadorp", "De Schooten"],
        "",
    ),
    (
        "Vrijwaard",
        "Hulp bij het huishouden",
        Toegankelijkheid.MAATWERK,
        True,
        Wet.WMO,
        "Huishoudelijke ondersteuning voor wie dat zelf niet meer kan.",
        [],
        "",
    ),
    (
        "Omring",
        "Wijkverpleging",
        Toegankelijkheid.VRIJ,
        False,
        "",
        "Verpleging en verzorging thuis (Zorgverzekeringswet).",
        ["Centrum", "Nieuw Den Helder"],
        "",
    ),
    (
        "Omring",
        "Dagbesteding ouderen",
        Toegankelijkheid.MAATWERK,
        True,
        Wet.WMO,
        "Dagbesteding voor ouderen met een beperking of dementie.",
        [],
        "",
    ),
    (
        "Gemeente Den Helder",
        "Schuldhulpverlening",
        Toegankelijkheid.VRIJ,
        False,
        "",
        "Hulp bij schulden: budgetadvies, schuldregeling en preventie.",
        [],
        "",
    ),
    (
        "Gemeente Den Helder",
        "Bijzondere bijstand",
        Toegankelijkheid.MAATWERK,
        False,
        Wet.PARTICIPATIEWET,
        "Vergoeding van noodzakelijke bijzondere kosten.",
        [],
        "",
    ),
    (
        "Gemeente Den Helder",
        "Re-integratie naar werk",
        Toegankelijkheid.MAATWERK,
        False,
        Wet.PARTICIPATIEWET,
        "Begeleiding naar werk of dagbesteding.",
        [],
        "",
    ),
    (
        "Gemeente Den Helder",
        "Woningaanpassing en hulpmiddelen",
        Toegankelijkheid.MAATWERK,
        True,
        Wet.WMO,
        "Aanpassingen in huis, rolstoelen en vervoersvoorzieningen.",
        [],
        "",
    ),
    (
        "Bureau Jeugdzorg",
        "Jeugdbescherming",
        Toegankelijkheid.MAATWERK,
        True,
        Wet.JEUGDWET,
        "Uitvoering van kinderbeschermingsmaatregelen.",
        [],
        "",
    ),
    (
        "Veilig Thuis Noord-Holland Noord",
        "Advies en melding huiselijk geweld en kindermishandeling",
        Toegankelijkheid.VRIJ,
        True,
        "",
        "Dag en nacht bereikbaar voor advies en meldingen.",
        [],
        "0800-2000",
    ),
    (
        "GGD Hollands Noorden",
        "Jeugdgezondheidszorg",
        Toegankelijkheid.VRIJ,
        False,
        "",
        "Consultatiebureau en jeugdarts voor kinderen van 0 tot 18 jaar.",
        [],
        "",
    ),
    (
        "GGZ Noord-Holland-Noord",
        "Specialistische ggz",
        Toegankelijkheid.VRIJ,
        False,
        "",
        "Behandeling na verwijzing door de huisarts (Zorgverzekeringswet); geen beschikking van de gemeente nodig.",
        [],
        "",
    ),
]

# username, first name, last name, roles, organisation, specialism, team wijk (or None), hours, focuswijk
DEMO_ACCOUNTS = [
    (
        "medewerker",
        "Sanne",
        "Visser",
        [Rol.MEDEWERKER],
        "De Wering",
        "Generalist wijkteam",
        "Nieuw Den Helder",
        32,
        True,
    ),
    ("kcc", "Kees", "Bakker", [Rol.KCC], "Gemeente Den Helder", "Medewerker klantcontactcentrum", None, 0, False),
    (
        "bureaudienst",
        "Fatima",
        "El Amrani",
        [Rol.MEDEWERKER, Rol.BUREAUDIENST],
        "Gemeente Den Helder",
        "Generalist wijkteam",
        "Centrum",
        36,
        True,
    ),
    (
        "gedragswetenschapper",
        "Ruud",
        "de Graaf",
        [Rol.GEDRAGSWETENSCHAPPER],
        "Parlan",
        "Orthopedagoog",
        "De Schooten",
        16,
        False,
    ),
    (
        "backoffice",
        "Ingrid",
        "Mulder",
        [Rol.BACKOFFICE],
        "Gemeente Den Helder",
        "Medewerker backoffice sociaal domein",
        None,
        0,
        False,
    ),
    (
        "teamleider",
        "Mark",
        "Smit",
        [Rol.TEAMLEIDER],
        "Gemeente Den Helder",
        "Teamleider wijkteams",
        "Nieuw Den Helder",
        36,
        False,
    ),
    (
        "privacy",
        "Anouk",
        "Dekker",
        [Rol.PRIVACYFUNCTIONARIS],
        "Gemeente Den Helder",
        "Functionaris gegevensbescherming",
        None,
        0,
        False,
    ),
    (
        "beleid",
        "Joost",
        "Meijer",
        [Rol.BELEIDSMEDEWERKER],
        "Gemeente Den Helder",
        "Beleidsmedewerker sociaal domein",
        None,
        0,
        False,
    ),
    (
        "beheer",
        "Linda",
        "de Boer",
        [Rol.FUNCTIONEEL_BEHEERDER],
        "Gemeente Den Helder",
        "Functioneel beheerder",
        None,
        0,
        False,
    ),
]


@dataclass
class DemoResult:
    gemeente: Gemeente
    created: int = 0


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


class _Loader:
    def __init__(self, seed: int):
        self.synthetisch = synthetisch.Generator(seed, vandaag=datetime.date.today())
        self.created = 0

    def get_or_create(self, model, defaults=None, **lookup):
        obj, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
        self.created += int(created)
        return obj, created

    def medewerker(self, gemeente, username, *, first, last, rollen, org, specialisme, active=True):
        bestaand = Medewerker.objects.filter(username=username).exclude(gemeente=gemeente).first()
        if bestaand is not None:
            raise ValueError(f"Gebruikersnaam {username} bestaat al in een andere gemeente.")
        user, created = self.get_or_create(
            Medewerker, username=username,
            defaults=dict(
                gemeente=gemeente, first_name=first, last_name=last, moederorganisatie=org,
                specialisme=specialisme, email=f"{username}@{gemeente.slug}.example", is_active=active,
            ),
        )
        if created:
            user.set_password(DEMO_WACHTWOORD)
            user.save(update_fields=["password"])
        for rol in rollen:
            self.get_or_create(Roltoewijzing, medewerker=user, rol=rol)
        return user


def _fasen(row: dict[str, str]) -> list[tuple[str, datetime.date, datetime.date | None]]:
    """Turns a row of the phasing table into dated periods, merging consecutive equal models."""
    start = datetime.date.fromisoformat(row["start_model_a"])
    steps = [
        ("A", start),
        (row["model_2021_h1"], datetime.date(2021, 1, 1)),
        (row["model_2021_h2"], datetime.date(2021, 7, 1)),
        (row["model_2022_h1"], datetime.date(2022, 1, 1)),
    ]
    periods: list[list] = []
    for model, van in steps:
        if periods and periods[-1][0] == model:
            continue
        if periods:
            periods[-1][2] = van - datetime.timedelta(days=1)
        periods.append([model, van, None])
    return [tuple(p) for p in periods]


def load_den_helder(seed: int = 2014) -> DemoResult:
    loader = _Loader(seed)
    with transaction.atomic():
        gemeente, _ = loader.get_or_create(
            Gemeente, slug="den-helder", defaults={"naam": "Den Helder", "cbs_code": "0400"}
        )
        orgs = {}
        for naam, soort, omschrijving in ORGANISATIES:
            orgs[naam], _ = loader.get_or_create(
                Organisatie, gemeente=gemeente, naam=naam,
                defaults={"soort": soort, "omschrijving": omschrijving, "website": f"https://{slugify(naam)}.example"},
            )
        wijken = {}
        for row in _read_csv("denhelder_wijken.csv"):
            wijken[row["wijk"]], _ = loader.get_or_create(
                Wijk, gemeente=gemeente, slug=slugify(row["wijk"]),
                defaults=dict(
                    naam=row["wijk"], inwoners=int(row["inwoners"]), huishoudens=int(row["huishoudens"]),
                    zorgvragen=int(row["zorgvragen"]), problematiek_jeugd=row["problematiek_jeugd"].lower(),
                    problematiek_zorg_wmo=row["problematiek_zorg_wmo"].lower(),
                    problematiek_werk=row["problematiek_werk"].lower(),
                ),
            )
        teams = {}
        for row in _read_csv("denhelder_locaties_fasering.csv"):
            wijk = wijken[row["wijk"]]
            # Two locations are still 'Nog te bepalen' in the plan: the wijk keeps them apart.
            naam = f"{row['locatie']} ({wijk.naam})" if row["locatie"] == "Nog te bepalen" else row["locatie"]
            locatie, _ = loader.get_or_create(Locatie, gemeente=gemeente, wijk=wijk, naam=naam)
            for model, van, tot in _fasen(row):
                loader.get_or_create(
                    LocatieFase, gemeente=gemeente, locatie=locatie, geldig_van=van,
                    defaults={"model": model, "geldig_tot": tot},
                )
            team, created = loader.get_or_create(
                Team, gemeente=gemeente, slug=f"wijkteam-{wijk.slug}",
                defaults={"naam": f"Wijkteam {wijk.naam}", "locatie": locatie},
            )
            if created:
                team.wijken.add(wijk)
            teams[row["wijk"]] = team

        for org, naam, toegang, gecontracteerd, wet, omschrijving, wijknamen, telefoon in VOORZIENINGEN:
            voorziening, created = loader.get_or_create(
                Voorziening, gemeente=gemeente, organisatie=orgs[org], naam=naam,
                defaults=dict(
                    toegang=toegang, gecontracteerd=gecontracteerd, wet=wet, omschrijving=omschrijving,
                    telefoon=telefoon, email=f"info@{slugify(org)}.example",
                ),
            )
            if created and wijknamen:
                voorziening.wijken.set([wijken[n] for n in wijknamen])

        result = DemoResult(gemeente=gemeente)
        for username, first, last, rollen, org, specialisme, wijknaam, uren, focus in DEMO_ACCOUNTS:
            user = loader.medewerker(
                gemeente, username, first=first, last=last, rollen=rollen, org=orgs[org], specialisme=specialisme
            )
            if wijknaam:
                loader.get_or_create(
                    Teamlid, gemeente=gemeente, team=teams[wijknaam], medewerker=user, sinds=TEAM_SINDS,
                    defaults={"uren_per_week": Decimal(uren)},
                )
                if focus:
                    user.focuswijken.add(wijken[wijknaam])

        # The 2014 pilot team (Tabel 3), spread over the four teams; the first member of each team
        # is the contact person of its wijk.
        team_order = list(teams)
        index = 0
        gebruikt: set[str] = set()
        for row in _read_csv("denhelder_pilotteam.csv"):
            for _n in range(int(row["aantal_personen"])):
                first, last = loader.synthetisch.voornaam(), " ".join(loader.synthetisch.achternaam()).strip()
                username = f"{_ascii(first)[0]}.{_ascii(last).replace(' ', '')}"
                if username in gebruikt:
                    username = f"{username}{index}"
                gebruikt.add(username)
                wijknaam = team_order[index % len(team_order)]
                user = loader.medewerker(
                    gemeente, username, first=first, last=last, rollen=[Rol.MEDEWERKER],
                    org=orgs[row["moederorganisatie"]], specialisme=row["specialisme"],
                )
                loader.get_or_create(
                    Teamlid, gemeente=gemeente, team=teams[wijknaam], medewerker=user, sinds=TEAM_SINDS,
                    defaults={"uren_per_week": Decimal(row["uur_per_week_per_persoon"])},
                )
                if index < len(team_order):
                    user.focuswijken.add(wijken[wijknaam])
                index += 1

        _mandaten(loader, gemeente, orgs)
        _voorbeeldgemeente(loader)
        if loader.created:
            audit_log(
                actor=None, actie=AuditActie.EXECUTE, object_type="demo", gemeente_id=gemeente.pk,
                omschrijving=f"demo geladen, {loader.created} records nieuw", grondslag="systeem",
            )
    result.created = loader.created
    return result


def _mandaten(loader: _Loader, gemeente: Gemeente, orgs: dict[str, Organisatie]) -> None:
    """A register with every case the plan issue checks: full, sub-mandaat, expired, unconfirmed."""
    college = "College van B&W Den Helder"
    users = {u.username: u for u in Medewerker.objects.filter(gemeente=gemeente)}
    directeur = loader.medewerker(
        gemeente, "directeur.dewering", first="Directeur", last="De Wering", rollen=[], org=orgs["De Wering"],
        specialisme="Directeur-bestuurder", active=False,
    )
    alle_wetten = {"wmo": True, "jeugdwet": True, "participatiewet": True}
    loader.get_or_create(
        Mandaat, gemeente=gemeente, besluit="MB-2024-01", houder=users["teamleider"],
        defaults=dict(verlener=college, geldig_van=datetime.date(2024, 1, 1), **alle_wetten),
    )
    loader.get_or_create(
        Mandaat, gemeente=gemeente, besluit="MB-2024-02", houder=users["backoffice"],
        defaults=dict(verlener=college, geldig_van=datetime.date(2024, 1, 1), **alle_wetten),
    )
    hoofd, _ = loader.get_or_create(
        Mandaat, gemeente=gemeente, besluit="MB-2024-07", houder=directeur,
        defaults=dict(
            verlener=college, geldig_van=datetime.date(2024, 1, 1), wmo=True, jeugdwet=True,
            bevestigd_op=datetime.date(2024, 1, 8),
        ),
    )
    loader.get_or_create(
        Mandaat, gemeente=gemeente, besluit="OM-DW-2024-03", houder=users["medewerker"],
        defaults=dict(
            verlener="Directeur-bestuurder De Wering", ondermandaat_van=hoofd, via_organisatie=orgs["De Wering"],
            wmo=True, maximum_bedrag=Decimal("15000"), geldig_van=datetime.date(2024, 2, 1),
            bevestigd_op=datetime.date(2024, 2, 5),
        ),
    )
    loader.get_or_create(
        Mandaat, gemeente=gemeente, besluit="MB-2019-11", houder=users["bureaudienst"],
        defaults=dict(
            verlener=college, wmo=True, jeugdwet=True, geldig_van=datetime.date(2019, 1, 1),
            geldig_tot=datetime.date(2023, 12, 31),
        ),
    )
    loader.get_or_create(
        Mandaat, gemeente=gemeente, besluit="MB-2025-04", houder=users["gedragswetenschapper"],
        defaults=dict(verlener=college, jeugdwet=True, geldig_van=datetime.date(2025, 4, 1)),
    )


def _voorbeeldgemeente(loader: _Loader) -> None:
    """A small second gemeente: the outsider of the tests and the demo of tenant separation."""
    gemeente, _ = loader.get_or_create(
        Gemeente, slug="voorbeeld", defaults={"naam": "Voorbeeldgemeente", "cbs_code": "9999"}
    )
    wijk, _ = loader.get_or_create(
        Wijk, gemeente=gemeente, slug="dorp",
        defaults=dict(
            naam="Dorp", inwoners=8000, huishoudens=3500, zorgvragen=700, problematiek_jeugd="gemiddeld",
            problematiek_zorg_wmo="laag", problematiek_werk="gemiddeld",
        ),
    )
    org, _ = loader.get_or_create(
        Organisatie, gemeente=gemeente, naam="Welzijn Voorbeeld", defaults={"soort": OrganisatieSoort.WELZIJN}
    )
    loader.get_or_create(
        Voorziening, gemeente=gemeente, organisatie=org, naam="Maatschappelijk werk Voorbeeld",
        defaults={"toegang": Toegankelijkheid.VRIJ, "omschrijving": "Alleen in Voorbeeldgemeente."},
    )
    team, created = loader.get_or_create(
        Team, gemeente=gemeente, slug="wijkteam-dorp", defaults={"naam": "Wijkteam Dorp"}
    )
    if created:
        team.wijken.add(wijk)
    user = loader.medewerker(
        gemeente,
        "buiten",
        first="Bas",
        last="Buiten",
        rollen=[Rol.MEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER, Rol.PRIVACYFUNCTIONARIS],
        org=org,
        specialisme="Generalist",
    )
    loader.get_or_create(
        Teamlid,
        gemeente=gemeente,
        team=team,
        medewerker=user,
        sinds=TEAM_SINDS,
        defaults={"uren_per_week": Decimal(36)},
    )
