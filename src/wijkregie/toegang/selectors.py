"""Who sees which aanmelding and signaal, and which of their data (organisatie/toegangsbeleid.py).

An aanmelding's stage: `aanmelding` until a triage is recorded, then `triage`; once allocated, the
stage of its casus. The relations are the casus' (toegangsbeleid), with three of the toegang's own:
- whoever registered it (the KCC's relation): the question while it is at the front, then only who;
- the bureaudienst: every aanmelding of the gemeente in its queue, with triage and consent;
- the gedragswetenschapper: every acute or unsafe aanmelding of the gemeente, at once (issue 3), as a
  consulent.
Signalen (not yet about a file): the bureaudienst all of them, the KCC the open ones and its own,
others what they registered. Policy and privacy officers: none. Other gemeenten: none.
"""

from __future__ import annotations

import copy
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from wijkregie.casus.selectors import (
    _RELATIE_NAMEN,
    ALLEEN_IN_DE_CASUS,
    _relatie_ids,
    beleid_invoer,
    beleid_teams,
    casus_betrekkingen,
    statussen_in,
    team_toestemming_ids,
)
from wijkregie.casus.toestemming import casus_team_toestemming_q
from wijkregie.core.access import Ids, gemeente_of, id_in, per_verzoek
from wijkregie.core.querying import KortGeheugen, gecompileerd
from wijkregie.organisatie.models import Rol
from wijkregie.organisatie.toegangsbeleid import ZORGROLLEN, Betrekking, Gegevens, Stadium, stadia_voor

from .models import Aanmelding, AanmeldingStatus, Signaal, SignaalStatus, Urgentie, Veiligheid

ALARM = Q(triage__urgentie=Urgentie.ACUUT) | Q(triage__veiligheid__in=[Veiligheid.JA, Veiligheid.TWIJFEL])
_VOOR_TOEDELING = [AanmeldingStatus.NIEUW, AanmeldingStatus.BUREAUDIENST, AanmeldingStatus.VOORKANT]
#: The bureaudienst's queue: waiting for allocation (what was answered at the front is not).
_IN_WACHTRIJ = [AanmeldingStatus.NIEUW, AanmeldingStatus.BUREAUDIENST]


def stadium_q(stadium: str) -> Q:
    """The aanmeldingen at this stage of the route."""
    if stadium == Stadium.AANMELDING:
        return Q(status__in=_VOOR_TOEDELING, triage__isnull=True)
    if stadium == Stadium.TRIAGE:
        return Q(status__in=_VOOR_TOEDELING, triage__isnull=False)
    toegedeeld = Q(status=AanmeldingStatus.TOEGEDEELD, casus__status__in=statussen_in([stadium]))
    if stadium == Stadium.TOEGEDEELD:
        toegedeeld |= Q(status=AanmeldingStatus.TOEGEDEELD, casus__isnull=True)
    return toegedeeld


def stadium_van(aanmelding: Aanmelding) -> str:
    from wijkregie.casus.selectors import STADIUM_VAN_STATUS

    if aanmelding.status != AanmeldingStatus.TOEGEDEELD:
        return Stadium.TRIAGE if hasattr(aanmelding, "triage") else Stadium.AANMELDING
    return STADIUM_VAN_STATUS[aanmelding.casus.status] if aanmelding.casus is not None else Stadium.TOEGEDEELD


def _zonder_casus_met_toestemming(user, teams) -> list[int]:
    cache = per_verzoek(user, "_aanmelding_toestemming_ids")
    sleutel = tuple(sorted(teams))
    if sleutel not in cache:
        using = router.db_for_read(Aanmelding)
        vandaag = timezone.localdate()
        # The same for every member of the teams, asked on almost every page: a page that only reads may take it
        # as a replica read would, up to REPLICA_MAX_LAG seconds old, from this process's memory, as the teams'
        # consented casussen (casus.selectors.TEAM_TOESTEMMING; issue 17: a tenth of the database's time).
        gedeeld_sleutel = (using, user.gemeente_id, sleutel, vandaag)
        gedeeld = TEAM_AANMELDINGEN.geef(gedeeld_sleutel)
        if gedeeld is None:
            # The statement follows from the gemeente, the teams and today's date: compiled once a day per process.
            sql, params = gecompileerd(
                ("toegang._zonder_casus_met_toestemming", user.gemeente_id, sleutel, vandaag),
                lambda: Aanmelding.objects.filter(gemeente_id=user.gemeente_id, team_id__in=sleutel,
                                                  casus__isnull=True)
                .filter(casus_team_toestemming_q(hoofdpersoon="persoon")).order_by().values_list("pk", flat=True),
                using)
            with connections[using].cursor() as cursor:
                cursor.execute(sql, params)
                gedeeld = [pk for (pk,) in cursor.fetchall()]
            TEAM_AANMELDINGEN.bewaar(gedeeld_sleutel, gedeeld, delen=using == DEFAULT_DB_ALIAS)
        cache[sleutel] = gedeeld
    return cache[sleutel]


#: The teams' consented aanmeldingen without a casus, per gemeente, teams and day, for reads that may be seconds
#: old (above), shared by the server's processes. Forgotten whenever this process writes what the rule reads
#: (toegang/apps.py).
TEAM_AANMELDINGEN = KortGeheugen(gedeeld="toegang.team_aanmeldingen")


def aanmelding_betrekkingen(user) -> dict[str, Q]:
    relaties = casus_betrekkingen(user, prefix="casus__")
    if not relaties:
        return {}
    for betrekking in ALLEEN_IN_DE_CASUS:  # break-the-glass: the casus' pages only, never the aanmelding's
        relaties.pop(betrekking, None)
    relaties[Betrekking.KCC] = Q(geregistreerd_door=user)
    relaties[Betrekking.REGISSEUR] = relaties[Betrekking.REGISSEUR] | Q(medewerker=user)
    teams = beleid_teams(user)
    if teams:
        relaties[Betrekking.TEAM_ZONDER_TOESTEMMING] = Q(team_id__in=teams)
        # The consent of the casus the aanmelding belongs to (its household's members); without a casus
        # (historical imports), of its own resident and household. Both read once per request.
        relaties[Betrekking.TEAM_MET_TOESTEMMING] = Q(team_id__in=teams) & (
            id_in("casus__pk", team_toestemming_ids(user, teams))
            | id_in("pk", _zonder_casus_met_toestemming(user, teams)))
        if user.heeft_rol(Rol.TEAMLEIDER):
            relaties[Betrekking.TEAMLEIDER] = Q(team_id__in=teams)
    if user.heeft_rol(Rol.GEDRAGSWETENSCHAPPER):
        relaties[Betrekking.CONSULENT] = relaties[Betrekking.CONSULENT] | ALARM
    return relaties


def aanmelding_beleid_invoer(user) -> tuple:
    """Everything aanmelding_betrekkingen builds this user's conditions from (casus.selectors.beleid_invoer,
    and the ids of the team's consented aanmeldingen without a casus): a key for a statement kept per process."""
    teams = beleid_teams(user)
    return beleid_invoer(user), (tuple(_zonder_casus_met_toestemming(user, teams)) if teams else ())


def aanmelding_beleid_vorm(user, using: str) -> tuple[tuple, dict, Callable[[dict], object]] | None:
    """The inputs of aanmelding_beleid_invoer split in two, for a statement kept per process by its shape
    (core.querying.eerste_rijen_van with `invullen`): what shapes the statements built from them (the gemeente,
    the roles, how many teams, which id lists hold ids) and the values filled in at each use (the user, the
    teams, the ids of the user's relations and of the teams' consented files and aanmeldingen). A user's first
    start page in a server process built and compiled the statement for that user alone (issue 17: 147 ms
    against 53 ms for the second); now it fills in one that any user of the same shape compiled.

    Returns (shape, values, bouw): `bouw(values)` is the user as the policy reads them, with those values (the
    stand-ins, or with settings.GECOMPILEERD_CONTROLE the real ones, which must build the same statement as the
    user itself: the tests compare every use). None where an id list is a parameter per id (not PostgreSQL), so
    its length shapes the statement, or where the policy reads nothing of the user (no gemeente or care role)."""
    if connections[using].vendor != "postgresql" or gemeente_of(user) is None or not user.heeft_rol(*ZORGROLLEN):
        return None
    teams = list(beleid_teams(user))
    lijsten: dict[str, list[int]] = {}
    if teams:
        relaties = _relatie_ids(user, teams)
        lijsten = {f"relatie_{naam}": relaties[naam] for naam in _RELATIE_NAMEN}
        lijsten["aanmeldingen"] = _zonder_casus_met_toestemming(user, teams)
    rollen = user.rollen  # read (and kept on the user) before it is copied: a copy must not ask the database
    vorm = (user.gemeente_id, tuple(sorted(rollen)), len(teams), tuple(sorted(n for n, ids in lijsten.items() if ids)))
    invullen: dict = {"gebruiker": user.pk, **{f"team_{i}": team for i, team in enumerate(teams)},
                      **{naam: Ids(ids) for naam, ids in lijsten.items() if ids}}

    def lijst(waarden: dict, naam: str) -> list[int]:
        return list(waarden[naam].ids) if naam in waarden else []

    def bouw(waarden: dict):
        ander = copy.copy(user)  # the same gemeente and roles; none of this request's answers about the user
        for sleutel in [k for k in ander.__dict__ if isinstance(k, tuple)]:  # core.access.per_verzoek's caches
            del ander.__dict__[sleutel]
        ander.pk = waarden["gebruiker"]
        ander._team_ids = [waarden[f"team_{i}"] for i in range(len(teams))]
        if ander._team_ids:
            sleutel = tuple(sorted(ander._team_ids))
            per_verzoek(ander, "_relatie_ids")[sleutel] = {naam: lijst(waarden, f"relatie_{naam}")
                                                          for naam in _RELATIE_NAMEN}
            per_verzoek(ander, "_aanmelding_toestemming_ids")[sleutel] = lijst(waarden, "aanmeldingen")
        return ander

    return vorm, invullen, bouw


def stadia_q(stadia) -> Q:
    """The aanmeldingen at any of these stages, in as few conditions as possible (the query is built on
    every page: a smaller tree compiles faster and reads simpler)."""
    stadia = set(stadia)
    delen = []
    if {Stadium.AANMELDING, Stadium.TRIAGE} <= stadia:
        delen.append(Q(status__in=_VOOR_TOEDELING))
    elif Stadium.AANMELDING in stadia or Stadium.TRIAGE in stadia:
        delen.append(Q(status__in=_VOOR_TOEDELING, triage__isnull=Stadium.AANMELDING in stadia))
    statussen = statussen_in(stadia)
    if statussen:
        delen.append(Q(status=AanmeldingStatus.TOEGEDEELD, casus__status__in=statussen))
    if Stadium.TOEGEDEELD in stadia:
        delen.append(Q(status=AanmeldingStatus.TOEGEDEELD, casus__isnull=True))
    result = Q(pk__in=[])
    for deel in delen:
        result |= deel
    return result


def aanmelding_beleid_q(user, soort: str) -> Q | None:
    """The condition 'this user may see `soort` of this aanmelding' (None: nothing), built once per
    request and kind: relations with the same stages share one condition."""
    cache = per_verzoek(user, "_aanmelding_beleid")
    if soort in cache:
        return cache[soort]
    per_stadia: dict[frozenset, Q] = {}
    for betrekking, q in aanmelding_betrekkingen(user).items():
        stadia = frozenset(stadia_voor(betrekking, soort))
        if stadia:
            per_stadia[stadia] = per_stadia[stadia] | q if stadia in per_stadia else q
    condition = None
    for stadia, q in per_stadia.items():
        part = q & stadia_q(stadia)
        condition = part if condition is None else condition | part
    cache[soort] = condition
    return condition


def aanmeldingen_visible_to(user, soort: str = Gegevens.VRAAG) -> QuerySet[Aanmelding]:
    """The aanmeldingen of which this user may see `soort` (default: the question)."""
    condition = aanmelding_beleid_q(user, soort)
    if condition is None:
        return Aanmelding.objects.none()
    return Aanmelding.objects.filter(condition, gemeente_id=user.gemeente_id).select_related(
        "persoon", "team", "medewerker", "triage", "voorziening", "casus"
    )


def aanmelding_toont(user, pk: int, *soorten: str) -> frozenset[str]:
    """Which of `soorten` (Gegevens) of aanmelding `pk` this user may see: the policy's answer for one
    aanmelding, as `aanmeldingen_visible_to(user, soort).filter(pk=pk).exists()` for each kind, in one statement.
    The statement is kept per process for the shape of the policy's inputs (aanmelding_beleid_vorm), the kinds
    and the day, the key and the inputs filled in at each use (core.querying.eerste_rijen_van): building the
    policy's conditions after every registration was 3,6 % of the server's Python time under load (issue 17).
    toegang/tests/test_aanmelding_toont.py compares it with the queryset for every persona, stage and kind."""
    from wijkregie.core.querying import eerste_rijen_van

    def bronnen(gebruiker, aanmelding_id) -> dict[str, tuple]:
        # A kind the policy shows this user of no aanmelding at all asks nothing.
        return {soort: (Aanmelding.objects.filter(aanmelding_beleid_q(gebruiker, soort), pk=aanmelding_id,
                                                  gemeente_id=gebruiker.gemeente_id).order_by(), 1, ())
                for soort in soorten if aanmelding_beleid_q(gebruiker, soort) is not None}

    if not any(aanmelding_beleid_q(user, soort) is not None for soort in soorten):
        return frozenset()  # the policy shows this user none of these kinds of any aanmelding: nothing to ask
    vorm = aanmelding_beleid_vorm(user, router.db_for_read(Aanmelding))
    if vorm is None:
        rijen = eerste_rijen_van(bronnen(user, pk))
    else:
        vormsleutel, invullen, bouw = vorm
        rijen = eerste_rijen_van(
            lambda aanmelding_id, **waarden: bronnen(bouw(waarden), aanmelding_id), model=Aanmelding,
            sleutel=("toegang.aanmelding_toont", soorten, timezone.localdate(), *vormsleutel),
            invullen={**invullen, "aanmelding_id": pk}, zelf=lambda: bronnen(user, pk))
    return frozenset(soort for soort, gevonden in rijen.items() if gevonden)


def personen_via_aanmelding_q(user, soort: str) -> Q | None:
    condition = aanmelding_beleid_q(user, soort)
    if condition is None:
        return None
    # Asked per resident (EXISTS), not as the set of every resident of every visible aanmelding: the same
    # rows, without PostgreSQL building the whole set for the few residents a page is about (issue 17).
    return Q(Exists(Aanmelding.objects.filter(condition, gemeente_id=user.gemeente_id, persoon_id=OuterRef("pk"))))


def signalen_visible_to(user) -> QuerySet[Signaal]:
    gemeente_id = gemeente_of(user)
    if gemeente_id is None or not user.heeft_rol(*ZORGROLLEN):
        return Signaal.objects.none()
    qs = Signaal.objects.filter(gemeente_id=gemeente_id).select_related("persoon", "geregistreerd_door")
    if user.heeft_rol(Rol.BUREAUDIENST):
        return qs
    if user.heeft_rol(Rol.KCC):
        return qs.filter(Q(status=SignaalStatus.OPEN) | Q(geregistreerd_door=user))
    return qs.filter(geregistreerd_door=user)


def _urgentie_rang():
    return Case(
        When(triage__urgentie=Urgentie.ACUUT, then=Value(0)),
        When(triage__veiligheid__in=[Veiligheid.JA, Veiligheid.TWIJFEL], then=Value(1)),
        When(triage__urgentie=Urgentie.HOOG, then=Value(2)),
        # Not yet triaged comes before 'normaal': it may turn out to be urgent.
        When(triage__isnull=True, then=Value(3)),
        default=Value(4), output_field=IntegerField(),
    )


def bureaudienst_wachtrij(user) -> QuerySet[Aanmelding]:
    """Unallocated aanmeldingen, most urgent and then oldest first."""
    return (
        aanmeldingen_visible_to(user)
        .filter(status__in=_IN_WACHTRIJ)
        .annotate(rang=_urgentie_rang())
        .order_by("rang", "ontvangen_op")
    )


def aantal_in_wachtrij(user) -> int:
    """How many aanmeldingen of the user's gemeente wait for allocation: a count, no record read."""
    gemeente_id = gemeente_of(user)
    if gemeente_id is None:
        return 0
    return Aanmelding.objects.filter(gemeente_id=gemeente_id, status__in=_IN_WACHTRIJ).count()


#: How many of the bureaudienst's queue its start page shows.
WACHTRIJ_BEGIN = 5


def wachtrij_bron(user, aantal: int = WACHTRIJ_BEGIN) -> tuple:
    """The first of the bureaudienst's queue as one list of core.querying.eerste_rijen_van: the start page reads
    it in the werkvoorraad's statement, which is kept compiled (issue 17: building and compiling the queue's
    policy on every start page was 3,6 % of the server's Python time under load). Each row carries its rank
    and the length of the whole queue (a count over the queue, not over the rows shown). A list reads what it
    shows (docs/toegangsbeleid.md): when it came in and for whom, by name; not the question, the BSN or the
    address."""
    from django.db.models import Count, Subquery

    from wijkregie.inwoners.models import Persoon

    wachtend = aanmeldingen_visible_to(user).filter(status__in=_IN_WACHTRIJ)
    lengte = Subquery(wachtend.order_by().values("gemeente_id").annotate(n=Count("pk")).values("n"),
                      output_field=IntegerField())
    return (bureaudienst_wachtrij(user).order_by("rang", "ontvangen_op", "pk"), aantal,
            ("ontvangen_op", "anoniem_naam", "persoon_id"), {"persoon": Persoon.NAAM_VELDEN},
            {"rang": _urgentie_rang(), "wachtrij_aantal": lengte})


def wachtrij_uit(rijen: list[Aanmelding]) -> tuple[list[Aanmelding], int]:
    """wachtrij_bron's rows in the queue's order, and the length of the whole queue."""
    rijen = sorted(rijen, key=lambda a: (a.rang, a.ontvangen_op, a.pk))  # type: ignore[attr-defined]
    return rijen, rijen[0].wachtrij_aantal if rijen else 0  # type: ignore[attr-defined]


def wachtrij_begin(user, aantal: int = WACHTRIJ_BEGIN) -> tuple[list[Aanmelding], int]:
    """The first of the bureaudienst's queue and the length of the whole queue, in one query (wachtrij_bron; the
    start page reads them with its werkvoorraad, regie.selectors.werkvoorraad)."""
    from wijkregie.core.querying import eerste_rijen_van

    return wachtrij_uit(eerste_rijen_van({"wachtrij": wachtrij_bron(user, aantal)})["wachtrij"])


def alarmen_visible_to(user) -> QuerySet[Aanmelding]:
    """Acute or unsafe aanmeldingen without a first contact yet: shown at once on the start page."""
    return aanmeldingen_visible_to(user, Gegevens.TRIAGE).filter(ALARM, eerste_contact_op__isnull=True).exclude(
        status=AanmeldingStatus.VOORKANT
    ).order_by("ontvangen_op")


@dataclass
class Wachtlijst:
    team: object
    wachtend: int
    mediaan_dagen: float | None
    langste_dagen: float | None


def wachtlijst_teams(user, teams) -> list:
    """The teams whose waiting list the user is shown: every team to the bureaudienst, which allocates to all of
    them; anyone else the teams they work in, where the policy lets them count every waiting aanmelding (a team of
    which one sees only part would show a count that is not the team's)."""
    if user.has_perm("toegang.toedelen"):
        return list(teams)
    eigen = set(beleid_teams(user))
    return [team for team in teams if team.pk in eigen]


def wachtlijst_per_team(user, teams) -> list[Wachtlijst]:
    """How many wait for a first contact per team, and how long (median and longest, in days).

    Only the receive times are read (one query), never the records themselves; counted over the aanmeldingen of
    which the user may know who waits (identity), so a teamleider, who may not read the questions, counts too.
    """
    now = timezone.now()
    rows = (
        aanmeldingen_visible_to(user, Gegevens.IDENTITEIT)
        .filter(status=AanmeldingStatus.TOEGEDEELD, eerste_contact_op__isnull=True, team__in=teams)
        .values_list("team_id", "ontvangen_op")
    )
    per_team: dict[int, list[float]] = {}
    for team_id, ontvangen in rows:
        per_team.setdefault(team_id, []).append((now - ontvangen).total_seconds() / 86400)
    result = []
    for team in teams:
        dagen = per_team.get(team.pk, [])
        result.append(Wachtlijst(
            team=team, wachtend=len(dagen),
            mediaan_dagen=round(statistics.median(dagen), 1) if dagen else None,
            langste_dagen=round(max(dagen), 1) if dagen else None,
        ))
    return result
