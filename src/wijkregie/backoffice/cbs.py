"""CBS deliveries: Beleidsinformatie Jeugd (record level) and the Wmo figures of the Gemeentelijke Monitor
Sociaal Domein (aggregates). docs/cbs.md says what is sourced and what is not.

Beleidsinformatie Jeugd (Jeugdwet art. 7.4.4; Regeling Jeugdwet bijlage 2, Informatieprotocol
Beleidsinformatie Jeugd versie 5, Stcrt. 2018, 53554): one record per jeugdhulptraject that ran in a
verslagperiode (January–June, July–December), with the jeugdige (BSN, geboortedatum, geslacht, postcode),
the hulpvorm, the verwijzer, the start and end and the reden beëindiging. The gemeente delivers two kinds
of trajects:

- jeugdhulp the wijkteam gives itself: a signed plan's "kortdurende ondersteuning door het wijkteam" line
  for a jeugdige (its goal names a member under 18 on the start day, or the line is marked Jeugdwet);
- the toegang's verwijzingen: Jeugdwet toewijzingen (backoffice.Toewijzing) to providers.

The gemeentelijke toegang refers in both, so the verwijzer is COD327 01 (Gemeente). The protocol's own
column order and code values are in CBS's "Bestandsdefinitie beleidsinformatie Jeugd" spreadsheet, which
was not among the sources found: the layout below (`KOLOMMEN`) and the hulpvorm table (`HULPVORM`) are
each one table a beheerder can correct. A delivery with any error is not written (whole or nothing).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkregie.core.bsn import is_valid_bsn
from wijkregie.organisatie.models import Wet
from wijkregie.plan.models import Arrangementregel, PlanStatus, Soort
from wijkregie.regie.models import Afsluiting

from .models import Besluit, Toewijzing, ToewijzingStatus

# ---------------------------------------------------------------------------------------------------
# Verslagperiodes


@dataclass(frozen=True)
class Periode:
    """A half year: `helft` 1 is January–June, 2 is July–December (the protocol's verslagperiodes)."""

    jaar: int
    helft: int

    @property
    def begin(self) -> datetime.date:
        return datetime.date(self.jaar, 1 if self.helft == 1 else 7, 1)

    @property
    def einde(self) -> datetime.date:
        return datetime.date(self.jaar, 6, 30) if self.helft == 1 else datetime.date(self.jaar, 12, 31)

    @property
    def vorige(self) -> Periode:
        return Periode(self.jaar, 1) if self.helft == 2 else Periode(self.jaar - 1, 2)

    @property
    def volgende(self) -> Periode:
        return Periode(self.jaar, 2) if self.helft == 1 else Periode(self.jaar + 1, 1)

    @property
    def code(self) -> str:
        return f"{self.jaar}-{self.helft}"

    @property
    def label(self) -> str:
        if self.helft == 1:
            return _("januari t/m juni %(jaar)s") % {"jaar": self.jaar}
        return _("juli t/m december %(jaar)s") % {"jaar": self.jaar}

    def __str__(self) -> str:
        return self.code

    @classmethod
    def uit_code(cls, code: str) -> Periode:
        """'2026-1' (January–June 2026) or '2026-2' (July–December); a ValueError in Dutch otherwise."""
        m = re.fullmatch(r"\s*(\d{4})-([12])\s*", code or "")
        if not m or not 2015 <= int(m.group(1)) <= 2099:
            raise ValueError(_("Kies een periode als 2026-1 (januari t/m juni) of 2026-2 (juli t/m december)."))
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def van(cls, dag: datetime.date) -> Periode:
        return cls(dag.year, 1 if dag.month <= 6 else 2)

    @classmethod
    def laatst_afgesloten(cls, vandaag: datetime.date | None = None) -> Periode:
        """The newest period that has ended: the one due for delivery."""
        return cls.van(vandaag or timezone.localdate()).vorige


def periodes_om_te_kiezen(vandaag: datetime.date | None = None, aantal: int = 6) -> list[Periode]:
    """The running period and the ones before it, newest first (what the pages offer)."""
    p = Periode.van(vandaag or timezone.localdate())
    uit = []
    for _i in range(aantal):
        uit.append(p)
        p = p.vorige
    return uit


# ---------------------------------------------------------------------------------------------------
# Code tables (one place each, for a beheerder to correct)

#: COD327 (iJw 3.2) codes the delivery may carry. The wijkteam is the gemeentelijke toegang: 01.
VERWIJZERS = {"01": "Gemeente", "02": "Huisarts", "03": "Jeugdarts", "04": "Gecertificeerde instelling",
              "05": "Medisch specialist", "06": "Zelfverwijzer / geen verwijzer",
              "08": "Rechter, Officier van Justitie, functionaris Justitiële jeugdinrichting"}
VERWIJZER_GEMEENTE = "01"

#: JZ588 (iJw 3.2) Reden beëindiging.
REDENEN_BEEINDIGING = {
    "02": "Overlijden", "20": "Levering is tijdelijk beëindigd", "31": "Levering is volgens plan beëindigd",
    "32": "Voortijdig afgesloten, door cliënt", "33": "Voortijdig afgesloten, door aanbieder",
    "34": "Voortijdig afgesloten, in overleg", "35": "Voortijdig afgesloten, externe oorzaak",
    "36": "Geïnitieerd door de gemeente", "37": "In verband met wijzigingsverzoek",
    "38": "Overstap naar andere aanbieder", "39": "Uitstroom naar ander domein",
}

#: JZ588's own table names the JZ002 reden wijziging toewijzing each reden beëindiging goes with: a toewijzing
#: the gemeente ended (no 307 from the provider) gets the JZ588 code of its reden wijziging.
REDEN_UIT_WIJZIGING = {"02": "02", "03": "36", "05": "36", "08": "36", "10": "36", "11": "36", "12": "37",
                       "07": "35", "09": "38", "06": "39"}

#: The wijkteam's closing reasons (regie.RedenBeeindiging, the CBS categories 01–05) as JZ588 codes: the
#: JZ588 codes 31–35 carry the same five meanings.
REDEN_UIT_AFSLUITING = {"01": "31", "02": "34", "03": "32", "04": "33", "05": "35"}

#: COD046 (iJw 3.2) Geslacht. wijkregie does not register sex (Persoon has no such field): every record
#: carries 0 (onbekend) until it does (docs/cbs.md).
GESLACHTEN = {"0": "Onbekend", "1": "Mannelijk", "2": "Vrouwelijk"}
GESLACHT_ONBEKEND = "0"


@dataclass(frozen=True)
class Hulpvorm:
    code: str
    omschrijving: str


#: The protocol's hulpvormen (jeugdhulp zonder verblijf: wijkteam, ambulant op locatie, daghulp, in het
#: netwerk; met verblijf: pleegzorg, gezinsgericht, gesloten, overig residentieel) are exactly the JZ020
#: productcategorieën 31–38 of 2015, whose codes the file carries (CBS's own codes were not found).
HULPVORMEN = {
    "31": "Zonder verblijf: uitgevoerd door wijk- of buurtteam",
    "32": "Zonder verblijf: ambulante jeugdhulp op locatie van de aanbieder",
    "33": "Zonder verblijf: daghulp op locatie van de aanbieder",
    "34": "Zonder verblijf: jeugdhulp in het netwerk van de jeugdige",
    "35": "Met verblijf: pleegzorg",
    "36": "Met verblijf: gezinsgericht",
    "37": "Met verblijf: gesloten plaatsing",
    "38": "Met verblijf: overig residentieel",
}
HULPVORM_WIJKTEAM = "31"

#: JZ020 productcategorie of a toewijzing → hulpvorm. "" = not jeugdhulp for this delivery (jeugdbescherming,
#: jeugdreclassering and the preventief justitieel kader are delivered by the gecertificeerde instellingen,
#: protocol chapter 5; transport is no hulpvorm). Rows marked "aanname" are our reading, not a source:
#: correct them when CBS's bestandsdefinitie or the regio's productenboek says otherwise. A category that is
#: not here stops the delivery ("onbekende code").
HULPVORM: dict[str, tuple[str, str]] = {
    **{c: (c, "JZ020 (2015) zelf") for c in HULPVORMEN},
    "40": ("34", "aanname"), "41": ("33", "aanname"), "42": ("", "aanname: vervoer is geen hulpvorm"),
    "43": ("38", "aanname"), "44": ("38", "aanname"), "45": ("32", "aanname"), "46": ("32", "aanname"),
    "47": ("", "jeugdreclassering: levering door de GI"), "48": ("", "jeugdbescherming: levering door de GI"),
    "49": ("", "preventief justitieel kader: levering door de GI"),
    "50": ("32", "aanname"), "51": ("32", "aanname"), "52": ("32", "aanname"), "53": ("32", "aanname"),
    "54": ("32", "aanname"), "55": ("38", "aanname"),
}


# ---------------------------------------------------------------------------------------------------
# Records


@dataclass
class Traject:
    """One jeugdhulptraject as delivered (one line of the file)."""

    traject: str  # our own reference, no personal data: T<toewijzingnummer> or W<regel id>
    persoon_id: int | None
    bsn: str
    geboortedatum: datetime.date | None
    geslacht: str
    postcode: str
    hulpvorm: str
    verwijzer: str
    begin: datetime.date | None
    einde: datetime.date | None
    reden: str
    bron: str  # "toewijzing" or "wijkteam"
    # Where the backoffice corrects it (a beschikking's page), when there is one.
    beschikking_id: int | None = None


@dataclass(frozen=True)
class Fout:
    traject: str
    veld: str
    tekst: str
    beschikking_id: int | None = None

    def __str__(self) -> str:
        return _("Traject %(t)s, veld %(v)s: %(tekst)s") % {"t": self.traject, "v": self.veld, "tekst": self.tekst}


def _postcode(waarde: str) -> str:
    return (waarde or "").replace(" ", "").upper()


def _liep_in(begin: datetime.date | None, einde: datetime.date | None, periode: Periode) -> bool:
    """Ran in the period: begun by its last day, not ended before its first. A traject without a start is
    kept (the check names it) rather than silently dropped."""
    if begin is not None and begin > periode.einde:
        return False
    return einde is None or einde >= periode.begin


def _toewijzing_trajecten(gemeente, periode: Periode) -> list[Traject]:
    qs = (Toewijzing.objects.filter(gemeente=gemeente, beschikking__wet=Wet.JEUGDWET)
          .exclude(beschikking__besluit=Besluit.AFWIJZING)
          .filter(ingangsdatum__lte=periode.einde)
          .select_related("beschikking__persoon").order_by("toewijzingnummer"))
    uit = []
    for t in qs:
        hulpvorm, _bron = HULPVORM.get(t.productcategorie, (None, ""))
        if hulpvorm == "":
            continue  # not jeugdhulp for this delivery (see HULPVORM)
        begin = t.gestart_op or t.ingangsdatum
        if t.gestopt_op:
            einde = t.gestopt_op
        elif t.einddatum and (t.status == ToewijzingStatus.BEEINDIGD or t.einddatum < timezone.localdate()):
            einde = t.einddatum
        else:
            einde = None
        if not _liep_in(begin, einde, periode):
            continue
        reden = t.reden_beeindiging or (REDEN_UIT_WIJZIGING.get(t.reden_wijziging, "") if t.reden_wijziging else "")
        p = t.beschikking.persoon
        gelopen_tot = einde if einde and einde <= periode.einde else None
        uit.append(Traject(
            traject=f"T{t.toewijzingnummer:09d}", persoon_id=p.pk, bsn=p.bsn, geboortedatum=p.geboortedatum,
            geslacht=GESLACHT_ONBEKEND, postcode=_postcode(p.postcode),
            hulpvorm=hulpvorm if hulpvorm is not None else t.productcategorie,
            verwijzer=VERWIJZER_GEMEENTE, begin=begin, einde=gelopen_tot, reden=reden if gelopen_tot else "",
            bron="toewijzing", beschikking_id=t.beschikking_id,
        ))
    return uit


def _is_jeugdige(persoon, op: datetime.date | None) -> bool:
    leeftijd = persoon.leeftijd(op) if persoon is not None and op else None
    return leeftijd is not None and leeftijd < 18


def _wijkteam_trajecten(gemeente, periode: Periode) -> list[Traject]:
    """The wijkteam's own jeugdhulp: kortdurende ondersteuning lines of signed plans for a jeugdige. A newer
    plan version copies its lines: one traject per casus, person, line text and start day, named after the
    first version's line, with the newest version's planned end."""
    regels = (Arrangementregel.objects.filter(gemeente=gemeente, soort=Soort.KORTDUREND,
                                              plan__status=PlanStatus.ONDERTEKEND)
              .select_related("plan__casus", "doel__persoon").order_by("plan__versie", "pk"))
    # key → (the first version's line: its id names the traject in every delivery, and its start;
    #        the newest version's line: its planned end)
    gekozen: dict[tuple, tuple] = {}
    for r in regels:
        begin = r.ingangsdatum or (timezone.localdate(r.plan.ondertekend_op) if r.plan.ondertekend_op else None)
        persoon = r.doel.persoon if r.doel_id else None
        if not (_is_jeugdige(persoon, begin) or r.wet == Wet.JEUGDWET):
            continue
        sleutel = (r.plan.casus_id, persoon.pk if persoon else None, r.omschrijving, r.ingangsdatum)
        eerste = gekozen[sleutel][0] if sleutel in gekozen else (r, begin)
        gekozen[sleutel] = (eerste, r, persoon)
    if not gekozen:
        return []
    casus_ids = {r.plan.casus_id for _e, r, _p in gekozen.values()}
    afsluitingen = {}
    for a in Afsluiting.objects.filter(casus_id__in=casus_ids, heropend_op__isnull=True).order_by("op"):
        afsluitingen[a.casus_id] = a  # the newest closing that was not reopened
    vandaag = timezone.localdate()
    uit = []
    for (eerste, begin), r, persoon in gekozen.values():
        einde, reden = None, ""
        afsluiting = afsluitingen.get(r.plan.casus_id)
        gesloten = timezone.localdate(afsluiting.op) if afsluiting else None
        if r.einddatum and r.einddatum < vandaag and (gesloten is None or r.einddatum <= gesloten):
            einde, reden = r.einddatum, "31"  # the agreed contacts ran their course: volgens plan
        elif gesloten is not None:
            einde, reden = gesloten, REDEN_UIT_AFSLUITING.get(afsluiting.reden, "")
        if not _liep_in(begin, einde, periode):
            continue
        gelopen_tot = einde if einde and einde <= periode.einde else None
        uit.append(Traject(
            traject=f"W{eerste.pk:09d}", persoon_id=persoon.pk if persoon else None, bsn=persoon.bsn if persoon else "",
            geboortedatum=persoon.geboortedatum if persoon else None, geslacht=GESLACHT_ONBEKEND,
            postcode=_postcode(persoon.postcode if persoon else ""), hulpvorm=HULPVORM_WIJKTEAM,
            verwijzer=VERWIJZER_GEMEENTE, begin=begin, einde=gelopen_tot, reden=reden if gelopen_tot else "",
            bron="wijkteam",
        ))
    return uit


def jeugd_trajecten(gemeente, periode: Periode) -> list[Traject]:
    """Every jeugdhulptraject of the gemeente that ran in the period, toewijzingen first."""
    return _toewijzing_trajecten(gemeente, periode) + sorted(
        _wijkteam_trajecten(gemeente, periode), key=lambda t: t.traject
    )


# ---------------------------------------------------------------------------------------------------
# Checks


def controleren(trajecten: Iterable[Traject], periode: Periode) -> list[Fout]:
    """The checks before writing, each naming traject and field in Dutch (never the value: no BSN in a
    message, a page or a log)."""
    fouten = []
    for t in trajecten:
        def fout(veld: str, tekst: str, t=t) -> None:
            fouten.append(Fout(t.traject, veld, tekst, t.beschikking_id))

        if t.persoon_id is None:
            fout("jeugdige", _("geen jeugdige: kies bij deze afspraak in het plan het doel van de jeugdige."))
            continue
        if not t.bsn:
            fout("bsn", _("het BSN ontbreekt."))
        elif not is_valid_bsn(t.bsn):
            fout("bsn", _("het BSN klopt niet (de elfproef faalt)."))
        if t.geboortedatum is None:
            fout("geboortedatum", _("de geboortedatum ontbreekt."))
        if t.geslacht not in GESLACHTEN:
            fout("geslacht", _("onbekende code (COD046)."))
        if not t.postcode:
            fout("postcode", _("de postcode ontbreekt."))
        elif not re.fullmatch(r"[1-9][0-9]{3}[A-Z]{2}", t.postcode):
            fout("postcode", _("geen geldige postcode (4 cijfers en 2 letters)."))
        if t.hulpvorm not in HULPVORMEN:
            fout(
                "hulpvorm",
                _("onbekende code: productcategorie %(c)s staat niet in de tabel met hulpvormen.") % {"c": t.hulpvorm},
            )
        if t.verwijzer not in VERWIJZERS:
            fout("verwijzer", _("onbekende code (COD327)."))
        if t.begin is None:
            fout("datum_aanvang", _("de begindatum ontbreekt."))
        elif t.begin > periode.einde:
            fout("datum_aanvang", _("de begindatum ligt na de periode."))
        if t.einde is not None and t.begin is not None and t.einde < t.begin:
            fout("datum_einde", _("de einddatum ligt voor de begindatum."))
        if t.einde is not None and not t.reden:
            fout("reden_beeindiging", _("het traject is beëindigd, maar de reden beëindiging ontbreekt."))
        elif t.reden and t.reden not in REDENEN_BEEINDIGING:
            fout("reden_beeindiging", _("onbekende code (JZ588)."))
        elif t.reden and t.einde is None:
            fout("reden_beeindiging", _("een reden beëindiging zonder einddatum."))
    return fouten


# ---------------------------------------------------------------------------------------------------
# The file


def _datum(d: datetime.date | None) -> str:
    return d.strftime("%Y%m%d") if d else ""


@dataclass(frozen=True)
class Kolom:
    naam: str
    waarde: Callable[[Traject, Levering], str]
    bron: str


#: The file's columns, in order. The protocol (version 5) names the data; CBS's bestandsdefinitie
#: (not found) fixes names, order and positions: correct this one table when it differs.
KOLOMMEN: tuple[Kolom, ...] = (
    Kolom(
        "gemeentecode",
        lambda t, lev: lev.gemeentecode,
        "CBS-gemeentecode van de aanleverende gemeente (4 cijfers)",
    ),
    Kolom(
        "verslagperiode",
        lambda t, lev: lev.periode.code,
        "protocol deel 2: verslagperiode jan–jun (1) of jul–dec (2)",
    ),
    Kolom("trajectnummer", lambda t, lev: t.traject, "eigen kenmerk van het traject (geen persoonsgegeven)"),
    Kolom("bsn", lambda t, lev: t.bsn, "protocol 2.2"),
    Kolom("geboortedatum", lambda t, lev: _datum(t.geboortedatum), "protocol 2.3 (JJJJMMDD)"),
    Kolom("geslacht", lambda t, lev: t.geslacht, "protocol 2.4; codes COD046"),
    Kolom("postcode", lambda t, lev: t.postcode, "protocol 2.5 (1234AB)"),
    Kolom("verwijzer", lambda t, lev: t.verwijzer, "protocol 3.2; codes COD327"),
    Kolom("hulpvorm", lambda t, lev: t.hulpvorm, "protocol 3.3; codes JZ020 (2015) 31–38"),
    Kolom("datum_aanvang", lambda t, lev: _datum(t.begin), "protocol 3.5 (JJJJMMDD)"),
    Kolom("datum_einde", lambda t, lev: _datum(t.einde), "protocol 3.6 (JJJJMMDD; leeg als het traject doorloopt)"),
    Kolom("reden_beeindiging", lambda t, lev: t.reden, "protocol 3.7; codes JZ588"),
)
SCHEIDINGSTEKEN = ";"


@dataclass
class Levering:
    """One period's delivery: the trajecten, the outcome of the checks, the file's text when clean."""

    gemeentecode: str
    periode: Periode
    herlevering: bool
    trajecten: list[Traject]
    fouten: list[Fout] = field(default_factory=list)

    @property
    def in_orde(self) -> bool:
        return not self.fouten

    @property
    def bestandsnaam(self) -> str:
        soort = "_herlevering" if self.herlevering else ""
        return f"beleidsinformatie_jeugdhulp_{self.gemeentecode}_{self.periode.code}{soort}.csv"

    @property
    def persoon_ids(self) -> list[int]:
        return [t.persoon_id for t in self.trajecten if t.persoon_id is not None]

    def tellingen(self) -> dict[str, object]:
        """What the page shows: no person, only counts."""
        return {
            "trajecten": len(self.trajecten),
            "jeugdigen": len({t.persoon_id for t in self.trajecten if t.persoon_id}),
            "gestart": sum(1 for t in self.trajecten if t.begin and t.begin >= self.periode.begin),
            "beeindigd": sum(1 for t in self.trajecten if t.einde),
            "per_hulpvorm": sorted(Counter(t.hulpvorm for t in self.trajecten).items()),
            "per_bron": dict(Counter(t.bron for t in self.trajecten)),
        }

    def tekst(self) -> str:
        """The file: ASCII, semicolon-separated, a header line, CRLF line ends. Only for a clean delivery."""
        if not self.in_orde:
            raise ValueError("A delivery with errors is never written.")
        buffer = io.StringIO()
        schrijver = csv.writer(buffer, delimiter=SCHEIDINGSTEKEN, lineterminator="\r\n")
        schrijver.writerow([k.naam for k in KOLOMMEN])
        for t in self.trajecten:
            schrijver.writerow([k.waarde(t, self) for k in KOLOMMEN])
        return buffer.getvalue()

    def inhoud(self) -> bytes:
        return self.tekst().encode("ascii")


def levering(gemeente, periode: Periode, *, herlevering: bool = False) -> Levering:
    trajecten = jeugd_trajecten(gemeente, periode)
    lev = Levering(gemeente.cbs_code or "", periode, herlevering, trajecten)
    if not re.fullmatch(r"[0-9]{4}", lev.gemeentecode):
        lev.fouten.append(Fout("-", "gemeentecode", _("de gemeente heeft geen CBS-gemeentecode van 4 cijfers.")))
    lev.fouten.extend(controleren(trajecten, periode))
    return lev


def leveringen(gemeente, periode: Periode) -> list[Levering]:
    """The period's delivery and the correction delivery (herlevering, the whole file) of the one before:
    CBS takes a correction only of the previous period and overwrites what it had."""
    return [levering(gemeente, periode), levering(gemeente, periode.vorige, herlevering=True)]


# ---------------------------------------------------------------------------------------------------
# Gemeentelijke Monitor Sociaal Domein: Wmo (aggregates only)

#: Cells of 1–4 are not shown (the monitor's rule, monitor.selectors.DREMPEL; CBS publishes no cell that
#: could point at a few residents). Backoffice sits below the monitor and does not import it.
DREMPEL = 5
KLEIN = f"< {DREMPEL}"
GEHEIM = "×"  # CBS's sign for a figure withheld to protect another

LEEFTIJDSKLASSEN = (("0-17", 0, 17), ("18-64", 18, 64), ("65-74", 65, 74), ("75+", 75, 200))


@dataclass
class Cijfer:
    onderdeel: str
    uitsplitsing: str
    aantal: int
    teken: str = ""  # "< 5" or "×" when not shown

    @property
    def getoond(self) -> str:
        return self.teken or str(self.aantal)


ONDERDELEN = {
    "clienten": gettext_lazy("Inwoners met een Wmo-maatwerkvoorziening"),
    "huishoudens": gettext_lazy("Huishoudens met een Wmo-maatwerkvoorziening"),
    "voorzieningen": gettext_lazy("Maatwerkvoorzieningen (toewijzingen)"),
    "nieuw": gettext_lazy("Inwoners met een nieuwe maatwerkvoorziening in de periode"),
    "beeindigd": gettext_lazy("Inwoners van wie een maatwerkvoorziening eindigde in de periode"),
    "productcategorie": gettext_lazy("Inwoners per productcategorie (WMO020)"),
    "aantal_voorzieningen": gettext_lazy("Inwoners naar aantal maatwerkvoorzieningen"),
    "leeftijd": gettext_lazy("Inwoners naar leeftijd (op de laatste dag van de periode)"),
}
#: Breakdowns that add up to the number of residents: a single hidden cell could be worked out by subtraction.
OPTELLEND = ("aantal_voorzieningen", "leeftijd")


def _wmo_einde(t: Toewijzing) -> datetime.date | None:
    return t.gestopt_op or t.einddatum


def wmo_cijfers(gemeente, periode: Periode) -> list[Cijfer]:
    """GMSD Wmo for one half year, from the toegekende Wmo toewijzingen in force in the period (the
    maatwerkvoorziening as CBS counts it: a person with a form of support). Suppressed: no cell of 1–4."""
    qs = (Toewijzing.objects.filter(gemeente=gemeente, beschikking__wet=Wet.WMO, ingangsdatum__lte=periode.einde)
          .exclude(beschikking__besluit=Besluit.AFWIJZING)
          .select_related("beschikking__persoon", "beschikking__casus"))
    lopend = [t for t in qs if (_wmo_einde(t) is None or _wmo_einde(t) >= periode.begin)]
    per_persoon: dict[int, list[Toewijzing]] = defaultdict(list)
    for t in lopend:
        per_persoon[t.beschikking.persoon_id].append(t)
    huishoudens = {t.beschikking.casus.huishouden_id for t in lopend}
    nieuw = {t.beschikking.persoon_id for t in lopend if t.ingangsdatum >= periode.begin}
    geeindigd = {t.beschikking.persoon_id for t in lopend if _wmo_einde(t) and _wmo_einde(t) <= periode.einde}
    cijfers = [
        Cijfer("clienten", "totaal", len(per_persoon)),
        Cijfer("huishoudens", "totaal", len(huishoudens)),
        Cijfer("voorzieningen", "totaal", len(lopend)),
        Cijfer("nieuw", "totaal", len(nieuw)),
        Cijfer("beeindigd", "totaal", len(geeindigd)),
    ]
    per_categorie: dict[str, set[int]] = defaultdict(set)
    for t in lopend:
        per_categorie[t.productcategorie].add(t.beschikking.persoon_id)
    cijfers += [Cijfer("productcategorie", code, len(ids)) for code, ids in sorted(per_categorie.items())]
    aantallen = Counter(min(len(ts), 6) for ts in per_persoon.values())
    cijfers += [
        Cijfer("aantal_voorzieningen", "6 of meer" if n == 6 else str(n), aantallen.get(n, 0)) for n in range(1, 7)
    ]
    leeftijden = Counter()
    for ts in per_persoon.values():
        leeftijd = ts[0].beschikking.persoon.leeftijd(periode.einde)
        klasse = next(
            (k for k, lo, hi in LEEFTIJDSKLASSEN if leeftijd is not None and lo <= leeftijd <= hi), "onbekend"
        )
        leeftijden[klasse] += 1
    cijfers += [Cijfer("leeftijd", k, leeftijden.get(k, 0)) for k, _lo, _hi in LEEFTIJDSKLASSEN]
    cijfers.append(Cijfer("leeftijd", "onbekend", leeftijden.get("onbekend", 0)))
    return onderdrukken(cijfers)


def onderdrukken(cijfers: list[Cijfer]) -> list[Cijfer]:
    """Primary: a count of 1–4 reads "< 5". Secondary, in a breakdown that adds up to a shown total: while
    one hidden cell (or hidden cells together under 5) could be worked out by subtraction, the smallest
    visible non-zero cell is hidden too ("×")."""
    for c in cijfers:
        if 0 < c.aantal < DREMPEL:
            c.teken = KLEIN
    for onderdeel in OPTELLEND:
        groep = [c for c in cijfers if c.onderdeel == onderdeel]
        while True:
            weg = [c for c in groep if c.teken]
            zichtbaar = [c for c in groep if not c.teken and c.aantal]
            if not weg or not zichtbaar or (len(weg) > 1 and sum(c.aantal for c in weg) >= DREMPEL):
                break
            min(zichtbaar, key=lambda c: c.aantal).teken = GEHEIM
    return cijfers


def wmo_csv(gemeentecode: str, periode: Periode, cijfers: list[Cijfer]) -> str:
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=SCHEIDINGSTEKEN, lineterminator="\r\n")
    schrijver.writerow(["gemeentecode", "verslagperiode", "onderdeel", "uitsplitsing", "aantal"])
    for c in cijfers:
        schrijver.writerow([gemeentecode, periode.code, c.onderdeel, c.uitsplitsing, c.getoond])
    return buffer.getvalue()
