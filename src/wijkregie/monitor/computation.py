"""The indicators counted from the registrations (definitions.py says what each one is).

Only aggregates leave this module: rows of (indicator, breakdown, value, n), where n is the number of
records behind the value so that presentation can suppress small numbers. Counting happens in the
database; where a median is needed only the durations are read (numbers, never names or ids).
Every query is scoped by one `Filter` (scope.py).
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import statistics

from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    Exists,
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
from django.db.models.functions import FirstValue, RowNumber, TruncMonth
from django.utils import timezone

from wijkregie.casus.models import Casus
from wijkregie.core.routers import replica_reads
from wijkregie.organisatie.models import LocatieFase, Teamlid
from wijkregie.organisatie.selectors import FTE_UREN
from wijkregie.plan.models import Ondersteuningsplan, ZrmScore
from wijkregie.regie.models import Afsluiting, Doelbeoordeling, Regie, RegieSoort, Schaling
from wijkregie.toegang.models import AanmeldingStatus, Aard, Kanaal, Uitkomst

from .definitions import (
    AANDEEL_VOORUIT,
    AANTAL,
    BEHAALD,
    KANAAL_LABEL,
    LOPENDE_CASUSSEN,
    MEDIAAN,
    NIET_GECATEGORISEERD,
    P90,
    PER_FTE,
    PER_JAAR,
    PER_REGISSEUR,
    PROCENT,
    TOTAAL,
    aard_breakdown,
    schaling_breakdown,
)
from .figures import Rij, n_procent, procent
from .scope import Filter, aanmeldingen, casus_scope, inwoners
from .survey import clientervaring_rijen

P90_MINIMUM = 10  # below ten durations the 90th percentile is one resident's own waiting time


def _mediaan_p90(indicator: str, dagen: list[float]) -> list[Rij]:
    """Median, and the 90th percentile by nearest rank (the smallest value with 90% at or below it)."""
    if not dagen:
        return []
    dagen.sort()
    n = len(dagen)
    rijen = [Rij(indicator, MEDIAAN, round(statistics.median(dagen), 1), n)]
    if n >= P90_MINIMUM:
        rijen.append(Rij(indicator, P90, round(dagen[math.ceil(0.9 * n) - 1], 1), n))
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
    a = qs.aggregate(
        n=Count("pk"), mediaan=_Percentiel(dagen, fractie=0.5), p90=_Percentiel(dagen, fractie=0.9, discreet=True)
    )
    if not a["n"]:
        return []
    rijen = [Rij(indicator, MEDIAAN, round(a["mediaan"], 1), a["n"])]
    if a["n"] >= P90_MINIMUM:
        rijen.append(Rij(indicator, P90, round(a["p90"], 1), a["n"]))
    return rijen


def _wachttijd_per_maand(f: Filter) -> dict:
    """{month: (median days to first contact, n)} for the trend: one grouped query."""
    qs = aanmeldingen(f).filter(eerste_contact_op__isnull=False).annotate(maand=TruncMonth("ontvangen_op"))
    if _in_de_database():
        return {
            _als_datum(r["maand"]): (round(r["mediaan"], 1), r["n"])
            for r in qs.values("maand")
            .annotate(n=Count("pk"), mediaan=_Percentiel(_dagen_sql("eerste_contact_op", "ontvangen_op"), fractie=0.5))
            .order_by()
        }
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
            rijen.append(
                Rij("instroom_per_kanaal", KANAAL_LABEL.get(k, k), telling[f"kanaal_{k}"], telling[f"kanaal_{k}"])
            )
    aantal_inwoners = inwoners(f)
    if aantal_inwoners:  # per year, so that periods of different length (and the nulmeting) compare
        jaren = (f.tot - f.van).days / 365.25
        rijen.append(
            Rij("instroom_per_1000_inwoners", PER_JAAR, round(1000 * totaal / aantal_inwoners / jaren, 1), totaal)
        )
    for a in sorted(Aard.values):
        if telling[f"aard_{a}"]:
            rijen.append(Rij("aard_van_de_vraag", aard_breakdown(a), telling[f"aard_{a}"], telling[f"aard_{a}"]))
    if telling["aard_leeg"]:
        rijen.append(Rij("aard_van_de_vraag", NIET_GECATEGORISEERD, telling["aard_leeg"], telling["aard_leeg"]))
    rijen.append(Rij("opgelost_aan_de_voorkant", TOTAAL, procent(telling["voorkant"], totaal),
                     n_procent(telling["voorkant"], totaal)))
    rijen.append(
        Rij("directe_specialistische_verwijzingen", AANTAL, telling["specialistisch"], telling["specialistisch"])
    )
    rijen.append(Rij("directe_specialistische_verwijzingen", PROCENT,
                     procent(telling["specialistisch"], telling["getrieerd"]),
                     n_procent(telling["specialistisch"], telling["getrieerd"])))

    rijen += _duur_rijen("wachttijd_eerste_contact", qs.filter(eerste_contact_op__isnull=False),
                         "eerste_contact_op", "ontvangen_op")
    eerste_plan = (Ondersteuningsplan.objects.filter(casus=OuterRef("casus"), ondertekend_op__isnull=False)
                   .order_by("ondertekend_op").values("ondertekend_op")[:1])
    rijen += _duur_rijen("wachttijd_plan", qs.annotate(plan_op=Subquery(eerste_plan)).filter(plan_op__isnull=False),
                         "plan_op", "ontvangen_op")

    # Closures come from the Afsluiting records, not from the casus's current state: reopening a casus later
    # must not change what an earlier period showed.
    afsluitingen = casus_scope(Afsluiting.objects.filter(gemeente=f.gemeente, op__gte=f.begin, op__lt=f.eind),
                                f, "casus", "op")
    rijen += _duur_rijen("doorlooptijd", afsluitingen, "op", "casus__geopend_op")

    schalingen = casus_scope(
        Schaling.objects.filter(gemeente=f.gemeente, op__gte=f.van, op__lt=f.tot), f, "casus", "op", is_datum=True
    )
    for r in schalingen.values("richting", "naar").annotate(n=Count("pk")).order_by("richting", "naar"):
        rijen.append(Rij("op_en_afschalingen", schaling_breakdown(r["richting"], r["naar"]), r["n"], r["n"]))

    rijen += _caseload(f)
    rijen += _heropeningen(f)
    rijen += _zrm_voortgang(f)
    rijen += _doelrealisatie(f)
    rijen += clientervaring_rijen(f)
    return rijen


def _caseload(f: Filter) -> list[Rij]:
    """Running at the end of the period: opened before it and not inside a closed interval then."""
    eind = f.eind
    dicht = Afsluiting.objects.filter(casus=OuterRef("pk"), op__lt=eind).filter(
        Q(heropend_op__isnull=True) | Q(heropend_op__gte=eind)
    )
    lopend = Casus.objects.filter(gemeente=f.gemeente, geopend_op__lt=eind).exclude(Exists(dicht))
    laatste_dag = f.tot - datetime.timedelta(days=1)
    lopend = casus_scope(lopend, dataclasses.replace(f, fase=""), "", "geopend_op")
    if f.fase:  # the locatie's model on the day the caseload is counted
        lopend = lopend.filter(Exists(LocatieFase.objects.filter(locatie=OuterRef("team__locatie"), model=f.fase,
                                                                 geldig_van__lte=laatste_dag)
                                      .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=laatste_dag))))
    n = lopend.count()
    # Casusregie held by a medewerker at that moment (procesregie and regie by the resident or a partner do not count).
    regie = (
        Regie.objects.filter(
            casus__in=lopend.values("pk"), soort=RegieSoort.CASUSREGIE, medewerker__isnull=False, van__lt=eind
        )
        .filter(Q(tot__isnull=True) | Q(tot__gte=eind))
        .aggregate(regisseurs=Count("medewerker", distinct=True), casussen=Count("casus", distinct=True))
    )
    leden = (Teamlid.objects.filter(gemeente=f.gemeente, sinds__lte=laatste_dag)
             .filter(Q(tot__isnull=True) | Q(tot__gte=laatste_dag)))
    if f.team is not None:
        leden = leden.filter(team=f.team)
    elif f.wijk is not None:
        leden = leden.filter(team__wijken=f.wijk)
    if f.locatie is not None:
        leden = leden.filter(team__locatie=f.locatie)
    uren = leden.aggregate(u=Sum("uren_per_week"))["u"] or 0
    rijen = [Rij("caseload", LOPENDE_CASUSSEN, n, n)]
    if regie["regisseurs"]:
        rijen.append(
            Rij("caseload", PER_REGISSEUR, round(regie["casussen"] / regie["regisseurs"], 1), regie["casussen"])
        )
    if uren:
        rijen.append(Rij("caseload", PER_FTE, round(n / (float(uren) / FTE_UREN), 1), n))
    return rijen


def _heropeningen(f: Filter) -> list[Rij]:
    """Per casus closed in the period: was a closure of it in the period followed by a reopening within 12 months."""
    afsluitingen = casus_scope(Afsluiting.objects.filter(gemeente=f.gemeente, op__gte=f.begin, op__lt=f.eind),
                                f, "casus", "op")
    binnen_jaar = Q(heropend_op__isnull=False, heropend_op__lte=F("op") + datetime.timedelta(days=365))
    a = afsluitingen.aggregate(casussen=Count("casus", distinct=True),
                               heropend=Count("casus", distinct=True, filter=binnen_jaar))
    return [Rij("heropeningen_binnen_12_maanden", PROCENT, procent(a["heropend"], a["casussen"]),
                n_procent(a["heropend"], a["casussen"]))]


def _zrm_voortgang(f: Filter) -> list[Rij]:
    """First and last score per (casus, person, leefgebied) series, by window functions in the database."""
    reeks = [F("casus_id"), F("persoon_id"), F("leefgebied_id")]
    # Only casussen scored in the period can have a series ending in it: the window runs over those alone.
    # The phase is tested on the scores in the period only, never inside the window: that would cut series.
    in_periode = casus_scope(ZrmScore.objects.filter(gemeente=f.gemeente, datum__gte=f.van, datum__lt=f.tot),
                              f, "casus", "datum", is_datum=True).values("casus_id")
    scores = casus_scope(ZrmScore.objects.filter(gemeente=f.gemeente, datum__lt=f.tot, casus_id__in=in_periode),
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
        rijen.append(Rij("zrm_voortgang", AANDEEL_VOORUIT, procent(vooruit, len(alle)), n_procent(vooruit, len(alle))))
    return rijen


def _doelrealisatie(f: Filter) -> list[Rij]:
    qs = casus_scope(Doelbeoordeling.objects.filter(gemeente=f.gemeente, evaluatie__gehouden_op__gte=f.van,
                                                    evaluatie__gehouden_op__lt=f.tot),
                      f, "evaluatie__casus", "evaluatie__gehouden_op", is_datum=True)
    per = dict(qs.values_list("behaald").annotate(n=Count("pk")).order_by())
    totaal = sum(per.values())
    return [Rij("doelrealisatie", behaald, procent(per.get(behaald, 0), totaal), n_procent(per.get(behaald, 0), totaal))
            for behaald in BEHAALD if totaal]


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
        uit.append({"maand": maand, "aanmeldingen": r["n"], "voorkant": procent(r["voorkant"], r["n"]),
                    "n_voorkant": n_procent(r["voorkant"], r["n"]), "wachttijd": mediaan, "n_wachttijd": n_wachten})
        maand = datetime.date(maand.year + (maand.month == 12), maand.month % 12 + 1, 1)
    return uit


def _als_datum(waarde) -> datetime.date | None:
    if waarde is None:
        return None
    if isinstance(waarde, datetime.datetime):
        return timezone.localtime(waarde).date() if timezone.is_aware(waarde) else waarde.date()
    return waarde


def cijfers_sleutel(f: Filter) -> str:
    """Everything that narrows a filter's count, as the key its figures (and the dashboard's fragments drawn from
    them) are kept under."""
    return "monitor:" + ":".join(str(x) for x in (
        f.gemeente.pk, f.van, f.tot, getattr(f.wijk, "pk", ""), getattr(f.team, "pk", ""), getattr(f.locatie, "pk", ""),
        f.fase, f.wet))


@replica_reads  # aggregates only, and a few seconds old at worst: the replica serves them (docs/scaling.md)
def berekend(f: Filter, *, vernieuwen: bool = False) -> dict:
    """Indicators and trend of a filter, computed at most once per MONITOR_CACHE_SECONDEN.

    Dashboards are read far more often than the figures change meaningfully; only aggregates are
    cached (no personal data), keyed by everything that narrows the count. `vernieuwen` computes anew
    and keeps the result twice as long: the scheduled precomputation (tasks.py) refreshes it before then.
    """
    from django.conf import settings
    from django.core.cache import cache

    sleutel = cijfers_sleutel(f)
    uitkomst = cache.get(sleutel) if settings.MONITOR_CACHE_SECONDEN and not vernieuwen else None
    if uitkomst is None:
        uitkomst = {"rijen": bereken_rijen(f), "trend": trend(f), "berekend_op": timezone.now()}
        if settings.MONITOR_CACHE_SECONDEN:
            cache.set(sleutel, uitkomst, settings.MONITOR_CACHE_SECONDEN * (2 if vernieuwen else 1))
    return uitkomst
