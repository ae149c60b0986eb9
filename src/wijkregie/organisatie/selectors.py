"""Reads of organisation data. Every list and page goes through a `*_visible_to(user)` selector.

Organisation data (wijken, teams, the sociale kaart) is shared within a gemeente: any user of the
gemeente may see it, no user of another gemeente sees any of it. Mandaten are personal: a medewerker
sees their own; the roles that check or keep the register see the whole gemeente's.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import NamedTuple

from django.db import connections, router
from django.db.models import DecimalField, FilteredRelation, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from wijkregie.core.access import gemeente_of
from wijkregie.core.querying import KortGeheugen, gecompileerd

from .models import (
    Locatie,
    LocatieFase,
    Mandaat,
    Medewerker,
    Organisatie,
    Team,
    Teamlid,
    Toegankelijkheid,
    Voorziening,
    Wijk,
)
from .toegangsbeleid import MANDAATREGISTER_ROLLEN

# A full-time week in the municipal collective agreement (CAR-UWO / cao Gemeenten): 36 hours.
FTE_UREN = 36



def _in_gemeente(qs: QuerySet, user) -> QuerySet:
    gemeente_id = gemeente_of(user)
    if gemeente_id is None:
        return qs.none()
    return qs.filter(gemeente_id=gemeente_id)


def wijken_visible_to(user) -> QuerySet[Wijk]:
    """The wijken of the user's gemeente, with teams and locations (and their phases) prefetched."""
    return _in_gemeente(Wijk.objects.all(), user).prefetch_related(
        "teams",
        Prefetch("locaties", queryset=Locatie.objects.prefetch_related("fasen")),
    )


def locaties_visible_to(user) -> QuerySet[Locatie]:
    return _in_gemeente(Locatie.objects.select_related("wijk").prefetch_related("fasen"), user)


def locatiefasen_visible_to(user) -> QuerySet[LocatieFase]:
    return _in_gemeente(LocatieFase.objects.select_related("locatie", "locatie__wijk"), user)


def teams_visible_to(user) -> QuerySet[Team]:
    return _in_gemeente(Team.objects.select_related("locatie").prefetch_related("wijken"), user)


def teamleden_visible_to(user, *, peildatum: datetime.date | None = None) -> QuerySet[Teamlid]:
    """Memberships, current on `peildatum` when given, with everything a member row shows prefetched."""
    qs = _in_gemeente(Teamlid.objects.all(), user).select_related(
        "team", "medewerker", "medewerker__moederorganisatie"
    ).prefetch_related("medewerker__focuswijken", "medewerker__roltoewijzingen")
    if peildatum is not None:
        qs = qs.filter(sinds__lte=peildatum).filter(Q(tot__isnull=True) | Q(tot__gte=peildatum))
    return qs.order_by("medewerker__first_name", "medewerker__last_name")


def team_uren(teamleden) -> float:
    return float(sum(lid.uren_per_week for lid in teamleden))


def medewerkers_visible_to(user) -> QuerySet[Medewerker]:
    return _in_gemeente(Medewerker.objects.all(), user).select_related("moederorganisatie").prefetch_related(
        "roltoewijzingen", "focuswijken"
    )


def organisaties_visible_to(user) -> QuerySet[Organisatie]:
    return _in_gemeente(Organisatie.objects.all(), user)


def voorzieningen_visible_to(
    user, *, zoek: str = "", toegang: str = "", wijk: Wijk | None = None, gecontracteerd: bool | None = None,
    wet: str = "",
) -> QuerySet[Voorziening]:
    """The sociale kaart of the user's gemeente, searched by words in name, description or organisation.

    Every word must match somewhere (so "schuld jong" finds debt help for young people); a provision
    without wijken serves the whole gemeente and is found for every wijk.
    """
    qs = _in_gemeente(Voorziening.objects.select_related("organisatie").prefetch_related("wijken"), user)
    for woord in zoek.split()[:8]:
        qs = qs.filter(
            Q(naam__icontains=woord) | Q(omschrijving__icontains=woord) | Q(organisatie__naam__icontains=woord)
        )
    if toegang:
        qs = qs.filter(toegang=toegang)
    if gecontracteerd is not None:
        qs = qs.filter(gecontracteerd=gecontracteerd)
    if wet:
        qs = qs.filter(wet=wet)
    if wijk is not None:
        qs = qs.filter(Q(wijken=wijk) | Q(wijken__isnull=True)).distinct()
    return qs.order_by("naam", "organisatie__naam")  # the same provision by two organisations: side by side


def mandaten_visible_to(user) -> QuerySet[Mandaat]:
    """The whole register for the roles that keep or check it; otherwise the user's own mandaten."""
    qs = _in_gemeente(
        Mandaat.objects.select_related(
            "houder", "houder__moederorganisatie", "via_organisatie", "ondermandaat_van",
            "ondermandaat_van__houder__moederorganisatie",
        ),
        user,
    )
    if not user.is_authenticated or not user.heeft_rol(*MANDAATREGISTER_ROLLEN):
        qs = qs.filter(houder_id=getattr(user, "pk", None))
    return qs


#: At most this many of a user's own memberships, mandaten and focuswijken on the start page (a handful in practice),
#: and of the gemeente's teams with their hours.
EIGEN_MAX = 100
TEAMS_MAX = 500
_NAAM = ("username", "first_name", "last_name", "moederorganisatie_id")


class StartOrganisatie(NamedTuple):
    """What the start page shows of the organisation: the user's own memberships (with the team), mandaten (with
    what judges their validity), the wijken they are contact person for, and, for those who plan the teams'
    work (organisatie.teamuren), the gemeente's teams with their members' hours; otherwise `teams` is None."""

    leden: list[Teamlid]
    mandaten: list[Mandaat]
    focuswijken: list[Wijk]
    teams: list[Team] | None


def start_organisatie(user, *, peildatum: datetime.date) -> StartOrganisatie:
    """The start page's lists of the organisation in one query (issue 17): each what its queryset read on its own
    would be (organisatie/tests/test_start_organisatie.py). For reading, never for saving."""
    from wijkregie.core.querying import eerste_rijen_van

    teamuren = user.has_perm("organisatie.teamuren")

    def bronnen():
        lijsten = {
            "leden": (teamleden_visible_to(user, peildatum=peildatum).filter(medewerker=user), EIGEN_MAX, None,
                      {"team": None}),
            "mandaten": (mandaten_visible_to(user).filter(houder=user).order_by("-geldig_van", "pk"), EIGEN_MAX, None, {
                "houder": _NAAM, "houder__moederorganisatie": ("naam", "soort"), "ondermandaat_van": None,
                "ondermandaat_van__houder": _NAAM, "ondermandaat_van__houder__moederorganisatie": ("naam", "soort"),
            }),
            "focuswijken": (_in_gemeente(Wijk.objects.filter(contactpersonen=user), user).order_by("naam", "pk"),
                            EIGEN_MAX, None),
        }
        if teamuren:
            lijsten["teams"] = (_in_gemeente(Team.objects.order_by("naam", "pk"), user), TEAMS_MAX, None, None,
                                {"uren": _uren_per_team(user, peildatum)})
        return lijsten

    rijen = eerste_rijen_van(
        bronnen, model=Teamlid,
        # Built and compiled once per process (issue 17) from what the lists are built from: the user, the
        # gemeente, the roles (the mandaat register's, the teams' hours) and the day.
        sleutel=("organisatie.start", getattr(user, "pk", None), gemeente_of(user),
                 tuple(sorted(getattr(user, "rollen", ()))), teamuren, peildatum))
    return StartOrganisatie(
        leden=sorted(rijen["leden"], key=lambda lid: (lid.team.naam, lid.pk)),
        mandaten=sorted(rijen["mandaten"], key=lambda m: (-m.geldig_van.toordinal(), m.pk)),
        focuswijken=sorted(rijen["focuswijken"], key=lambda w: (w.naam, w.pk)),
        teams=sorted(rijen["teams"], key=lambda t: (t.naam, t.pk)) if teamuren else None,
    )


def _uren_per_team(user, peildatum: datetime.date):
    """A team's hours per week on `peildatum`: the sum over its memberships in force that day (teamleden_visible_to's
    rule, as uren_per_team sums them; 0 without any), as an expression on the team's row."""
    return Coalesce(
        Subquery(teamleden_visible_to(user, peildatum=peildatum).filter(team_id=OuterRef("pk")).order_by()
                 .values("team_id").annotate(s=Sum("uren_per_week")).values("s")),
        Value(Decimal(0)), output_field=DecimalField(max_digits=6, decimal_places=1))


def aandeel_inwoners(user, wijk: Wijk) -> float | None:
    """The wijk's share of the gemeente's inhabitants, in percent (one aggregate query)."""
    totaal = _in_gemeente(Wijk.objects.all(), user).aggregate(n=Sum("inwoners"))["n"]
    return round(wijk.inwoners * 100 / totaal, 1) if totaal else None


def contactpersonen_per_wijk(user) -> list[Wijk]:
    """The wijken with their active contact persons (focuswijk), for allocation by the bureaudienst: one query
    (issue 17), each wijk's `contactpersonen.all()` answered from it as if prefetched (their names only). The
    statement follows from the gemeente alone: compiled once per process (building it and a queryset per wijk
    was an eighth of the bureaudienst's start page)."""
    gemeente_id = gemeente_of(user)
    if gemeente_id is None:
        return []
    using = router.db_for_read(Wijk)
    velden = [f.attname for f in Wijk._meta.concrete_fields]
    sql, params = gecompileerd(("organisatie.contactpersonen_per_wijk", gemeente_id), lambda: (
        Wijk.objects.filter(gemeente_id=gemeente_id)
        .annotate(cp=FilteredRelation("contactpersonen", condition=Q(contactpersonen__is_active=True)))
        .order_by("naam", "pk", "cp__first_name", "cp__last_name", "cp__id")
        .values_list(*velden, "cp__id", "cp__first_name", "cp__last_name", "cp__username")), using)
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        rijen = cursor.fetchall()
    wijken: dict[int, Wijk] = {}
    personen: dict[int, list[Medewerker]] = {}
    n = len(velden)
    for rij in rijen:
        wijk = Wijk.from_db(using, velden, rij[:n])
        wijk = wijken.setdefault(wijk.pk, wijk)
        lijst = personen.setdefault(wijk.pk, [])
        cp_id, voornaam, achternaam, gebruiker = rij[n:]
        if cp_id is not None:
            lijst.append(Medewerker(pk=cp_id, first_name=voornaam, last_name=achternaam, username=gebruiker,
                                    is_active=True))
    # One empty queryset to copy: a further filter on a wijk's list finds nothing, never the whole table. Only
    # `contactpersonen.all()` (iterating, len, count, exists) answers from the list: .first(), .filter() and
    # .order_by() on it give nothing, so a caller that needs them reads the relation itself.
    geen = Medewerker.objects.none()
    for pk, wijk in wijken.items():
        gelezen = geen._chain()  # type: ignore[attr-defined]
        # Django has no public way to hand a relation its rows; these are the attributes prefetch_related
        # itself fills (pinned Django 5.2; the query-budget and contactpersonen tests fail if they change).
        gelezen._result_cache, gelezen._prefetch_done = personen[pk], True
        wijk._prefetched_objects_cache = {"contactpersonen": gelezen}  # type: ignore[attr-defined]
    return list(wijken.values())


def gemeente_totalen(wijken) -> dict:
    """Totals over a list of wijken (already fetched), for the overview's last row."""
    inwoners = sum(w.inwoners for w in wijken)
    zorgvragen = sum(w.zorgvragen for w in wijken)
    return {
        "inwoners": inwoners,
        "huishoudens": sum(w.huishoudens for w in wijken),
        "zorgvragen": zorgvragen,
        "zorgvragen_per_1000": round(zorgvragen * 1000 / inwoners, 1) if inwoners else None,
    }


def uren_per_team(user) -> dict[int, float]:
    """Current hours per week per team id, in one query."""
    vandaag = datetime.date.today()
    rows = (
        teamleden_visible_to(user, peildatum=vandaag)
        .order_by()
        .values("team_id")
        .annotate(uren=Sum("uren_per_week"))
    )
    return {r["team_id"]: float(r["uren"] or 0) for r in rows}


def huidige_teamleden(gemeente) -> QuerySet[Teamlid]:
    """Team memberships in force today (a gemeente or its id): who can be asked into a file now."""
    vandaag = datetime.date.today()
    return Teamlid.objects.filter(gemeente=gemeente, sinds__lte=vandaag).filter(
        Q(tot__isnull=True) | Q(tot__gte=vandaag)
    )


def team_ids_of(user) -> list[int]:
    """The teams the user belongs to today (the base of every team-scoped visible_to rule)."""
    if not getattr(user, "is_authenticated", False) or user.gemeente_id is None:
        return []
    cached = getattr(user, "_team_ids", None)
    if cached is None:
        vandaag = datetime.date.today()
        using = router.db_for_read(Teamlid)
        # Every request of a team member asks it: compiled once a day per user and process (issue 17).
        sql, params = gecompileerd(
            ("organisatie.team_ids_of", user.pk, user.gemeente_id, vandaag),
            lambda: Teamlid.objects.filter(medewerker=user, gemeente_id=user.gemeente_id, sinds__lte=vandaag)
            .filter(Q(tot__isnull=True) | Q(tot__gte=vandaag)).values_list("team_id"), using)
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            cached = [team_id for (team_id,) in cursor.fetchall()]
        user._team_ids = cached
    return cached


def vrije_voorzieningen(gemeente_id: int) -> QuerySet[Voorziening]:
    """The social map's freely accessible provisions of a gemeente, by name, with their organisation."""
    return (Voorziening.objects.filter(gemeente_id=gemeente_id, toegang=Toegankelijkheid.VRIJ)
            .select_related("organisatie").order_by("naam", "organisatie__naam"))


#: vrije_voorzieningen as choices, per gemeente, kept by the process for reads that may be seconds old (as a
#: replica read): every aanmelding form lists them, and reading them was a fortieth of the server's Python time
#: under load (issue 17). Forgotten when this process saves a provision or an organisation (organisatie/apps.py).
#: Names of provisions, not of people.
VRIJE_VOORZIENINGEN = KortGeheugen(64)


def vrije_voorzieningen_keuzes(gemeente_id: int) -> list[tuple[int, str]]:
    """(key, name with organisation) of vrije_voorzieningen, in that order."""
    keuzes = VRIJE_VOORZIENINGEN.geef((gemeente_id,))
    if keuzes is None:
        keuzes = [(v.pk, v.naam_met_organisatie) for v in vrije_voorzieningen(gemeente_id)]
        VRIJE_VOORZIENINGEN.bewaar((gemeente_id,), keuzes)
    return keuzes
