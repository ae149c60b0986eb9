"""Who sees what of the plan phase.

- Plan, vraagverheldering and consults: the professionals of the casus (its team), as casus does.
- Safety information (veiligheidsanalyse, meldcode): who may see the casus' triage and safety kind
  (docs/toegangsbeleid.md), the gedragswetenschapper asked for a consult included.
- A consult: whoever may see the casus, the person it was asked of included (a consulent).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from wijkregie.casus.models import Casus, Status
from wijkregie.casus.selectors import casussen_visible_to
from wijkregie.core.access import gemeente_of
from wijkregie.organisatie.toegangsbeleid import Gegevens

from .models import Consult, Ondersteuningsplan, PlanStatus


def plan_casussen_visible_to(user, soort: str = Gegevens.PLAN) -> QuerySet[Casus]:
    """The casussen whose plan (or its PDF: `soort` documenten) this user may see, and those whose plan
    was offered to this user for signature (mandaat)."""
    gemeente_id = gemeente_of(user)
    if gemeente_id is None:
        return Casus.objects.none()
    te_tekenen = Ondersteuningsplan.objects.filter(
        gemeente_id=gemeente_id, ter_ondertekening_bij=user, status=PlanStatus.TER_ONDERTEKENING).values("casus_id")
    return Casus.objects.filter(
        Q(pk__in=casussen_visible_to(user, soort).values("pk")) | Q(pk__in=te_tekenen), gemeente_id=gemeente_id
    ).select_related("team", "huishouden", "hoofdpersoon", "medewerker")


def veiligheid_casussen_visible_to(user) -> QuerySet[Casus]:
    """Safety information is the 'triage en veiligheid' kind of the policy: the regisseur, colleagues
    with the household's consent, and whoever was asked for a consult about the casus."""
    return casussen_visible_to(user, Gegevens.TRIAGE)


def consulten_visible_to(user) -> QuerySet[Consult]:
    """The consults of the casussen whose plan phase the user may see (the one asked is a consulent)."""
    if gemeente_of(user) is None:
        return Consult.objects.none()
    return Consult.objects.zichtbaar_voor(user).select_related("casus", "casus__hoofdpersoon", "gevraagd_aan",
                                                               "gevraagd_door")


def open_consulten_voor(user) -> QuerySet[Consult]:
    """The consults asked of this user and not yet answered. An open consult is the consulent's relation
    of the policy, which shows the file at every stage but afgesloten: that part alone is the rule here."""
    if gemeente_of(user) is None:
        return Consult.objects.none()
    return (Consult.objects.filter(gemeente_id=user.gemeente_id, gevraagd_aan=user, advies_op__isnull=True)
            .exclude(casus__status=Status.AFGESLOTEN)
            .select_related("casus", "casus__hoofdpersoon", "gevraagd_aan", "gevraagd_door").order_by("gevraagd_op"))


def laatste_scores(casus) -> dict:
    """Per member, per life domain, the newest score (one query; history stays in the table)."""
    laatste: dict[tuple[int, int], object] = {}
    for score in casus.zrm_scores.select_related("persoon", "leefgebied", "door").order_by("datum", "pk"):
        laatste[(score.persoon_id, score.leefgebied_id)] = score
    return laatste
