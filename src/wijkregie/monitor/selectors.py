"""Who sees which monitor. Policy users see the gemeente, every wijk and every team, as aggregates with
small numbers suppressed; team members see their own team in full and the wijken their team serves
(suppressed, since other teams' work counts there too). Nobody sees another gemeente."""

from __future__ import annotations

from django.db.models import QuerySet

from wijkregie.core.access import per_verzoek
from wijkregie.core.querying import eerste_rijen_van
from wijkregie.organisatie.models import Locatie, Rol, Team, Wijk
from wijkregie.organisatie.selectors import team_ids_of
from wijkregie.organisatie.toegangsbeleid import BELEIDSROLLEN, TEAMROLLEN, Betrekking, Gegevens

from .models import Clientervaring, Nulmeting

#: Who may open a cliëntervaring invitation (it carries the survey's token).
UITNODIGING_VIA = frozenset({Betrekking.REGISSEUR, Betrekking.TEAMLEIDER})

DREMPEL = 5  # cells below this count are suppressed for aggregate viewers (CBS practice)


def _gemeente_id(user):
    if not getattr(user, "is_authenticated", False):
        return None
    return user.gemeente_id


def gemeente_monitor_visible_to(user) -> bool:
    return _gemeente_id(user) is not None and user.heeft_rol(*BELEIDSROLLEN)


def teams_monitor_visible_to(user) -> QuerySet[Team]:
    gemeente_id = _gemeente_id(user)
    if gemeente_id is None:
        return Team.objects.none()
    teams = Team.objects.filter(gemeente_id=gemeente_id).order_by("naam")
    if user.heeft_rol(Rol.BELEIDSMEDEWERKER):
        return teams
    if user.heeft_rol(*TEAMROLLEN):
        return teams.filter(pk__in=team_ids_of(user))
    return Team.objects.none()


def wijken_monitor_visible_to(user) -> QuerySet[Wijk]:
    gemeente_id = _gemeente_id(user)
    if gemeente_id is None:
        return Wijk.objects.none()
    wijken = Wijk.objects.filter(gemeente_id=gemeente_id).order_by("naam")
    if user.heeft_rol(*BELEIDSROLLEN):
        return wijken
    if user.heeft_rol(*TEAMROLLEN):
        return wijken.filter(teams__in=team_ids_of(user)).distinct()
    return Wijk.objects.none()


def locaties_monitor_visible_to(user) -> QuerySet[Locatie]:
    """The gemeente's locations, by name: organisation data, for everyone of the gemeente."""
    gemeente_id = _gemeente_id(user)
    if gemeente_id is None:
        return Locatie.objects.none()
    return Locatie.objects.filter(gemeente_id=gemeente_id).order_by("naam")


#: At most so many of each list of the filter form (a gemeente has tens of wijken, teams and locations).
KEUZES_MAX = 1000


def filter_keuzes(user) -> dict[str, list]:
    """The filter form's lists of wijken, teams and locations (the three selectors above), in one statement kept
    per process for what they are built from: the gemeente, the roles and the user's teams (core.querying.
    eerste_rijen_van; each select read its own list through a server-side cursor and compiled it anew: a
    fortieth of the server's Python time under load, issue 17). Each by name; a list the user may not see is
    empty. The form still checks a chosen key against the querysets themselves. Read once per request: the
    dashboard's own links to the wijken and teams are the same lists (not to be changed by a caller)."""
    if _gemeente_id(user) is None:
        return {"wijk": [], "team": [], "locatie": []}
    bewaard = per_verzoek(user, "monitor.filter_keuzes")
    if "keuzes" not in bewaard:
        bewaard["keuzes"] = _filter_keuzes(user)
    return bewaard["keuzes"]


def _filter_keuzes(user) -> dict[str, list]:
    lijsten = {"wijk": wijken_monitor_visible_to, "team": teams_monitor_visible_to,
               "locatie": locaties_monitor_visible_to}

    def bronnen() -> dict[str, tuple]:
        querysets = {naam: lijst(user) for naam, lijst in lijsten.items()}
        return {naam: (qs, KEUZES_MAX, None) for naam, qs in querysets.items() if not qs.query.is_empty()}

    rijen = eerste_rijen_van(bronnen, model=Team, sleutel=(
        "monitor.filter_keuzes", user.gemeente_id, tuple(sorted(user.rollen)), tuple(sorted(team_ids_of(user)))))
    return {naam: sorted(rijen.get(naam, []), key=lambda o: (o.naam, o.pk)) for naam in lijsten}


def volledig_zichtbaar(user, *, team=None) -> bool:
    """Unsuppressed only for a team's own dashboard seen by its members; everything else is aggregate."""
    return (team is not None and not user.heeft_rol(Rol.BELEIDSMEDEWERKER) and user.heeft_rol(*TEAMROLLEN)
            and team.pk in team_ids_of(user))


def clientervaringen_visible_to(user) -> QuerySet[Clientervaring]:
    # The invitation carries the survey's token: only for the regisseur and the team's leader, not for
    # the gemeente-wide roles that may merely know who a resident is.
    return (Clientervaring.objects.zichtbaar_voor(user, Gegevens.IDENTITEIT, via=UITNODIGING_VIA)
            .select_related("casus", "casus__hoofdpersoon", "casus__team"))


def nulmetingen_visible_to(user) -> QuerySet[Nulmeting]:
    gemeente_id = _gemeente_id(user)
    if gemeente_id is None or not (user.heeft_rol(*BELEIDSROLLEN) or user.heeft_rol(*TEAMROLLEN)):
        return Nulmeting.objects.none()
    nulmetingen = Nulmeting.objects.filter(gemeente_id=gemeente_id)
    if not user.heeft_rol(*BELEIDSROLLEN):
        nulmetingen = nulmetingen.filter(team_id__in=team_ids_of(user))
    return nulmetingen


def ervaring_voor_token(token: str) -> Clientervaring | None:
    """An open, unexpired invitation for the survey page; anything else is 'not valid' without saying why."""
    ervaring = Clientervaring.objects.select_related("gemeente").filter(token=token).first()
    if ervaring is None or ervaring.beantwoord_op is not None or ervaring.verlopen:
        return None
    return ervaring
