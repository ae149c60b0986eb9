"""Who sees which aanmelding and signaal.

- Bureaudienst: every aanmelding and signaal of the gemeente (it allocates them).
- KCC: what it registered itself (to follow up a caller), and open signalen.
- Gedragswetenschapper: besides the team's own, every acute or unsafe aanmelding of the gemeente,
  at once (issue 3: visible to the bureaudienst and the gedragswetenschapper).
- Everyone else: the aanmeldingen allocated to one of their teams, and what they registered.
- Policy and privacy officers: none (aggregates and the audit trail). Other gemeenten: none.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from wijkregie.core.access import gemeente_of
from wijkregie.organisatie.models import ZORGROLLEN, Rol
from wijkregie.organisatie.selectors import team_ids_of

from .models import Aanmelding, AanmeldingStatus, Signaal, SignaalStatus, Urgentie, Veiligheid

ALARM = Q(triage__urgentie=Urgentie.ACUUT) | Q(triage__veiligheid__in=[Veiligheid.JA, Veiligheid.TWIJFEL])


def aanmeldingen_visible_to(user) -> QuerySet[Aanmelding]:
    gemeente_id = gemeente_of(user)
    if gemeente_id is None or not user.heeft_rol(*ZORGROLLEN):
        return Aanmelding.objects.none()
    qs = Aanmelding.objects.filter(gemeente_id=gemeente_id).select_related(
        "persoon", "team", "medewerker", "triage", "voorziening"
    )
    if user.heeft_rol(Rol.BUREAUDIENST):
        return qs
    condition = Q(geregistreerd_door=user) | Q(team_id__in=team_ids_of(user))
    if user.heeft_rol(Rol.GEDRAGSWETENSCHAPPER):
        condition |= ALARM
    return qs.filter(condition)


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
        .filter(status__in=[AanmeldingStatus.NIEUW, AanmeldingStatus.BUREAUDIENST])
        .annotate(rang=_urgentie_rang())
        .order_by("rang", "ontvangen_op")
    )


def alarmen_visible_to(user) -> QuerySet[Aanmelding]:
    """Acute or unsafe aanmeldingen without a first contact yet: shown at once on the start page."""
    return aanmeldingen_visible_to(user).filter(ALARM, eerste_contact_op__isnull=True).exclude(
        status=AanmeldingStatus.VOORKANT
    ).order_by("ontvangen_op")


@dataclass
class Wachtlijst:
    team: object
    wachtend: int
    mediaan_dagen: float | None
    langste_dagen: float | None


def wachtlijst_per_team(user, teams) -> list[Wachtlijst]:
    """How many wait for a first contact per team, and how long (median and longest, in days).

    Only the receive times are read (one query), never the records themselves.
    """
    now = timezone.now()
    rows = (
        aanmeldingen_visible_to(user)
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
