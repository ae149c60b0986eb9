"""The import of an existing caseload (issue 16): check a whole sheet, then apply it whole or not at all.

`caseload_check` reads the file and checks every row against the rules of the services it will call
(the elfproef, one BSN per person, one open casus per household, a member's relation and birth date,
known teams and medewerkers, dates in order), reporting per row and column in Dutch; it writes nothing.
`caseload_import` does the same and, without a single error, creates everything through the
existing services (inwoners, casus, toegang, plan: their rules and audit events apply) in one
transaction, plus one audit event for the import itself. A refusal of any service rolls back the lot.

Reports name rows and columns, never the resident's data: the functioneel beheerder fixes a sheet
without reading anyone's file, and the report holds no personal data (docs/overstap.md).
"""

from __future__ import annotations

import datetime
import hashlib
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.casus import states
from wijkregie.casus.models import Casus, Status
from wijkregie.casus.services import casus_open, casus_transition
from wijkregie.core.audit import AuditActie, audit_disclosure, audit_log
from wijkregie.core.bsn import normalise_bsn, validate_bsn
from wijkregie.inwoners.models import POSTCODE, Lidmaatschap, Persoon, Relatie, zoeknaam
from wijkregie.inwoners.services import KINDROLLEN, lidmaatschap_check, persoon_create
from wijkregie.organisatie.models import Leefgebied, Medewerker, Postcodegebied, Team, Teamlid, Wijk
from wijkregie.plan.models import Doel
from wijkregie.plan.services import doel_save, plan_create
from wijkregie.toegang.models import Aanmelding, Kanaal, Verwijzer
from wijkregie.toegang.services import aanmelding_register

from .lezen import Bestandsfout, Tabel, _sleutel, lees

# Statuses of the old system, in the words people use, onto the route's (casus/states.py).
STATUS = {
    "vraagverheldering": Status.VRAAGVERHELDERING, "aangemeld": Status.VRAAGVERHELDERING,
    "nieuw": Status.VRAAGVERHELDERING, "open": Status.VRAAGVERHELDERING, "intake": Status.VRAAGVERHELDERING,
    "toegedeeld": Status.VRAAGVERHELDERING,
    "plan": Status.PLAN, "plan maken": Status.PLAN, "ondersteuningsplan": Status.PLAN,
    "uitvoering": Status.UITVOERING, "lopend": Status.UITVOERING, "loopt": Status.UITVOERING,
    "in behandeling": Status.UITVOERING, "actief": Status.UITVOERING, "begeleiding": Status.UITVOERING,
    "afgeschaald": Status.AFGESCHAALD, "vinger aan de pols": Status.AFGESCHAALD, "nazorg": Status.AFGESCHAALD,
    "afgesloten": Status.AFGESLOTEN, "gesloten": Status.AFGESLOTEN, "beeindigd": Status.AFGESLOTEN,
    "klaar": Status.AFGESLOTEN, "afgerond": Status.AFGESLOTEN,
}
RELATIE = {**{_sleutel(v): v for v in Relatie.values}, **{_sleutel(label): v for v, label in Relatie.choices},
           "aanvrager": Relatie.HOOFD, "hoofd": Relatie.HOOFD, "client": Relatie.HOOFD,
           "echtgenoot": Relatie.PARTNER, "echtgenote": Relatie.PARTNER, "zoon": Relatie.KIND,
           "dochter": Relatie.KIND, "moeder": Relatie.OUDER, "vader": Relatie.OUDER}
KANAAL = {**{_sleutel(v): v for v in Kanaal.values}, **{_sleutel(label): v for v, label in Kanaal.choices},
          "telefoon": Kanaal.TELEFOON, "kcc": Kanaal.TELEFOON, "mail": Kanaal.EMAIL, "partner": Kanaal.PARTNER,
          "verwijzer": Kanaal.PARTNER, "outreach": Kanaal.OUTREACH, "web": Kanaal.WEBFORMULIER}
VERWIJZER = {**{v: v for v in Verwijzer.values}, **{_sleutel(label): v for v, label in Verwijzer.choices},
             **{_sleutel(label.split(" ", 1)[1]): v for v, label in Verwijzer.choices}, "2": "02", "6": "06"}
JA, NEE = {"ja", "j", "x", "1", "true", "waar", "yes", "y"}, {"nee", "n", "0", "false", "onwaar", "no", ""}
# Without a Kanaal column every question counts as a walk-in (docs/overstap.md): the monitor's instroom
# per kanaal then shows the import for what it is rather than guessing.
STANDAARD_KANAAL = Kanaal.INLOOP
TUSSENVOEGSELS = {"van", "de", "den", "der", "het", "ter", "ten", "te", "in", "'t", "op", "la", "le", "du", "da",
                  "di", "el", "al", "von", "zu", "d'", "'s", "aan", "bij", "uit", "onder", "over", "voor"}
DATUMVORMEN = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d %m %Y")


@dataclass
class Melding:
    """One thing wrong: the row as the spreadsheet numbers it (None: the file), the column as the file
    names it ('' : the row or file as a whole), and what to do, in Dutch."""

    rij: int | None
    kolom: str
    tekst: str


@dataclass
class Rapport:
    rijen: int = 0
    meldingen: list[Melding] = field(default_factory=list)
    opmerkingen: list[str] = field(default_factory=list)
    telling: dict[str, int] = field(default_factory=dict)
    toegepast: bool = False
    seconden: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.meldingen


@dataclass
class Rij:
    nummer: int
    huishouden: str
    persoon: Persoon | None = None
    relatie: str = Relatie.HOOFD
    gezag: bool = False
    vraag: str = ""
    ontvangen: datetime.date | None = None
    eerste_contact: datetime.date | None = None
    kanaal: str = STANDAARD_KANAAL
    verwijzer: str = ""
    team: Team | None = None
    medewerker: Medewerker | None = None
    status: str = Status.VRAAGVERHELDERING
    afgesloten: datetime.date | None = None
    leefgebied: Leefgebied | None = None
    doel: str = ""


class _Afgebroken(Exception):
    def __init__(self, melding: Melding):
        self.melding = melding


def _splits_naam(naam: str) -> tuple[str, str, str]:
    """'Pieter van den Berg' or 'Berg, Pieter van den' as (voornamen, tussenvoegsel, achternaam)."""
    naam = re.sub(r"\s+", " ", naam).strip()
    if "," in naam:
        achter, voor = (p.strip() for p in naam.split(",", 1))
        woorden = voor.split(" ")
        tv: list[str] = []
        while woorden and woorden[-1].lower() in TUSSENVOEGSELS:
            tv.insert(0, woorden.pop())
        return " ".join(woorden), " ".join(tv), achter
    woorden = naam.split(" ")
    if len(woorden) == 1:
        return "", "", naam
    voornamen = [woorden.pop(0)]
    while len(woorden) > 1 and woorden[0][:1].isupper() and woorden[0].lower() not in TUSSENVOEGSELS:
        voornamen.append(woorden.pop(0))
    tv = []
    while len(woorden) > 1 and woorden[0].lower() in TUSSENVOEGSELS:
        tv.append(woorden.pop(0))
    return " ".join(voornamen), " ".join(tv), " ".join(woorden)


def _splits_adres(adres: str) -> tuple[str, str]:
    match = re.match(r"^(.*?)[\s,]+(\d+\s*[-\s]?\s*[A-Za-z0-9]{0,4})$", adres.strip())
    return (match.group(1).strip(), match.group(2).strip()) if match else (adres.strip(), "")


def _datum(tekst: str) -> datetime.date:
    tekst = tekst.strip()
    for vorm in DATUMVORMEN:
        try:
            return datetime.datetime.strptime(tekst, vorm).date()
        except ValueError:
            continue
    raise ValueError(tekst)


class Opzoektabellen:
    """Everything a row is checked against, read once per import (never a query per row)."""

    def __init__(self, gemeente_id: int, tabel: Tabel):
        self.teams: dict[str, Team] = {}
        self.wijk_team: dict[int, Team] = {}
        for team in Team.objects.filter(gemeente_id=gemeente_id).prefetch_related("wijken").order_by("pk"):
            self.teams[_sleutel(team.naam)] = self.teams[_sleutel(team.slug)] = team
            for wijk in team.wijken.all():
                self.wijk_team.setdefault(wijk.pk, team)  # the team serving the wijk (the first, as toegang's default)
        vandaag = timezone.localdate()
        self.teams_van: dict[int, set[int]] = defaultdict(set)
        for lid in Teamlid.objects.filter(gemeente_id=gemeente_id, sinds__lte=vandaag).exclude(tot__lt=vandaag):
            self.teams_van[lid.medewerker_id].add(lid.team_id)
        self.medewerkers: dict[str, list[Medewerker]] = defaultdict(list)
        for mw in Medewerker.objects.filter(gemeente_id=gemeente_id, is_active=True):
            for sleutel in {mw.username.lower(), _sleutel(mw.get_full_name())}:
                if sleutel:
                    self.medewerkers[sleutel].append(mw)
        self.team_bij_id = {t.pk: t for t in self.teams.values()}
        self.wijken: dict[str, int] = {}
        for wijk in Wijk.objects.filter(gemeente_id=gemeente_id):
            self.wijken[_sleutel(wijk.naam)] = self.wijken[_sleutel(wijk.slug)] = wijk.pk
        self.postcode_wijk = dict(
            Postcodegebied.objects.filter(gemeente_id=gemeente_id).values_list("postcode4", "wijk_id")
        )
        self.leefgebieden = {
            _sleutel(lg.naam): lg for lg in Leefgebied.objects.filter(gemeente_id=gemeente_id, actief=True)
        }
        bsns = {normalise_bsn(r.get("BSN", "")) for _n, r in tabel.rijen if r.get("BSN")}
        self.bestaande_bsns = dict(
            Persoon.objects.filter(gemeente_id=gemeente_id, bsn__in=bsns).values_list("bsn", "pk")
        )
        self.bestaande_naam_datum: dict[tuple[str, datetime.date | None], int] = {}
        datums = set()
        for _n, r in tabel.rijen:
            try:
                datums.add(_datum(r.get("Geboortedatum", "")))
            except ValueError:
                pass
        for start in range(0, len(datums), 500):  # SQLite's limit on parameters
            deel = list(datums)[start:start + 500]
            self.bestaande_naam_datum.update(
                ((naam, datum), pk)
                for naam, datum, pk in Persoon.objects.filter(
                    gemeente_id=gemeente_id, geboortedatum__in=deel
                ).values_list("zoeknaam", "geboortedatum", "pk")
            )


def _geboortedatum(tekst: str, fout) -> datetime.date | None:
    """The birth date, or None with the fault named: a wrong date is then not compared with other dates or
    members (one fault, one message)."""
    try:
        datum = _datum(tekst)
    except ValueError:
        fout("Geboortedatum", _("Geen datum: schrijf bijvoorbeeld 31-12-1980."))
        return None
    if datum > timezone.localdate():
        fout("Geboortedatum", _("Een geboortedatum kan niet in de toekomst liggen."))
        return None
    if datum < datetime.date(1900, 1, 1):
        fout("Geboortedatum", _("Controleer het geboortejaar: dat ligt voor 1900."))
        return None
    return datum


def _maxlengte(model, veld: str) -> int:
    return model._meta.get_field(veld).max_length


def _kolommen_controleren(tabel: Tabel) -> list[Melding]:
    """The columns the import cannot do without, named; a plain sheet's Naam stands in for the name parts."""
    k = tabel.koppen
    ontbreekt = []
    if "Naam" not in k:
        ontbreekt += [kolom for kolom in ("Voornamen", "Achternaam") if kolom not in k]
    ontbreekt += [kolom for kolom in ("Geboortedatum", "Hulpvraag", "Datum aanmelding") if kolom not in k]
    if not ({"Team", "Medewerker", "Wijk"} & k.keys()):
        ontbreekt.append("Team")
    if ("Doel" in k) != ("Leefgebied" in k):
        ontbreekt.append("Leefgebied" if "Doel" in k else "Doel")
    return [Melding(None, kolom, _("De kolom ‘%(kolom)s’ ontbreekt.") % {"kolom": kolom}) for kolom in ontbreekt]


def _rij_lezen(nummer: int, cel: dict[str, str], kop, op: Opzoektabellen, gemeente_id: int,
               meldingen: list[Melding]) -> Rij:
    """One row into a Rij (an unsaved Persoon and what to create for it); every fault added to `meldingen`."""
    def fout(kolom: str, tekst: str) -> None:
        meldingen.append(Melding(nummer, kop(kolom), tekst))

    rij = Rij(nummer=nummer, huishouden=cel.get("Huishouden", "").strip())
    if "Naam" in cel and not (cel.get("Voornamen") or cel.get("Achternaam")):
        voornamen, tussenvoegsel, achternaam = _splits_naam(cel["Naam"])
        naamkolom = "Naam"
    else:
        voornamen, tussenvoegsel, achternaam = (
            cel.get("Voornamen", ""),
            cel.get("Tussenvoegsel", ""),
            cel.get("Achternaam", ""),
        )
        naamkolom = None
    straat, huisnummer = cel.get("Straat", ""), cel.get("Huisnummer", "")
    if cel.get("Adres") and not straat:
        straat, huisnummer = _splits_adres(cel["Adres"])
    alleen_doel = not (voornamen or achternaam) and rij.huishouden and cel.get("Doel") and not any(
        cel.get(k) for k in ("Geboortedatum", "BSN", "Hulpvraag"))
    if not alleen_doel:
        if not achternaam:
            fout(naamkolom or "Achternaam", _("Vul de achternaam in."))
        if not voornamen:
            fout(naamkolom or "Voornamen", _("Vul de voornaam in."))
        persoon = Persoon(
            gemeente_id=gemeente_id,
            voornamen=voornamen,
            tussenvoegsel=tussenvoegsel,
            achternaam=achternaam,
            straat=straat,
            huisnummer=huisnummer,
            woonplaats=cel.get("Woonplaats", ""),
            telefoon=cel.get("Telefoon", ""),
            email=cel.get("E-mail", ""),
        )
        for veld, kolom in (
            ("voornamen", naamkolom or "Voornamen"),
            ("tussenvoegsel", naamkolom or "Tussenvoegsel"),
            ("achternaam", naamkolom or "Achternaam"),
            ("straat", "Adres" if cel.get("Adres") else "Straat"),
            ("huisnummer", "Adres" if cel.get("Adres") else "Huisnummer"),
            ("woonplaats", "Woonplaats"),
            ("telefoon", "Telefoon"),
            ("email", "E-mail"),
        ):
            if len(getattr(persoon, veld)) > _maxlengte(Persoon, veld):
                fout(kolom, _("Te lang: hoogstens %(n)s tekens.") % {"n": _maxlengte(Persoon, veld)})
        if persoon.email:
            try:
                validate_email(persoon.email)
            except ValidationError:
                fout("E-mail", _("Dit is geen geldig e-mailadres."))
        if cel.get("Postcode"):
            if POSTCODE.match(cel["Postcode"]):
                persoon.postcode = cel["Postcode"]
            else:
                fout("Postcode", _("Een postcode bestaat uit 4 cijfers en 2 letters, bijvoorbeeld 1781 AB."))
        if cel.get("BSN"):
            try:
                validate_bsn(cel["BSN"])
                persoon.bsn = normalise_bsn(cel["BSN"])
            except ValidationError as exc:
                fout("BSN", exc.messages[0])
        if cel.get("Geboortedatum"):
            persoon.geboortedatum = _geboortedatum(cel["Geboortedatum"], fout)
        rij.persoon = persoon
        relatie = _sleutel(cel.get("Relatie", ""))
        if relatie:
            if relatie in RELATIE:
                rij.relatie = RELATIE[relatie]
            else:
                fout("Relatie", _("Onbekende relatie. Kies uit: %(keuzes)s.") % {"keuzes": ", ".join(Relatie.values)})
        gezag = _sleutel(cel.get("Gezag", ""))
        if gezag in JA:
            rij.gezag = True
        elif gezag not in NEE:
            fout("Gezag", _("Vul ja of nee in."))

    rij.vraag = cel.get("Hulpvraag", "")
    if rij.vraag:
        _aanmelding_lezen(rij, cel, fout, op)
    elif any(cel.get(k) for k in ("Datum aanmelding", "Team", "Medewerker", "Status")) and not alleen_doel:
        fout("Hulpvraag", _("Vul de hulpvraag in, of laat aanmelding, team, medewerker en status leeg (een gezinslid "
                            "zonder eigen vraag)."))
    if cel.get("Doel") or cel.get("Leefgebied"):
        rij.doel = cel.get("Doel", "")
        if not rij.doel:
            fout("Doel", _("Vul het doel in, in de woorden van de inwoner."))
        leefgebied = op.leefgebieden.get(_sleutel(cel.get("Leefgebied", "")))
        if leefgebied is None:
            fout("Leefgebied", _("Onbekend leefgebied. Kies uit: %(keuzes)s.")
                 % {"keuzes": ", ".join(lg.naam for lg in dict.fromkeys(op.leefgebieden.values()))})
        rij.leefgebied = leefgebied
    return rij


def _aanmelding_lezen(rij: Rij, cel: dict[str, str], fout, op: Opzoektabellen) -> None:
    vandaag = timezone.localdate()
    if not cel.get("Datum aanmelding"):
        fout("Datum aanmelding", _("Vul de datum van aanmelding in."))
    else:
        try:
            rij.ontvangen = _datum(cel["Datum aanmelding"])
        except ValueError:
            fout("Datum aanmelding", _("Geen datum: schrijf bijvoorbeeld 31-12-2014."))
    if rij.ontvangen:
        if rij.ontvangen > vandaag:
            fout("Datum aanmelding", _("De datum van aanmelding ligt in de toekomst."))
        geboren = rij.persoon.geboortedatum if rij.persoon else None
        if geboren and geboren > rij.ontvangen:
            fout("Datum aanmelding", _("De aanmelding ligt voor de geboortedatum: controleer beide datums."))
    for kolom, attr in (("Datum eerste contact", "eerste_contact"), ("Datum afgesloten", "afgesloten")):
        if not cel.get(kolom):
            continue
        try:
            datum = _datum(cel[kolom])
        except ValueError:
            fout(kolom, _("Geen datum: schrijf bijvoorbeeld 31-12-2014."))
            continue
        if datum > vandaag:
            fout(kolom, _("Deze datum ligt in de toekomst."))
        elif rij.ontvangen and datum < rij.ontvangen:
            fout(kolom, _("Deze datum ligt voor de datum van aanmelding."))
        setattr(rij, attr, datum)
    kanaal = _sleutel(cel.get("Kanaal", ""))
    if kanaal:
        if kanaal in KANAAL:
            rij.kanaal = KANAAL[kanaal]
        else:
            fout("Kanaal", _("Onbekend kanaal. Kies uit: %(keuzes)s.") % {"keuzes": ", ".join(Kanaal.values)})
    verwijzer = cel.get("Verwijzer", "").strip()
    if verwijzer:
        code = VERWIJZER.get(verwijzer) or VERWIJZER.get(_sleutel(verwijzer))
        if code:
            rij.verwijzer = code
        else:
            fout("Verwijzer", _("Onbekende verwijzer. Gebruik een code van 01 tot 08 (COD327)."))
    status = _sleutel(cel.get("Status", ""))
    if status:
        if status in STATUS:
            rij.status = STATUS[status]
        else:
            fout(
                "Status", _("Onbekende status. Kies uit: vraagverheldering, plan, uitvoering, afgeschaald, afgesloten.")
            )
    if rij.status == Status.AFGESLOTEN and not rij.afgesloten:
        fout("Datum afgesloten", _("Een afgesloten casus heeft een datum afgesloten nodig."))

    team = None
    if cel.get("Team"):
        team = op.teams.get(_sleutel(cel["Team"]))
        if team is None:
            fout("Team", _("Team ‘%(team)s’ bestaat niet in deze gemeente.") % {"team": cel["Team"][:60]})
    medewerker = None
    if cel.get("Medewerker"):
        naam = cel["Medewerker"]
        kandidaten = op.medewerkers.get(naam.strip().lower()) or op.medewerkers.get(_sleutel(naam)) or []
        if not kandidaten:
            fout(
                "Medewerker",
                _(
                    "Medewerker ‘%(naam)s’ is niet gevonden (of niet actief). Gebruik de gebruikersnaam "
                    "of voor- en achternaam zoals in Beheer."
                )
                % {"naam": naam[:60]},
            )
        elif len(kandidaten) > 1:
            fout("Medewerker", _("Er zijn meer medewerkers die ‘%(naam)s’ heten: gebruik de gebruikersnaam.")
                 % {"naam": naam[:60]})
        else:
            medewerker = kandidaten[0]
            teams = op.teams_van.get(medewerker.pk, set())
            if team is not None and team.pk not in teams:
                fout(
                    "Medewerker",
                    _("%(naam)s is geen lid van %(team)s.") % {"naam": medewerker.get_full_name(), "team": team},
                )
            elif team is None and not cel.get("Team"):
                if len(teams) == 1:
                    team = op.team_bij_id.get(next(iter(teams)))
                elif not teams:
                    fout("Medewerker", _("%(naam)s is van geen enkel team lid: vul de kolom Team in of maak de "
                                         "medewerker eerst lid van een team.") % {"naam": medewerker.get_full_name()})
                else:
                    fout(
                        "Team",
                        _("%(naam)s werkt in meer teams: vul de kolom Team in.") % {"naam": medewerker.get_full_name()},
                    )
    if team is None and not cel.get("Team") and not cel.get("Medewerker"):
        wijk_id = None
        if cel.get("Wijk"):
            wijk_id = op.wijken.get(_sleutel(cel["Wijk"]))
            if wijk_id is None:
                fout("Wijk", _("Wijk ‘%(wijk)s’ bestaat niet in deze gemeente.") % {"wijk": cel["Wijk"][:60]})
        elif rij.persoon and rij.persoon.postcode:
            wijk_id = op.postcode_wijk.get(rij.persoon.postcode.strip()[:4])
        team = op.wijk_team.get(wijk_id) if wijk_id else None
    rij.team, rij.medewerker = team, medewerker
    if rij.status == Status.AFGESLOTEN and not cel.get("Medewerker"):
        fout("Medewerker", _("Een afgesloten casus heeft een medewerker nodig."))
    elif team is None and cel.get("Status") and not any(cel.get(k) for k in ("Team", "Medewerker", "Wijk")):
        # Without a team the question waits at the bureaudienst (no casus yet): a status says otherwise.
        fout("Team", _("Geen team gevonden voor deze casus: vul de kolom Team of Medewerker in."))


@dataclass
class Huishoudplan:
    """What one household of the sheet becomes: its people, and per casus the rows with a question."""

    sleutel: str
    personen: list[Rij] = field(default_factory=list)
    gesloten: list[Rij] = field(default_factory=list)
    open: list[Rij] = field(default_factory=list)
    doelen: list[Rij] = field(default_factory=list)


def _huishoudens(rijen: list[Rij], kop, meldingen: list[Melding]) -> list[Huishoudplan]:
    """Groups rows by household and checks what needs the whole household: members, one open casus."""
    met_fout = {m.rij for m in meldingen}
    plannen: dict[str, Huishoudplan] = {}
    for rij in rijen:
        sleutel = rij.huishouden or f"rij {rij.nummer}"
        plan = plannen.setdefault(sleutel, Huishoudplan(sleutel))
        if rij.persoon is not None:
            plan.personen.append(rij)
        if rij.vraag:
            (plan.gesloten if rij.status == Status.AFGESLOTEN else plan.open).append(rij)
        if rij.doel:
            plan.doelen.append(rij)
    for plan in plannen.values():
        if not plan.personen:
            for rij in plan.doelen:
                meldingen.append(
                    Melding(
                        rij.nummer,
                        kop("Huishouden"),
                        _("Huishouden ‘%(h)s’ heeft geen personen in dit bestand.") % {"h": plan.sleutel[:40]},
                    )
                )
            continue
        # The hoofdbewoner first: the household is created with them (named after them).
        plan.personen.sort(key=lambda r: (r.relatie != Relatie.HOOFD, r.nummer))
        _leden_controleren(plan, kop, meldingen)
        if plan.open:
            eerste = plan.open[0]
            for rij in plan.open[1:]:
                if (rij.team, rij.medewerker, rij.status) != (eerste.team, eerste.medewerker, eerste.status):
                    meldingen.append(
                        Melding(
                            rij.nummer,
                            kop("Huishouden"),
                            _(
                                "Dit huishouden heeft al een open casus (rij %(rij)s) met een ander team, "
                                "een andere medewerker of een andere status: één huishouden, één casus. "
                                "Maak team, medewerker en status gelijk of sluit een van beide af."
                            )
                            % {"rij": eerste.nummer},
                        )
                    )
        for rij in plan.doelen:
            if not plan.open:
                meldingen.append(
                    Melding(
                        rij.nummer,
                        kop("Doel"),
                        _(
                            "Een doel hoort bij het plan van een open casus: "
                            "dit huishouden heeft geen hulpvraag met een open status."
                        ),
                    )
                )
            elif plan.open[0].team is None and plan.open[0].nummer not in met_fout:
                meldingen.append(Melding(rij.nummer, kop("Doel"), _(
                    "Een doel hoort bij het plan van een casus: de hulpvraag van dit huishouden heeft nog geen team.")))
    return list(plannen.values())


def _persoon(rij: Rij) -> Persoon:
    # A household's rows (Huishoudplan.personen) are the rows that name a person: read so by _huishoudens.
    if rij.persoon is None:
        raise ValueError(f"row {rij.nummer} of a household names no person")
    return rij.persoon


def _leden_controleren(plan: Huishoudplan, kop, meldingen: list[Melding]) -> None:
    """In memory, the checks of inwoners.services.lidmaatschap_check (which the import calls too)."""
    leden: list[Rij] = []
    datum_fout = {m.rij for m in meldingen if m.kolom == kop("Geboortedatum")}
    for rij in plan.personen:
        p = _persoon(rij)
        if rij.relatie in KINDROLLEN and not p.geboortedatum and rij.nummer not in datum_fout:
            meldingen.append(Melding(rij.nummer, kop("Geboortedatum"), _(
                "Vul de geboortedatum van het kind in: die bepaalt wie toestemming geeft.")))
        if rij.gezag and rij.relatie in KINDROLLEN:
            meldingen.append(
                Melding(rij.nummer, kop("Gezag"), _("Een kind in het huishouden heeft geen gezag over de anderen."))
            )
        for lid in leden:
            ander = _persoon(lid).geboortedatum
            if not (p.geboortedatum and ander):
                continue
            ouderlijk = rij.relatie == Relatie.OUDER or (rij.gezag and rij.relatie not in KINDROLLEN)
            if ouderlijk and lid.relatie in KINDROLLEN and p.geboortedatum >= ander:
                meldingen.append(
                    Melding(
                        rij.nummer,
                        kop("Relatie"),
                        _("Een ouder kan niet jonger zijn dan een kind in het huishouden (rij %(rij)s).")
                        % {"rij": lid.nummer},
                    )
                )
            if rij.relatie in KINDROLLEN and (lid.relatie == Relatie.OUDER or lid.gezag) and p.geboortedatum <= ander:
                meldingen.append(
                    Melding(
                        rij.nummer,
                        kop("Relatie"),
                        _("Een kind kan niet ouder zijn dan een ouder in het huishouden (rij %(rij)s).")
                        % {"rij": lid.nummer},
                    )
                )
        leden.append(rij)


def _dubbelen(rijen: list[Rij], op: Opzoektabellen, kop, meldingen: list[Melding]) -> set[int]:
    """A person once: not twice in the file, not already in wijkregie (same BSN, or same name and birth date)."""
    bekend: set[int] = set()
    bsn_rij: dict[str, int] = {}
    naam_rij: dict[tuple[str, datetime.date], int] = {}
    for rij in rijen:
        p = rij.persoon
        if p is None:
            continue
        if p.bsn:
            if p.bsn in bsn_rij:
                meldingen.append(
                    Melding(
                        rij.nummer, kop("BSN"), _("Hetzelfde BSN staat ook in rij %(rij)s.") % {"rij": bsn_rij[p.bsn]}
                    )
                )
            elif p.bsn in op.bestaande_bsns:
                bekend.add(op.bestaande_bsns[p.bsn])
                meldingen.append(Melding(rij.nummer, kop("BSN"), _("Een persoon met dit BSN staat al in wijkregie.")))
            bsn_rij.setdefault(p.bsn, rij.nummer)
        if p.geboortedatum and p.achternaam:
            sleutel = (zoeknaam(p.voornamen, p.tussenvoegsel, p.achternaam), p.geboortedatum)
            naamkolom = kop("Achternaam") if "Achternaam" in kop.koppen else kop("Naam")
            if sleutel in naam_rij:
                meldingen.append(Melding(rij.nummer, naamkolom, _(
                    "Dezelfde naam en geboortedatum staan ook in rij %(rij)s.") % {"rij": naam_rij[sleutel]}))
            elif sleutel in op.bestaande_naam_datum:
                bekend.add(op.bestaande_naam_datum[sleutel])
                meldingen.append(Melding(rij.nummer, naamkolom, _(
                    "Een persoon met deze naam en geboortedatum staat al in wijkregie.")))
            naam_rij.setdefault(sleutel, rij.nummer)
    return bekend


class _Kop:
    """The column as the file names it (the beheerder looks for their own header, not the template's)."""

    def __init__(self, koppen: dict[str, str]):
        self.koppen = koppen

    def __call__(self, kolom: str) -> str:
        return self.koppen.get(kolom, kolom)


def _controleren(actor, tabel: Tabel) -> tuple[Rapport, list[Huishoudplan]]:
    gemeente_id = actor.gemeente_id
    rapport = Rapport(rijen=len(tabel.rijen), opmerkingen=list(tabel.opmerkingen))
    if tabel.onbekende_koppen:
        rapport.opmerkingen.append(_("Deze kolommen worden niet ingelezen: %(koppen)s.")
                                   % {"koppen": ", ".join(f"‘{k[:40]}’" for k in tabel.onbekende_koppen)})
    rapport.meldingen = _kolommen_controleren(tabel)
    if rapport.meldingen:
        return rapport, []
    if not tabel.rijen:
        rapport.meldingen.append(Melding(None, "", _("Het bestand heeft alleen een kopregel, geen rijen.")))
        return rapport, []
    kop = _Kop(tabel.koppen)
    op = Opzoektabellen(gemeente_id, tabel)
    rijen = [_rij_lezen(nummer, cel, kop, op, gemeente_id, rapport.meldingen) for nummer, cel in tabel.rijen]
    bekend = _dubbelen(rijen, op, kop, rapport.meldingen)
    if bekend:
        # "Already in wijkregie" tells the beheerder that these residents are known to the social domain:
        # a disclosure like any search result, recorded per person (docs/overstap.md), in its own
        # transaction so that a refused import does not roll it back.
        with transaction.atomic():
            audit_disclosure(actor=actor, client_ids=bekend, object_type="inwoners.persoon", grondslag="overstap",
                             omschrijving="overstap: importrapport meldt bestaande persoon")
    plannen = _huishoudens(rijen, kop, rapport.meldingen)
    rapport.meldingen.sort(key=lambda m: (m.rij or 0))
    rapport.telling = {
        "personen": sum(len(p.personen) for p in plannen),
        "huishoudens": sum(1 for p in plannen if p.personen),
        "aanmeldingen": sum(len(p.open) + len(p.gesloten) for p in plannen),
        "casussen": sum(len(p.gesloten) + (1 if p.open and p.open[0].team else 0) for p in plannen),
        "doelen": sum(len(p.doelen) for p in plannen),
    }
    return rapport, plannen


def _lees(data: bytes, rapport_bij_fout: Rapport) -> Tabel | None:
    try:
        return lees(data)
    except Bestandsfout as exc:
        rapport_bij_fout.meldingen.append(Melding(None, "", str(exc)))
        return None


def caseload_check(*, actor, data: bytes) -> Rapport:
    """The dry run: the whole report, nothing written."""
    begin = time.monotonic()
    rapport = Rapport()
    tabel = _lees(data, rapport)
    if tabel is not None:
        rapport, _plannen = _controleren(actor, tabel)
    rapport.seconden = time.monotonic() - begin
    return rapport


def _tijdstip(datum: datetime.date | None) -> datetime.datetime:
    # The old system kept days, not times: the morning of that day, in the gemeente's time zone.
    if datum is None:  # the checks refuse a question without its date before anything is applied
        raise ValueError("an aanmelding row without its date reached the import")
    return datetime.datetime.combine(datum, datetime.time(9, 0), timezone.get_current_timezone())


def _pad(van: str, naar: str) -> list[str]:
    """The shortest way through the transition table (casus/states.py): an import moves a casus only as the
    route may."""
    if van == naar:
        return []
    gezien: dict[str, list[str]] = {van: []}
    rand = [van]
    while rand:
        volgende = []
        for status in rand:
            for stap in states.TRANSITIONS.get(status, ()):
                if stap not in gezien:
                    gezien[stap] = gezien[status] + [stap]
                    volgende.append(stap)
        if naar in gezien:
            return gezien[naar]
        rand = volgende
    raise ValueError(f"no route from {van} to {naar}")


def _kolom_van_fout(exc: ValidationError, kop) -> str:
    veld = next(iter(exc.message_dict), "") if hasattr(exc, "error_dict") else ""
    return kop({"persoon": "Huishouden", "relatie": "Relatie", "gezag": "Gezag", "geboortedatum": "Geboortedatum",
                "medewerker": "Medewerker", "leefgebied": "Leefgebied"}.get(veld, "")) if veld else ""


def _huishouden_toepassen(*, actor, plan: Huishoudplan, kop, telling: dict[str, int]) -> None:
    huishouden = None
    personen: dict[int, Persoon] = {}
    for rij in plan.personen:
        try:
            persoon = _persoon(rij)
            if huishouden is None:
                persoon_create(actor=actor, persoon=persoon, relatie=rij.relatie, gezag=rij.gezag)
                huishouden = Lidmaatschap.objects.filter(persoon=persoon).select_related("huishouden").get().huishouden
                telling["huishoudens"] += 1
            else:
                lidmaatschap_check(huishouden=huishouden, persoon=persoon, relatie=rij.relatie, gezag=rij.gezag)
                persoon_create(
                    actor=actor, persoon=persoon, huishouden=huishouden, relatie=rij.relatie, gezag=rij.gezag
                )
        except ValidationError as exc:
            raise _Afgebroken(Melding(rij.nummer, _kolom_van_fout(exc, kop), " ".join(exc.messages))) from exc
        personen[rij.nummer] = persoon
        telling["personen"] += 1
    for groep in [[r] for r in plan.gesloten] + ([plan.open] if plan.open else []):
        _casus_toepassen(actor=actor, rijen=groep, huishouden=huishouden, personen=personen,
                         doelen=plan.doelen if groep is plan.open else [], kop=kop, telling=telling)


def _casus_toepassen(*, actor, rijen: list[Rij], huishouden, personen, doelen, kop, telling) -> None:
    eerste = rijen[0]
    doel_status = eerste.status
    casus = None
    try:
        if eerste.team is not None:
            start = (
                Status.UITVOERING
                if doel_status in (Status.UITVOERING, Status.AFGESCHAALD)
                else Status.VRAAGVERHELDERING
            )
            casus = casus_open(actor=actor, team=eerste.team, medewerker=eerste.medewerker, huishouden=huishouden,
                               hoofdpersoon=personen.get(eerste.nummer), status=start,
                               reden=f"overstap: ingelezen uit rij {eerste.nummer}")
            # The file began when the question came in, not on the day of the import (doorlooptijd, monitor).
            Casus.objects.filter(pk=casus.pk).update(geopend_op=_tijdstip(eerste.ontvangen))
            telling["casussen"] += 1
        for rij in rijen:
            persoon = personen.get(rij.nummer) or personen.get(eerste.nummer)
            aanmelding = Aanmelding(
                kanaal=rij.kanaal, verwijzer=rij.verwijzer, persoon=persoon, huishouden=huishouden, vraag=rij.vraag,
                postcode=persoon.postcode if persoon else "", ontvangen_op=_tijdstip(rij.ontvangen),
                eerste_contact_op=_tijdstip(rij.eerste_contact) if rij.eerste_contact else None,
            )
            # Into the household's open casus, with its team and regisseur, as any new question of a
            # household with a running casus (toegang.services); without a regisseur, to the bureaudienst.
            aanmelding_register(actor=actor, aanmelding=aanmelding, naar_bureaudienst=True)
            telling["aanmeldingen"] += 1
        if casus is None:
            return
        # casus_open's instance is current: the questions join it without changing it, and plan_maken and
        # casus_transition move the status on this same instance.
        if doelen:
            plan = plan_create(actor=actor, casus=casus)
            for rij in doelen:
                doel = Doel(leefgebied=rij.leefgebied, omschrijving=rij.doel,
                            persoon=personen.get(rij.nummer))
                doel_save(actor=actor, plan=plan, doel=doel)
                telling["doelen"] += 1
        for stap in _pad(casus.status, doel_status):
            casus_transition(actor=actor, casus=casus, naar=stap, reden=f"overstap: status uit rij {eerste.nummer}")
        if doel_status == Status.AFGESLOTEN:
            Casus.objects.filter(pk=casus.pk).update(afgesloten_op=_tijdstip(eerste.afgesloten))
    except ValidationError as exc:
        raise _Afgebroken(Melding(eerste.nummer, _kolom_van_fout(exc, kop), " ".join(exc.messages))) from exc


def caseload_import(*, actor, data: bytes, bestandsnaam: str = "") -> Rapport:
    """Checks the whole file and, without a single fault, applies it in one transaction; otherwise nothing.

    Only the functioneel beheerder of the gemeente imports (organisatie.beheren); everything lands in the
    actor's gemeente. One audit event records the import (counts and a fingerprint of the file, never a
    name); every person, casus, aanmelding and goal carries the events of the service that created it.
    """
    if not actor.has_perm("organisatie.beheren") or actor.gemeente_id is None:
        raise PermissionDenied
    begin = time.monotonic()
    rapport = Rapport()
    tabel = _lees(data, rapport)
    if tabel is None:
        return rapport
    rapport, plannen = _controleren(actor, tabel)
    if not rapport.ok:
        rapport.seconden = time.monotonic() - begin
        return rapport
    kop = _Kop(tabel.koppen)
    telling = dict.fromkeys(("personen", "huishoudens", "aanmeldingen", "casussen", "doelen"), 0)
    try:
        with transaction.atomic():
            for plan in plannen:
                if plan.personen:
                    _huishouden_toepassen(actor=actor, plan=plan, kop=kop, telling=telling)
            vingerafdruk = hashlib.sha256(data).hexdigest()[:16]
            audit_log(actor=actor, actie=AuditActie.CREATE, object_type="overstap.import", object_id=vingerafdruk,
                      grondslag="overstap", omschrijving=(
                          f"caseload ingelezen ({len(tabel.rijen)} rijen, bestand sha256 {vingerafdruk}): "
                          + ", ".join(f"{n} {soort}" for soort, n in telling.items())))
    except _Afgebroken as exc:
        rapport.meldingen.append(exc.melding)
        rapport.seconden = time.monotonic() - begin
        return rapport
    rapport.telling, rapport.toegepast = telling, True
    rapport.seconden = time.monotonic() - begin
    return rapport
