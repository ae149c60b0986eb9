"""Indicators, each defined once (name, definition in Dutch, unit, source fields), computed from the registrations.

Only aggregates leave this module: rows of (indicator, breakdown, value, n), where n is the number of
records behind the value so that presentation can suppress small numbers. Counting happens in the
database; where a median is needed only the durations are read (numbers, never names or ids).
Every query is scoped by one `Filter`: gemeente and period always; wijk, team, locatie, the locatie's
model phase at the time of the event, and law domain when chosen.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import statistics
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import FirstValue, RowNumber, TruncDate, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.casus.models import Casus
from wijkregie.inwoners.models import Persoon
from wijkregie.organisatie.models import LocatieFase, Teamlid, Wijk
from wijkregie.organisatie.selectors import FTE_UREN
from wijkregie.plan.models import Arrangementregel, Ondersteuningsplan, ZrmScore
from wijkregie.regie.models import Afsluiting, Doelbeoordeling, Regie, RegieSoort, Schaling
from wijkregie.toegang.models import Aanmelding, AanmeldingStatus, Aard, Kanaal, Uitkomst

from .models import VRAGEN, Clientervaring

# Channels in the words of the pilot report (seed 004 Tabel 6).
KANAAL_LABEL = {"email": "e-mail", "partner": "partner", "telefoon": "telefoon", "inloop": "inloop",
                "outreach": "outreach", "webformulier": "webformulier"}
# Aard van de vraag as in seed 004 Tabel 7: (aard, ondersteuningsplan, indicatie).
AARD_LABEL = {
    Aard.INFORMATIE: ("informatie en advies", "nee", "nee"),
    Aard.ENKELVOUDIG_ZONDER: ("enkelvoudige vraag", "ja", "nee"),
    Aard.ENKELVOUDIG_MET: ("enkelvoudige vraag", "ja", "ja"),
    Aard.MEERVOUDIG_ZONDER: ("meervoudige vraag", "ja", "nee"),
    Aard.MEERVOUDIG_MET: ("meervoudige vraag", "ja", "ja"),
}
NIET_GECATEGORISEERD = "niet gecategoriseerd"


def aard_breakdown(aard: str) -> str:
    naam, plan, indicatie = AARD_LABEL[aard]
    return f"{naam}|ondersteuningsplan={plan}|indicatie={indicatie}"


@dataclass(frozen=True)
class Indicator:
    code: str
    naam: str
    definitie: str
    eenheid: str
    bron: str
    hoger_is_beter: bool | None = None  # for the comparison with the nulmeting; None: neither


INDICATOREN = {
    i.code: i for i in [
        Indicator("instroom_per_kanaal", _("Instroom per kanaal"),
                  _("Aantal aanmeldingen ontvangen in de periode, naar het kanaal waarlangs de vraag binnenkwam."),
                  "aantal", "aanmelding.ontvangen_op, aanmelding.kanaal"),
        Indicator("instroom_per_1000_inwoners", _("Instroom per 1.000 inwoners"),
                  _("Aantal aanmeldingen in de periode, omgerekend naar een jaar, per 1.000 inwoners van het gebied "
                    "volgens het wijkprofiel (de gekozen wijk, de wijken van het gekozen team of de locatie, of alle "
                    "wijken van de gemeente)."),
                  "per 1.000 inwoners per jaar", "aanmelding.ontvangen_op, wijk.inwoners"),
        Indicator("aard_van_de_vraag", _("Aard van de vraag"),
                  _("Aantal aanmeldingen in de periode naar de aard van de vraag bij de triage (seed 004 Tabel 7); "
                    "aanmeldingen zonder triage tellen als niet gecategoriseerd."),
                  "aantal", "triage.aard"),
        Indicator("opgelost_aan_de_voorkant", _("Opgelost aan de voorkant"),
                  _("Aandeel van de aanmeldingen in de periode dat aan de voorkant is afgehandeld met informatie, "
                    "advies of eigen kracht."), "procent", "aanmelding.status", True),
        Indicator("directe_specialistische_verwijzingen", _("Directe specialistische verwijzingen"),
                  _("Aanmeldingen in de periode die bij de triage direct naar specialistische hulp zijn geleid: "
                    "aantal en aandeel van de getrieerde aanmeldingen."), "aantal / procent", "triage.uitkomst", False),
        Indicator("wachttijd_eerste_contact", _("Wachttijd tot eerste contact"),
                  _("Dagen van ontvangst tot eerste contact, voor aanmeldingen in de periode met een eerste contact: "
                    "mediaan en, vanaf 10 aanmeldingen, 90e percentiel."), "dagen", "aanmelding.ontvangen_op, aanmelding.eerste_contact_op", False),
        Indicator("wachttijd_plan", _("Wachttijd tot vastgesteld plan"),
                  _("Dagen van ontvangst van de aanmelding tot de ondertekening van het eerste ondersteuningsplan, "
                    "voor aanmeldingen in de periode waarvoor een plan is vastgesteld: mediaan en, vanaf 10, 90e percentiel."),
                  "dagen", "aanmelding.ontvangen_op, ondersteuningsplan.ondertekend_op", False),
        Indicator("doorlooptijd", _("Doorlooptijd"),
                  _("Dagen van opening van de casus tot afsluiting, voor afsluitingen in de periode (ook als de casus "
                    "later is heropend): mediaan en, vanaf 10, 90e percentiel."), "dagen", "casus.geopend_op, casus.afgesloten_op"),
        Indicator("op_en_afschalingen", _("Op- en afschalingen"),
                  _("Aantal schalingen in de periode, naar richting (op of af) en naar waar."),
                  "aantal", "schaling.op, schaling.richting, schaling.naar"),
        Indicator("caseload", _("Caseload"),
                  _("Casussen die aan het eind van de periode lopen (geopend en niet afgesloten, of heropend): totaal, "
                    "gemiddeld per medewerker met casusregie (over de casussen met zo'n regisseur), en per fte van de "
                    "teamleden."), "casussen",
                  "casus.geopend_op, casus.afgesloten_op, regie, teamlid.uren_per_week"),
        Indicator("heropeningen_binnen_12_maanden", _("Heropeningen binnen 12 maanden"),
                  _("Aandeel van de casussen met een afsluiting in de periode dat binnen 12 maanden na die afsluiting "
                    "weer is geopend (tot nu toe; voor recente perioden kan het nog stijgen)."),
                  "procent", "afsluiting.op, afsluiting.heropend_op", False),
        Indicator("zrm_voortgang", _("ZRM-voortgang per leefgebied"),
                  _("Gemiddelde verandering in ZRM-niveau (1 acute problematiek tot 5 volledig zelfredzaam) tussen de "
                    "eerste en de laatste score per gezinslid en leefgebied, voor reeksen van minstens twee scores "
                    "waarvan de laatste in de periode valt; en het aandeel reeksen dat vooruitging."),
                  "niveaus / procent", "zrm_score.niveau, zrm_score.datum", True),
        Indicator("doelrealisatie", _("Doelrealisatie"),
                  _("Beoordelingen van doelen bij evaluaties die in de periode zijn gehouden, naar behaald, deels "
                    "behaald en niet behaald (aandeel)."), "procent", "doelbeoordeling.behaald, evaluatie.gehouden_op", True),
        Indicator("clientervaring", _("Cliëntervaring"),
                  _("Antwoorden op de vragenlijst die in de periode zijn ingevuld (Uitvoeringsregeling Wmo 2015 art. 8: "
                    "toegankelijkheid, kwaliteit, bijdrage aan zelfredzaamheid en participatie): aandeel (helemaal) "
                    "eens per stelling, het gemiddelde rapportcijfer (1–10, zoals Beleidsinformatie Jeugd) en de "
                    "respons op de uitnodigingen van de periode."), "procent / cijfer",
                  "clientervaring.*", True),
    ]
}


@dataclass(frozen=True)
class Filter:
    """What to count: always a gemeente and a period [van, tot); optionally narrower."""

    gemeente: object
    van: datetime.date
    tot: datetime.date
    wijk: object = None
    team: object = None
    locatie: object = None
    fase: str = ""
    wet: str = ""

    def tijdstip(self, d: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(d, datetime.time.min, timezone.get_current_timezone())

    @property
    def begin(self):
        return self.tijdstip(self.van)

    @property
    def eind(self):
        return self.tijdstip(self.tot)


@dataclass(frozen=True)
class Rij:
    indicator: str
    breakdown: str
    waarde: object
    n: int

    def als_tuple(self):
        return (self.indicator, self.breakdown, "" if self.waarde is None else self.waarde)


def _fase_op(f: Filter, locatie_pad: str, moment: str, is_datum: bool):
    """The locatie (reached through `locatie_pad`) was in model f.fase on the day of `moment`."""
    # The wrapper tells TruncDate the outer column's type, which an OuterRef alone does not carry.
    dag = OuterRef(moment) if is_datum else TruncDate(ExpressionWrapper(OuterRef(moment), output_field=DateTimeField()))
    return Exists(LocatieFase.objects.filter(locatie=OuterRef(locatie_pad), model=f.fase, geldig_van__lte=dag)
                  .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=dag)))


def _casus_scope(qs, f: Filter, casus: str, moment: str, is_datum: bool = False):
    """Narrows a queryset of casus-related records; `casus` is the path to the casus ('' for Casus itself)."""
    p = f"{casus}__" if casus else ""
    if f.team is not None:
        qs = qs.filter(**{f"{p}team": f.team})
    if f.wijk is not None:
        qs = qs.filter(**{f"{p}hoofdpersoon__wijk": f.wijk})
    if f.locatie is not None:
        qs = qs.filter(**{f"{p}team__locatie": f.locatie})
    if f.fase:
        qs = qs.filter(_fase_op(f, f"{p}team__locatie", moment, is_datum))
    if f.wet:
        qs = qs.filter(Exists(Arrangementregel.objects.filter(plan__casus=OuterRef(casus or "pk"), wet=f.wet)))
    return qs


def aanmeldingen(f: Filter):
    """Aanmeldingen received in the period within the filter. The wijk is the person's, or the postcode's."""
    qs = Aanmelding.objects.filter(gemeente=f.gemeente, ontvangen_op__gte=f.begin, ontvangen_op__lt=f.eind)
    if f.team is not None:
        qs = qs.filter(team=f.team)
    if f.wijk is not None:
        # The persons as a subquery, not a join: an OR across a LEFT JOIN makes PostgreSQL scan both tables.
        van_de_wijk = Q(persoon_id__in=Persoon.objects.filter(gemeente=f.gemeente, wijk=f.wijk).values("pk"))
        postcodes = Q()
        for pc4 in f.wijk.postcodegebieden.values_list("postcode4", flat=True):
            postcodes |= Q(postcode__startswith=pc4)
        qs = qs.filter(van_de_wijk | (Q(persoon__isnull=True) & postcodes) if postcodes else van_de_wijk)
    if f.locatie is not None:
        qs = qs.filter(team__locatie=f.locatie)
    if f.fase:
        qs = qs.filter(_fase_op(f, "team__locatie", "ontvangen_op", False))
    if f.wet:
        qs = qs.filter(Exists(Arrangementregel.objects.filter(plan__casus=OuterRef("casus"), wet=f.wet)))
    return qs


def inwoners(f: Filter) -> int:
    """Inhabitants of the filtered area, from the wijk profiles."""
    wijken = Wijk.objects.filter(gemeente=f.gemeente)
    if f.wijk is not None:
        wijken = wijken.filter(pk=f.wijk.pk)
    elif f.team is not None:
        wijken = wijken.filter(teams=f.team)
    elif f.locatie is not None:  # the wijken of the teams working from that locatie, as the aanmeldingen are
        wijken = wijken.filter(teams__locatie=f.locatie).distinct()
    return wijken.aggregate(n=Sum("inwoners"))["n"] or 0


def _procent(deel, geheel):
    return round(100 * deel / geheel, 1) if geheel else None


def n_procent(deel: int, geheel: int) -> int:
    """The count a share rests on, for suppression: a share also gives away a small numerator (1 of 8) or a
    small remainder (7 of 8), so the smallest positive of denominator, numerator and remainder counts."""
    return min([x for x in (geheel, deel, geheel - deel) if x > 0] or [0])


P90_MINIMUM = 10  # below ten durations the 90th percentile is one resident's own waiting time


def _mediaan_p90(indicator: str, dagen: list[float]) -> list[Rij]:
    """Median, and the 90th percentile by nearest rank (the smallest value with 90% at or below it)."""
    if not dagen:
        return []
    dagen.sort()
    n = len(dagen)
    rijen = [Rij(indicator, "mediaan", round(statistics.median(dagen), 1), n)]
    if n >= P90_MINIMUM:
        rijen.append(Rij(indicator, "p90", round(dagen[math.ceil(0.9 * n) - 1], 1), n))
    return rijen


def _dagen(paren) -> list[float]:
    return [(eind - begin).total_seconds() / 86400 for begin, eind in paren if begin and eind]


class _Percentiel(Aggregate):
    """PostgreSQL's ordered-set aggregate: PERCENTILE_CONT (interpolated: the median) or PERCENTILE_DISC
    (nearest rank: the p90 as defined above). The database sorts; Python receives one number."""

    template = "%(function)s(%(fractie)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, *, fractie: float, discreet: bool = False):
        self.function = "PERCENTILE_DISC" if discreet else "PERCENTILE_CONT"
        super().__init__(expression, fractie=fractie)


def _dagen_sql(eind: str, begin: str):
    return Func(F(eind) - F(begin), template="EXTRACT(EPOCH FROM %(expressions)s) / 86400.0", output_field=FloatField())


def _in_de_database() -> bool:
    # SQLite has no ordered-set aggregates: there the durations are read (numbers only) and sorted in Python.
    return connection.vendor == "postgresql"


def _duur_rijen(indicator: str, qs, eind: str, begin: str) -> list[Rij]:
    """Median and (from P90_MINIMUM values) nearest-rank p90 of eind − begin in days, over `qs`."""
    if not _in_de_database():
        return _mediaan_p90(indicator, _dagen(qs.values_list(begin, eind)))
    dagen = _dagen_sql(eind, begin)
    a = qs.aggregate(n=Count("pk"), mediaan=_Percentiel(dagen, fractie=0.5), p90=_Percentiel(dagen, fractie=0.9, discreet=True))
    if not a["n"]:
        return []
    rijen = [Rij(indicator, "mediaan", round(a["mediaan"], 1), a["n"])]
    if a["n"] >= P90_MINIMUM:
        rijen.append(Rij(indicator, "p90", round(a["p90"], 1), a["n"]))
    return rijen


def _wachttijd_per_maand(f: Filter) -> dict:
    """{month: (median days to first contact, n)} for the trend: one grouped query."""
    qs = aanmeldingen(f).filter(eerste_contact_op__isnull=False).annotate(maand=TruncMonth("ontvangen_op"))
    if _in_de_database():
        return {_als_datum(r["maand"]): (round(r["mediaan"], 1), r["n"]) for r in qs.values("maand").annotate(
            n=Count("pk"), mediaan=_Percentiel(_dagen_sql("eerste_contact_op", "ontvangen_op"), fractie=0.5)).order_by()}
    per_maand: dict = {}
    for maand, ontvangen, contact in qs.values_list("maand", "ontvangen_op", "eerste_contact_op"):
        per_maand.setdefault(_als_datum(maand), []).append((contact - ontvangen).total_seconds() / 86400)
    return {m: (round(statistics.median(d), 1), len(d)) for m, d in per_maand.items()}


def bereken_rijen(f: Filter) -> list[Rij]:
    """All indicators for one filter. A fixed number of aggregate queries, whatever the size of the data."""
    qs = aanmeldingen(f)
    rijen: list[Rij] = []

    # One pass over the period's aanmeldingen for every count (channels and kinds are fixed code lists).
    aggregaten = {
        "totaal": Count("pk"),
        "voorkant": Count("pk", filter=Q(status=AanmeldingStatus.VOORKANT)),
        "getrieerd": Count("triage"),
        "specialistisch": Count("pk", filter=Q(triage__uitkomst=Uitkomst.SPECIALISTISCH)),
        "aard_leeg": Count("pk", filter=Q(triage__isnull=True)),
    }
    aggregaten.update({f"kanaal_{k}": Count("pk", filter=Q(kanaal=k)) for k in Kanaal.values})
    aggregaten.update({f"aard_{a}": Count("pk", filter=Q(triage__aard=a)) for a in Aard.values})
    telling = qs.aggregate(**aggregaten)
    totaal = telling["totaal"]
    for k in sorted(Kanaal.values):
        if telling[f"kanaal_{k}"]:
            rijen.append(Rij("instroom_per_kanaal", KANAAL_LABEL.get(k, k), telling[f"kanaal_{k}"], telling[f"kanaal_{k}"]))
    aantal_inwoners = inwoners(f)
    if aantal_inwoners:  # per year, so that periods of different length (and the nulmeting) compare
        jaren = (f.tot - f.van).days / 365.25
        rijen.append(Rij("instroom_per_1000_inwoners", "per jaar", round(1000 * totaal / aantal_inwoners / jaren, 1), totaal))
    for a in sorted(Aard.values):
        if telling[f"aard_{a}"]:
            rijen.append(Rij("aard_van_de_vraag", aard_breakdown(a), telling[f"aard_{a}"], telling[f"aard_{a}"]))
    if telling["aard_leeg"]:
        rijen.append(Rij("aard_van_de_vraag", NIET_GECATEGORISEERD, telling["aard_leeg"], telling["aard_leeg"]))
    rijen.append(Rij("opgelost_aan_de_voorkant", "totaal", _procent(telling["voorkant"], totaal),
                     n_procent(telling["voorkant"], totaal)))
    rijen.append(Rij("directe_specialistische_verwijzingen", "aantal", telling["specialistisch"], telling["specialistisch"]))
    rijen.append(Rij("directe_specialistische_verwijzingen", "procent",
                     _procent(telling["specialistisch"], telling["getrieerd"]),
                     n_procent(telling["specialistisch"], telling["getrieerd"])))

    rijen += _duur_rijen("wachttijd_eerste_contact", qs.filter(eerste_contact_op__isnull=False),
                         "eerste_contact_op", "ontvangen_op")
    eerste_plan = (Ondersteuningsplan.objects.filter(casus=OuterRef("casus"), ondertekend_op__isnull=False)
                   .order_by("ondertekend_op").values("ondertekend_op")[:1])
    rijen += _duur_rijen("wachttijd_plan", qs.annotate(plan_op=Subquery(eerste_plan)).filter(plan_op__isnull=False),
                         "plan_op", "ontvangen_op")

    # Closures come from the Afsluiting records, not from the casus's current state: reopening a casus later
    # must not change what an earlier period showed.
    afsluitingen = _casus_scope(Afsluiting.objects.filter(gemeente=f.gemeente, op__gte=f.begin, op__lt=f.eind),
                                f, "casus", "op")
    rijen += _duur_rijen("doorlooptijd", afsluitingen, "op", "casus__geopend_op")

    schalingen = _casus_scope(Schaling.objects.filter(gemeente=f.gemeente, op__gte=f.van, op__lt=f.tot), f, "casus", "op", is_datum=True)
    for r in schalingen.values("richting", "naar").annotate(n=Count("pk")).order_by("richting", "naar"):
        rijen.append(Rij("op_en_afschalingen", f"{r['richting']}|{r['naar']}", r["n"], r["n"]))

    rijen += _caseload(f)
    rijen += _heropeningen(f)
    rijen += _zrm_voortgang(f)
    rijen += _doelrealisatie(f)
    rijen += _clientervaring(f)
    return rijen


def _caseload(f: Filter) -> list[Rij]:
    """Running at the end of the period: opened before it and not inside a closed interval then."""
    eind = f.eind
    dicht = Afsluiting.objects.filter(casus=OuterRef("pk"), op__lt=eind).filter(Q(heropend_op__isnull=True) | Q(heropend_op__gte=eind))
    lopend = Casus.objects.filter(gemeente=f.gemeente, geopend_op__lt=eind).exclude(Exists(dicht))
    laatste_dag = f.tot - datetime.timedelta(days=1)
    lopend = _casus_scope(lopend, dataclasses.replace(f, fase=""), "", "geopend_op")
    if f.fase:  # the locatie's model on the day the caseload is counted
        lopend = lopend.filter(Exists(LocatieFase.objects.filter(locatie=OuterRef("team__locatie"), model=f.fase,
                                                                 geldig_van__lte=laatste_dag)
                                      .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=laatste_dag))))
    n = lopend.count()
    # Casusregie held by a medewerker at that moment (procesregie and regie by the resident or a partner do not count).
    regie = (Regie.objects.filter(casus__in=lopend.values("pk"), soort=RegieSoort.CASUSREGIE, medewerker__isnull=False, van__lt=eind)
             .filter(Q(tot__isnull=True) | Q(tot__gte=eind))
             .aggregate(regisseurs=Count("medewerker", distinct=True), casussen=Count("casus", distinct=True)))
    leden = (Teamlid.objects.filter(gemeente=f.gemeente, sinds__lte=laatste_dag)
             .filter(Q(tot__isnull=True) | Q(tot__gte=laatste_dag)))
    if f.team is not None:
        leden = leden.filter(team=f.team)
    elif f.wijk is not None:
        leden = leden.filter(team__wijken=f.wijk)
    if f.locatie is not None:
        leden = leden.filter(team__locatie=f.locatie)
    uren = leden.aggregate(u=Sum("uren_per_week"))["u"] or 0
    rijen = [Rij("caseload", "lopende casussen", n, n)]
    if regie["regisseurs"]:
        rijen.append(Rij("caseload", "gemiddeld per regisseur", round(regie["casussen"] / regie["regisseurs"], 1), regie["casussen"]))
    if uren:
        rijen.append(Rij("caseload", "per fte", round(n / (float(uren) / FTE_UREN), 1), n))
    return rijen


def _heropeningen(f: Filter) -> list[Rij]:
    """Per casus closed in the period: was a closure of it in the period followed by a reopening within 12 months."""
    afsluitingen = _casus_scope(Afsluiting.objects.filter(gemeente=f.gemeente, op__gte=f.begin, op__lt=f.eind),
                                f, "casus", "op")
    binnen_jaar = Q(heropend_op__isnull=False, heropend_op__lte=F("op") + datetime.timedelta(days=365))
    a = afsluitingen.aggregate(casussen=Count("casus", distinct=True),
                               heropend=Count("casus", distinct=True, filter=binnen_jaar))
    return [Rij("heropeningen_binnen_12_maanden", "procent", _procent(a["heropend"], a["casussen"]),
                n_procent(a["heropend"], a["casussen"]))]


def _zrm_voortgang(f: Filter) -> list[Rij]:
    """First and last score per (casus, person, leefgebied) series, by window functions in the database."""
    reeks = [F("casus_id"), F("persoon_id"), F("leefgebied_id")]
    # Only casussen scored in the period can have a series ending in it: the window runs over those alone.
    # The phase is tested on the scores in the period only, never inside the window: that would cut series.
    in_periode = _casus_scope(ZrmScore.objects.filter(gemeente=f.gemeente, datum__gte=f.van, datum__lt=f.tot),
                              f, "casus", "datum", is_datum=True).values("casus_id")
    scores = _casus_scope(ZrmScore.objects.filter(gemeente=f.gemeente, datum__lt=f.tot, casus_id__in=in_periode),
                          dataclasses.replace(f, fase=""), "casus", "datum", is_datum=True)
    laatste_eerst = [F("datum").desc(), F("pk").desc()]
    reeksen = (
        scores.annotate(
            eerste=Window(FirstValue("niveau"), partition_by=reeks, order_by=[F("datum").asc(), F("pk").asc()]),
            rang=Window(RowNumber(), partition_by=reeks, order_by=laatste_eerst),
            lengte=Window(Count("pk"), partition_by=reeks),
            # A window, not a plain datum filter: a plain filter would go into the inner WHERE and cut the series.
            tot_en_met=Window(Max("datum"), partition_by=reeks),
        )
        .filter(rang=1, lengte__gte=2, tot_en_met__gte=f.van)
        .values_list("leefgebied__naam", "leefgebied__volgorde", "eerste", "niveau")
    )
    per_gebied: dict[tuple, list[int]] = {}
    for naam, volgorde, eerste, laatste in reeksen:
        per_gebied.setdefault((volgorde, naam), []).append(laatste - eerste)
    rijen = []
    alle = []
    for (_gebied, naam), verschillen in sorted(per_gebied.items()):
        rijen.append(Rij("zrm_voortgang", naam, round(sum(verschillen) / len(verschillen), 1), len(verschillen)))
        alle += verschillen
    if alle:
        vooruit = sum(1 for v in alle if v > 0)
        rijen.append(Rij("zrm_voortgang", "aandeel vooruit (procent)", _procent(vooruit, len(alle)), n_procent(vooruit, len(alle))))
    return rijen


def _doelrealisatie(f: Filter) -> list[Rij]:
    qs = _casus_scope(Doelbeoordeling.objects.filter(gemeente=f.gemeente, evaluatie__gehouden_op__gte=f.van,
                                                    evaluatie__gehouden_op__lt=f.tot),
                      f, "evaluatie__casus", "evaluatie__gehouden_op", is_datum=True)
    per = dict(qs.values_list("behaald").annotate(n=Count("pk")).order_by())
    totaal = sum(per.values())
    return [Rij("doelrealisatie", behaald, _procent(per.get(behaald, 0), totaal), n_procent(per.get(behaald, 0), totaal))
            for behaald in ("ja", "deels", "nee") if totaal]


def _clientervaring(f: Filter) -> list[Rij]:
    # One query: invitations of the period and answers given in the period (not always the same rows).
    uitgenodigd = Q(uitgenodigd_op__gte=f.begin, uitgenodigd_op__lt=f.eind)
    beantwoord = Q(beantwoord_op__gte=f.begin, beantwoord_op__lt=f.eind)
    qs = _casus_scope(Clientervaring.objects.filter(Q(gemeente=f.gemeente) & (uitgenodigd | beantwoord)), f, "casus", "uitgenodigd_op")
    aggregaten = {
        "uitgenodigd": Count("pk", filter=uitgenodigd),
        "uitgenodigd_beantwoord": Count("pk", filter=uitgenodigd & Q(beantwoord_op__isnull=False)),
        "cijfer": Avg("rapportcijfer", filter=beantwoord), "cijfers": Count("rapportcijfer", filter=beantwoord),
    }
    for veld, _onderwerp, _tekst in VRAGEN:
        aggregaten[f"{veld}_eens"] = Count("pk", filter=beantwoord & Q(**{f"{veld}__gte": 4}))
        aggregaten[f"{veld}_n"] = Count(veld, filter=beantwoord)
    a = qs.aggregate(**aggregaten)
    u = {"n": a["uitgenodigd"], "beantwoord": a["uitgenodigd_beantwoord"]}
    rijen = []
    if u["n"]:
        rijen.append(Rij("clientervaring", "respons (procent)", _procent(u["beantwoord"], u["n"]), n_procent(u["beantwoord"], u["n"])))
    for veld, onderwerp, _tekst in VRAGEN:
        if a[f"{veld}_n"]:
            rijen.append(Rij("clientervaring", f"{onderwerp}|{veld}|eens (procent)",
                             _procent(a[f"{veld}_eens"], a[f"{veld}_n"]), n_procent(a[f"{veld}_eens"], a[f"{veld}_n"])))
    if a["cijfers"]:
        rijen.append(Rij("clientervaring", "rapportcijfer (gemiddeld)", round(a["cijfer"], 1), a["cijfers"]))
    return rijen


def trend(f: Filter) -> list[dict]:
    """Per month of the period: aanmeldingen, share solved at the front, median wait for a first contact.

    Two grouped queries.
    """
    per_maand = {
        _als_datum(r["maand"]): r for r in aanmeldingen(f).annotate(maand=TruncMonth("ontvangen_op"))
        .values("maand").annotate(n=Count("pk"), voorkant=Count("pk", filter=Q(status=AanmeldingStatus.VOORKANT)))
        .order_by("maand")
    }
    wachten = _wachttijd_per_maand(f)
    uit = []
    maand = datetime.date(f.van.year, f.van.month, 1)
    while maand < f.tot:
        r = per_maand.get(maand, {"n": 0, "voorkant": 0})
        mediaan, n_wachten = wachten.get(maand, (None, 0))
        uit.append({"maand": maand, "aanmeldingen": r["n"], "voorkant": _procent(r["voorkant"], r["n"]),
                    "n_voorkant": n_procent(r["voorkant"], r["n"]), "wachttijd": mediaan, "n_wachttijd": n_wachten})
        maand = datetime.date(maand.year + (maand.month == 12), maand.month % 12 + 1, 1)
    return uit


def _als_datum(waarde) -> datetime.date | None:
    if waarde is None:
        return None
    if isinstance(waarde, datetime.datetime):
        return timezone.localtime(waarde).date() if timezone.is_aware(waarde) else waarde.date()
    return waarde


def berekend(f: Filter, *, vernieuwen: bool = False) -> dict:
    """Indicators and trend of a filter, computed at most once per MONITOR_CACHE_SECONDEN.

    Dashboards are read far more often than the figures change meaningfully; only aggregates are
    cached (no personal data), keyed by everything that narrows the count. `vernieuwen` computes anew
    and keeps the result twice as long: the scheduled precomputation (tasks.py) refreshes it before then.
    """
    from django.conf import settings
    from django.core.cache import cache

    sleutel = "monitor:" + ":".join(str(x) for x in (
        f.gemeente.pk, f.van, f.tot, getattr(f.wijk, "pk", ""), getattr(f.team, "pk", ""), getattr(f.locatie, "pk", ""),
        f.fase, f.wet))
    uitkomst = cache.get(sleutel) if settings.MONITOR_CACHE_SECONDEN and not vernieuwen else None
    if uitkomst is None:
        uitkomst = {"rijen": bereken_rijen(f), "trend": trend(f), "berekend_op": timezone.now()}
        if settings.MONITOR_CACHE_SECONDEN:
            cache.set(sleutel, uitkomst, settings.MONITOR_CACHE_SECONDEN * (2 if vernieuwen else 1))
    return uitkomst
