"""Who sees which casus, and which of its data: the access policy's table (organisatie/toegangsbeleid.py)
turned into one queryset.

A user's relations (betrekkingen) with a casus, each a condition on Casus:
- regisseur: the medewerker the casus is allocated to, or who holds its open regie;
- team colleague, with or without the household's consent to discuss it in the team (every member's
  team consent in force today, by the age rules of casus/toestemming.py);
- teamleider of the casus' team; consulent: asked for a consult about this casus;
- KCC: registered the aanmelding that became this casus; bureaudienst and backoffice: the gemeente;
- noodtoegang: opened by this medewerker with a reason (break-the-glass), until its time is up.
Each relation shows the kinds of data the table gives it at the casus' stage; nobody sees another
gemeente's casussen. Child models of a casus (plan, regie, contactmomenten) ask the same rule through
`CasusGebondenQuerySet.zichtbaar_voor(user, soort)` (casus/models.py), so this is the one rule.
"""

from __future__ import annotations

from typing import NoReturn

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Now
from django.utils import timezone

from wijkregie.core.access import gemeente_of, id_in, per_verzoek, sleutel_uit
from wijkregie.core.querying import KortGeheugen, eerste_rijen_van, gecompileerd
from wijkregie.inwoners.models import Lidmaatschap
from wijkregie.organisatie.models import Rol
from wijkregie.organisatie.selectors import team_ids_of
from wijkregie.organisatie.toegangsbeleid import (
    TEAMROLLEN,
    ZORGROLLEN,
    Betrekking,
    Gegevens,
    Stadium,
    stadia_voor,
)

from .models import Casus, Status, Toestemming
from .toestemming import casus_team_toestemming_q

#: The stage of the route for each casus status.
STADIUM_VAN_STATUS: dict[str, str] = {
    Status.AANGEMELD: Stadium.TOEGEDEELD,
    Status.IN_TRIAGE: Stadium.TOEGEDEELD,
    Status.VRAAGVERHELDERING: Stadium.TOEGEDEELD,
    Status.PLAN: Stadium.PLAN,
    Status.UITVOERING: Stadium.UITVOERING,
    Status.AFGESCHAALD: Stadium.AFGESCHAALD,
    Status.AFGESLOTEN: Stadium.AFGESLOTEN,
}


def statussen_in(stadia) -> list[str]:
    return [status for status, stadium in STADIUM_VAN_STATUS.items() if stadium in stadia]


def casus_betrekkingen(user, prefix: str = "") -> dict[str, Q]:
    """The user's relations with a casus as conditions, on Casus or (with `prefix`, e.g. "casus__")
    on a model that points to one. Empty for anyone outside the gemeente's casework roles."""
    if gemeente_of(user) is None or not user.heeft_rol(*ZORGROLLEN):
        return {}
    cache = per_verzoek(user, "_casus_betrekkingen")
    if prefix not in cache:
        cache[prefix] = _casus_betrekkingen(user, prefix)
    return dict(cache[prefix])


def beleid_teams(user) -> list[int]:
    """The teams whose relations the policy counts for this user: a team role's teams today, none otherwise."""
    return team_ids_of(user) if user.heeft_rol(*TEAMROLLEN) else []


def beleid_invoer(user) -> tuple:
    """Everything casus_betrekkingen builds this user's conditions from, as one hashable value: the user, the
    gemeente, the roles, the teams and the ids of the user's own relations and of the team's consented casussen
    (read once per request: no query more than the page's lists make). A statement built from the policy and
    compiled once per process (core.querying.gecompileerd, eerste_rijen_van with a key) holds this in its
    key; the tests build every kept statement again and compare (settings.GECOMPILEERD_CONTROLE)."""
    if gemeente_of(user) is None or not user.heeft_rol(*ZORGROLLEN):
        return (user.pk, None)
    teams = beleid_teams(user)
    ids = _relatie_ids(user, teams) if teams else {}
    return (user.pk, user.gemeente_id, tuple(sorted(user.rollen)), tuple(sorted(teams)),
            tuple((naam, tuple(ids[naam])) for naam in _RELATIE_NAMEN if naam in ids))


def team_toestemming_ids(user, teams) -> list[int]:
    """The open casussen of the user's teams that every member consents to discuss in the team, read once
    per request (the user object lives for one request): the consent rule is a large expression, and
    compiling it into every list of a page cost more than the lists themselves (a start page 65 → 175 ms
    on the demo). Closed casussen are left out: the policy gives team colleagues nothing there."""
    return _relatie_ids(user, teams)[Betrekking.TEAM_MET_TOESTEMMING]


def _eigen_relaties(user) -> dict[str, QuerySet]:
    """The casussen the user holds a relation of their own with, each as a query of casus ids."""
    # Models above casus are looked up by name: they add relations, casus does not import them.
    regie = apps.get_model("regie", "Regie")
    consult = apps.get_model("plan", "Consult")
    aanmelding = apps.get_model("toegang", "Aanmelding")
    noodtoegang = apps.get_model("privacy", "Noodtoegang")
    result = {
        Betrekking.REGISSEUR: regie.objects.filter(medewerker=user, tot__isnull=True),
        # Asked for a consult: while it runs, not for good after the advice is given.
        Betrekking.CONSULENT: consult.objects.filter(gemeente_id=user.gemeente_id, gevraagd_aan=user,
                                                     advies_op__isnull=True),
        # Registered the question that opened the casus (registered before it was opened): a later question
        # that joined the household's running casus gives its registrar no view of the whole file.
        Betrekking.KCC: aanmelding.objects.filter(geregistreerd_door=user,
                                                  geregistreerd_op__lte=F("casus__geopend_op")),
    }
    if user.heeft_rol(*TEAMROLLEN):
        # Break-the-glass (privacy/noodtoegang.py): a casus opened with a reason, until its time is up.
        # "Now" is the database's clock: the statement is the same all day (_relatie_ids compiles it once).
        result[Betrekking.NOODTOEGANG] = noodtoegang.objects.filter(gemeente_id=user.gemeente_id, medewerker=user,
                                                                    van__lte=Now(), tot__gt=Now())
    return {naam: qs.order_by().values("casus_id") for naam, qs in result.items()}


def _relatie_ids(user, teams) -> dict[str, list[int]]:
    """For a member of teams: the ids of the casussen of each of their own relations and of the team's
    consented casussen, in one query, once per request. Literal ids keep every policy condition of the
    page free of subqueries: PostgreSQL hashed each one over the whole gemeente for every list, and an
    id list is what the consent rule needed anyway (issue 17)."""
    cache = per_verzoek(user, "_relatie_ids")
    sleutel = tuple(sorted(teams))
    if sleutel not in cache:
        using = router.db_for_read(Casus)
        vandaag = timezone.localdate()
        # The team's consented casussen are the same for every member and were half the database's time per
        # request (issue 17): a page that only reads may take them as a replica read would, up to
        # REPLICA_MAX_LAG seconds old, from this process's memory (TEAM_TOESTEMMING). What is derived from
        # such an answer stays apart in the request (per_verzoek), from what guards a write.
        gedeeld_sleutel = (using, user.gemeente_id, sleutel, vandaag)
        gedeeld = TEAM_TOESTEMMING.geef(gedeeld_sleutel)
        met_team = gedeeld is None
        # The statement follows from the user, their teams and roles and today's date only: compiled once
        # a day per process (core.querying.gecompileerd), read on every request.
        sql, params = gecompileerd(
            ("casus._relatie_ids", met_team, user.pk, user.gemeente_id, sleutel, user.heeft_rol(*TEAMROLLEN),
             vandaag), lambda: _relaties_union(user, sleutel, met_team=met_team), using)
        ids: dict[str, list[int]] = {}
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            for naam, casus_id in cursor.fetchall():
                ids.setdefault(naam, [])
                if casus_id is not None:
                    ids[naam].append(casus_id)
        if gedeeld is None:
            TEAM_TOESTEMMING.bewaar(gedeeld_sleutel, ids.get(Betrekking.TEAM_MET_TOESTEMMING, []),
                                    delen=using == DEFAULT_DB_ALIAS)
        else:
            ids[Betrekking.TEAM_MET_TOESTEMMING] = gedeeld
        cache[sleutel] = {naam: ids.get(naam, []) for naam in _RELATIE_NAMEN}
    return cache[sleutel]


#: The teams' consented casussen, per gemeente, teams and day, for reads that may be seconds old (above).
#: Shared by the server's processes (one read per team every few seconds, not one per process). Forgotten
#: whenever this process writes what the consent rule reads (casus/apps.py); another process's write counts
#: here after REPLICA_MAX_LAG seconds at most, as it would on a replica.
TEAM_TOESTEMMING = KortGeheugen(gedeeld="casus.team_toestemming")


#: The parts of _relatie_ids' answer (NOODTOEGANG only for team roles: empty otherwise).
_RELATIE_NAMEN = (Betrekking.REGISSEUR, Betrekking.CONSULENT, Betrekking.KCC, Betrekking.NOODTOEGANG,
                  Betrekking.TEAM_MET_TOESTEMMING)


def _relaties_union(user, teams, *, met_team: bool = True):
    """_relatie_ids' one statement: each relation's casus ids, tagged with the relation's name (with `met_team`,
    the team's consented casussen too)."""
    delen = {naam: qs.values_list("casus_id") for naam, qs in _eigen_relaties(user).items()}
    if met_team:
        delen[Betrekking.TEAM_MET_TOESTEMMING] = (
            Casus.objects.filter(gemeente_id=user.gemeente_id, team_id__in=teams).exclude(status=Status.AFGESLOTEN)
            .filter(casus_team_toestemming_q()).order_by().values_list("pk"))
    # Each part tagged as a constant column, the parts put together in one UNION ALL (as a queryset, so that
    # gecompileerd compiles it like any other).
    eerste, *overige = [qs.annotate(_naam=Value(naam)).values_list("_naam", qs.query.values_select[0])
                        for naam, qs in delen.items()]
    return eerste.union(*overige, all=True)


def _casus_betrekkingen(user, prefix: str) -> dict[str, Q]:
    pk = f"{prefix}pk" if prefix else "pk"
    # "Every casus of the gemeente" is a condition that always holds, never an empty Q(): Django drops an
    # empty Q from an OR (Q() | q is q), so where it shared its stages with another relation it gave nothing.
    # On the queried model's own key, not through `prefix`: an aanmelding without a casus yet is in it too.
    alle = Q(pk__isnull=False)
    teams = beleid_teams(user)
    # A team member's own relations as ids read once (with the team's consent, no query more); anyone else's
    # as subqueries.
    if teams:
        ids = _relatie_ids(user, teams)
        eigen = {naam: id_in(pk, ids[naam]) for naam in ids}
    else:
        eigen = {naam: Q(**{f"{pk}__in": qs}) for naam, qs in _eigen_relaties(user).items()}
    result: dict[str, Q] = {
        Betrekking.REGISSEUR: Q(**{f"{prefix}medewerker": user}) | eigen[Betrekking.REGISSEUR],
        Betrekking.CONSULENT: eigen[Betrekking.CONSULENT],
        Betrekking.KCC: eigen[Betrekking.KCC],
    }
    if teams:
        in_team = Q(**{f"{prefix}team_id__in": teams})
        result[Betrekking.TEAM_ZONDER_TOESTEMMING] = in_team
        # Every member whose data the file holds consents (by the age rules), not only the hoofdpersoon.
        result[Betrekking.TEAM_MET_TOESTEMMING] = in_team & eigen[Betrekking.TEAM_MET_TOESTEMMING]
        if user.heeft_rol(Rol.TEAMLEIDER):
            result[Betrekking.TEAMLEIDER] = in_team
    if Betrekking.NOODTOEGANG in eigen:
        result[Betrekking.NOODTOEGANG] = eigen[Betrekking.NOODTOEGANG]
    if user.heeft_rol(Rol.BUREAUDIENST):
        result[Betrekking.BUREAUDIENST] = alle
    if user.heeft_rol(Rol.BACKOFFICE):
        result[Betrekking.BACKOFFICE] = alle
    return result


def casus_beleid_q(user, soort: str, prefix: str = "", via=None) -> Q | None:
    """The condition 'this user may see `soort` of this casus', or None for nothing at all; with `via`,
    only through those relations (e.g. who may change the file, not just read it)."""
    cache = per_verzoek(user, "_casus_beleid") if getattr(user, "is_authenticated", False) else {}
    sleutel = (soort, prefix, frozenset(via) if via is not None else None)
    if sleutel in cache:
        return cache[sleutel]
    # Relations with the same stages share one condition: a smaller tree, built once per request.
    per_statussen: dict[tuple, Q] = {}
    for betrekking, q in casus_betrekkingen(user, prefix).items():
        if via is not None and betrekking not in via:
            continue
        statussen = tuple(statussen_in(stadia_voor(betrekking, soort)))
        if statussen:
            per_statussen[statussen] = per_statussen[statussen] | q if statussen in per_statussen else q
    condition = None
    for statussen, q in per_statussen.items():
        part = q & Q(**{f"{prefix}status__in": list(statussen)})
        condition = part if condition is None else condition | part
    cache[sleutel] = condition
    return condition


#: Who works in the file (changes plan, ZRM, regie, evaluations): not a consulent, not the teamleider as such.
WERKT_IN_DOSSIER = frozenset({Betrekking.REGISSEUR, Betrekking.TEAM_MET_TOESTEMMING})


def casussen_visible_to(user, soort: str = Gegevens.PLAN, via=None) -> QuerySet[Casus]:
    """The casussen of which this user may see `soort` (default: the file itself, plan and ZRM);
    with `via`, only through those relations."""
    condition = casus_beleid_q(user, soort, via=via)
    if condition is None:
        return Casus.objects.none()
    return Casus.objects.filter(condition, gemeente_id=user.gemeente_id).select_related(
        "team", "huishouden", "hoofdpersoon", "medewerker"
    )


def casus_zichtbaar(user, pk, soort: str = Gegevens.PLAN, via=None) -> QuerySet[Casus]:
    """casussen_visible_to(user, soort, via) for the one casus `pk`, for get_visible_or_404: the casus by its key
    when the policy shows it (casus_toont), nothing otherwise.

    The policy's whole condition compiled into a casus page's first statement was a tenth of the timeline's Python
    time (issue 17). relaties_met's row, which the page's rules and audit ground read anyway (once per request),
    decides the same by the same rules (casus/tests/test_casus_toont.py compares it with the condition), and the
    casus is then read by its key alone."""
    try:
        casus_id = int(pk)
    except (TypeError, ValueError):
        return Casus.objects.none()
    if not casus_toont(user, casus_id, soort, via=via):
        return Casus.objects.none()
    return Casus.objects.filter(gemeente_id=user.gemeente_id).select_related(*CASUS_MET)


#: What a casus page shows of the casus besides its own fields (casus_zichtbaar's select_related).
CASUS_MET = ("team", "huishouden", "hoofdpersoon", "medewerker")


def casus_gelezen(user, pk, soort: str = Gegevens.PLAN, via=None) -> Casus:
    """`get_visible_or_404(casus_zichtbaar(user, pk, soort, via), pk=pk)` for a page that only reads the casus
    (a GET): the same casus with its team, household, hoofdpersoon and medewerker, or 404 with the refusal
    audited. Compiling the casus' statement with its four related objects, for one key, was a seventh of the
    timeline's Python time under load (issue 17): the statement is kept per process per gemeente, the key
    filled in (core.querying.eerste_rijen_van). Every field is read, as the queryset reads them; the instance is
    not for saving (a writing view uses casus_zichtbaar)."""
    casus_id = sleutel_uit(pk)
    if casus_id is None or not casus_toont(user, casus_id, soort, via=via):
        _niet_getoond(user, pk)
    gemeente_id = user.gemeente_id
    rijen = eerste_rijen_van(
        lambda casus_id: {"casus": (Casus.objects.filter(gemeente_id=gemeente_id, pk=casus_id).order_by(), 1, None,
                                    CASUS_MET)},
        sleutel=("casus.gelezen", gemeente_id), model=Casus, invullen={"casus_id": casus_id})["casus"]
    if not rijen:  # removed since its relations were read
        _niet_getoond(user, pk)
    return rijen[0]


def _niet_getoond(user, pk) -> NoReturn:
    """404, the refusal audited when the casus exists (what get_visible_or_404 does for a queryset without it)."""
    from django.http import Http404

    from wijkregie.core.access import get_visible_or_404

    get_visible_or_404(Casus.objects.none(), audit_actor=user, pk=pk)
    raise Http404  # not reached: an empty queryset finds nothing, and get_visible_or_404 raises


#: The legal ground named in the audit trail for each relation (NEN 7513 behandelrelatie / toestemming).
GRONDSLAG = {
    Betrekking.REGISSEUR: "behandelrelatie: regisseur of toegewezen medewerker",
    Betrekking.TEAM_MET_TOESTEMMING: "toestemming: bespreken in het wijkteam",
    Betrekking.CONSULENT: "consult gevraagd",
    Betrekking.TEAMLEIDER: "rol: teamleider van het team",
    Betrekking.BUREAUDIENST: "rol: bureaudienst",
    Betrekking.KCC: "rol: registreerde de vraag",
    Betrekking.BACKOFFICE: "rol: backoffice",
    Betrekking.TEAM_ZONDER_TOESTEMMING: "rol: teamlid (vraag oppakken)",
    # Weakest: only when no other relation gives the data (privacy/noodtoegang.py).
    Betrekking.NOODTOEGANG: "noodtoegang",
}


def relaties_met(user, casus) -> tuple[str, frozenset[str]] | None:
    """(status, relations) of one casus (or its id) for this user: which betrekkingen hold, whatever the
    stage. One query per casus and request, shared by the page's rules, panels and audit ground; None
    for a casus outside the user's gemeente or for a user without casework roles. The status is the
    casus object's own when one is passed (a page that has just changed it sees the new stage)."""
    casus_id = casus.pk if isinstance(casus, Casus) else casus
    relaties = casus_betrekkingen(user)
    if casus_id is None or not relaties:
        return None
    cache = per_verzoek(user, "_casus_relaties")
    if casus_id not in cache:
        from django.db.models import BooleanField, Case, When

        def bronnen(casus_id: int) -> dict[str, tuple]:
            # As CASE: a relation that holds for no casus (an empty id list) is false in its own column, where a
            # bare condition would empty the row's whole JSON array.
            return {"casus": (Casus.objects.filter(pk=casus_id, gemeente_id=user.gemeente_id).order_by(), 1,
                              ("status",), None, {
                                  f"b_{naam}": Case(When(q if q else Q(pk__isnull=False), then=Value(True)),
                                                    default=Value(False), output_field=BooleanField())
                                  for naam, q in relaties.items()})}

        # Built and compiled once per process for the policy's inputs (beleid_invoer), the casus' key filled in
        # at each use: every casus page asks it, and compiling the relations' conditions anew was a tenth of the
        # timeline's Python time (issue 17).
        rijen = eerste_rijen_van(bronnen, sleutel=("casus.relaties_met", beleid_invoer(user)), model=Casus,
                                 invullen={"casus_id": int(casus_id)})["casus"]
        cache[casus_id] = None if not rijen else (
            rijen[0].status, frozenset(naam for naam in relaties if getattr(rijen[0], f"b_{naam}")))
    gevonden = cache[casus_id]
    if gevonden is None:
        return None
    return (casus.status if isinstance(casus, Casus) else gevonden[0]), gevonden[1]


def casus_toont(user, casus, soort: str = Gegevens.PLAN, via=None) -> bool:
    """Whether this user may see `soort` of this casus (with `via`, through those relations only): the same
    answer as `casussen_visible_to(user, soort, via).filter(pk=...).exists()`, from `relaties_met`."""
    gevonden = relaties_met(user, casus)
    if gevonden is None:
        return False
    status, relaties = gevonden
    voorwaarden = casus_betrekkingen(user)
    groepen: dict[tuple, list[str]] = {}
    for naam in voorwaarden:
        if via is None or naam in via:
            statussen = tuple(statussen_in(stadia_voor(naam, soort)))
            if statussen:
                groepen.setdefault(statussen, []).append(naam)
    for statussen, namen in groepen.items():
        if status not in statussen:
            continue
        if any(naam in relaties for naam in namen):
            return True
    return False


def grondslag_voor(user, casus: Casus, soort: str = Gegevens.PLAN) -> str:
    """The ground on which this user sees `soort` of this casus now: the strongest relation that gives
    it. Written into the audit event of every page about the casus."""
    gevonden = relaties_met(user, casus)
    if gevonden is None:
        return "rol"
    stadium = STADIUM_VAN_STATUS[casus.status]
    for naam in GRONDSLAG:  # strongest first
        if naam in gevonden[1] and stadium in stadia_voor(naam, soort):
            return GRONDSLAG[naam]
    return "rol"


#: Break-the-glass reads the casus through the casus' own pages. At the person and the aanmelding, where
#: residents' data is changed (contact details, consents, linking, triage), it gives only who someone is.
ALLEEN_IN_DE_CASUS = frozenset({Betrekking.NOODTOEGANG})


def personen_via_casus_q(user, soort: str) -> Q | None:
    """Residents reached through a casus: its hoofdpersoon and the current members of its household."""
    via = None if soort == Gegevens.IDENTITEIT else frozenset(Betrekking) - ALLEEN_IN_DE_CASUS
    condition = casus_beleid_q(user, soort, via=via)
    if condition is None:
        return None
    casussen = Casus.objects.filter(condition, gemeente_id=user.gemeente_id)
    # Asked per resident (correlated EXISTS), not as `pk IN (everyone of every visible casus)`: a search or
    # a page asks about a few residents, and PostgreSQL built the whole set first, scanning every casus,
    # aanmelding and membership of the gemeente (issue 17: 0,6 s of a team's person search).
    leden = Lidmaatschap.objects.huidig().filter(persoon_id=OuterRef("pk")).filter(
        Exists(casussen.filter(huishouden_id=OuterRef("huishouden_id"))))
    return Q(Exists(casussen.filter(hoofdpersoon_id=OuterRef("pk")))) | Q(Exists(leden))


def toestemmingen_van(persoon) -> QuerySet[Toestemming]:
    """A person's consents, newest first (the caller has already checked access to the person)."""
    return Toestemming.objects.filter(gemeente_id=persoon.gemeente_id, persoon=persoon).select_related(
        "organisatie", "vastgelegd_door", "ingetrokken_door", "gegeven_door"
    )


__all__ = [
    "ALLEEN_IN_DE_CASUS",
    "STADIUM_VAN_STATUS",
    "casus_beleid_q",
    "casus_betrekkingen",
    "casussen_visible_to",
    "personen_via_casus_q",
    "statussen_in",
    "toestemmingen_van",
]
