"""Casussen are seen by the members of the team that holds them; nobody else (not another team)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from wijkregie.core.access import gemeente_of
from wijkregie.organisatie.models import TEAMROLLEN
from wijkregie.organisatie.selectors import team_ids_of

from .models import Casus, Toestemming


def casussen_visible_to(user) -> QuerySet[Casus]:
    gemeente_id = gemeente_of(user)
    if gemeente_id is None or not user.heeft_rol(*TEAMROLLEN):
        return Casus.objects.none()
    return Casus.objects.filter(gemeente_id=gemeente_id, team_id__in=team_ids_of(user)).select_related(
        "team", "huishouden", "hoofdpersoon", "medewerker"
    )


def toestemmingen_van(persoon) -> QuerySet[Toestemming]:
    """A person's consents, newest first (the caller has already checked access to the person)."""
    return Toestemming.objects.filter(gemeente_id=persoon.gemeente_id, persoon=persoon).select_related(
        "organisatie", "vastgelegd_door", "ingetrokken_door"
    )


def toestemming_actief(persoon, *, scope: str, organisatie=None, op=None) -> Toestemming | None:
    """The consent in force for this scope (and organisation) at `op` (default: now), if any."""
    op = op or timezone.now()
    qs = toestemmingen_van(persoon).filter(scope=scope, gegeven_op__lte=op).exclude(ingetrokken_op__lte=op)
    if organisatie is not None:
        qs = qs.filter(organisatie=organisatie)
    for toestemming in qs:
        if toestemming.geldig_tot is None or toestemming.geldig_tot >= timezone.localtime(op).date():
            return toestemming
    return None
