"""What a figure counts: one `Filter` (gemeente and period always; wijk, team, locatie, the locatie's model
phase at the time of the event, and law domain when chosen), and the querysets it narrows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import DateTimeField, Exists, ExpressionWrapper, OuterRef, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from wijkregie.core.models import Gemeente
from wijkregie.inwoners.models import Persoon
from wijkregie.organisatie.models import Locatie, LocatieFase, Team, Wijk
from wijkregie.plan.models import Arrangementregel
from wijkregie.toegang.models import Aanmelding


@dataclass(frozen=True)
class Filter:
    """What to count: always a gemeente and a period [van, tot); optionally narrower."""

    gemeente: Gemeente
    van: datetime.date
    tot: datetime.date
    wijk: Wijk | None = None
    team: Team | None = None
    locatie: Locatie | None = None
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


def fase_op(f: Filter, locatie_pad: str, moment: str, is_datum: bool):
    """The locatie (reached through `locatie_pad`) was in model f.fase on the day of `moment`."""
    # The wrapper tells TruncDate the outer column's type, which an OuterRef alone does not carry.
    dag = OuterRef(moment) if is_datum else TruncDate(ExpressionWrapper(OuterRef(moment), output_field=DateTimeField()))
    return Exists(LocatieFase.objects.filter(locatie=OuterRef(locatie_pad), model=f.fase, geldig_van__lte=dag)
                  .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=dag)))


def casus_scope(qs, f: Filter, casus: str, moment: str, is_datum: bool = False):
    """Narrows a queryset of casus-related records; `casus` is the path to the casus ('' for Casus itself)."""
    p = f"{casus}__" if casus else ""
    if f.team is not None:
        qs = qs.filter(**{f"{p}team": f.team})
    if f.wijk is not None:
        qs = qs.filter(**{f"{p}hoofdpersoon__wijk": f.wijk})
    if f.locatie is not None:
        qs = qs.filter(**{f"{p}team__locatie": f.locatie})
    if f.fase:
        qs = qs.filter(fase_op(f, f"{p}team__locatie", moment, is_datum))
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
        qs = qs.filter(fase_op(f, "team__locatie", "ontvangen_op", False))
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
