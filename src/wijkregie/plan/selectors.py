"""Who sees what of the plan phase.

- Plan, vraagverheldering and consults: the professionals of the casus (its team), as casus does.
- Safety information (veiligheidsanalyse, meldcode): who may see the casus' triage and safety kind
  (docs/toegangsbeleid.md), the gedragswetenschapper asked for a consult included.
- A consult: whoever may see the casus, the person it was asked of included (a consulent).
"""

from __future__ import annotations

import dataclasses

from django.db.models import Q, QuerySet

from wijkregie.casus.models import Casus, Status
from wijkregie.casus.selectors import casussen_visible_to
from wijkregie.casus.toestemming import casus_lid_ids
from wijkregie.core.access import gemeente_of
from wijkregie.inwoners.models import Lidmaatschap, Persoon
from wijkregie.organisatie.models import Leefgebied
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


def volgend_leefgebied(plan, laatste: dict) -> int | None:
    """The life domain the next goal most likely is about: the lowest latest ZRM score of the household
    that has no goal in the plan yet (goals follow where self-reliance is weakest), ties in ZRM order."""
    met_doel = set(plan.doelen.values_list("leefgebied_id", flat=True))
    open_ = [s for s in laatste.values() if s.leefgebied_id not in met_doel]
    if not open_:
        return None
    return min(open_, key=lambda s: (s.niveau, s.leefgebied.volgorde, s.leefgebied.naam)).leefgebied_id


def casus_leden_visible_to(user, casus) -> QuerySet[Persoon]:
    """The members of the casus (its household's current members and its hoofdpersoon) this user may
    see: the rows of the household's ZRM grid, the choices for whose goal it is."""
    from wijkregie.inwoners.selectors import personen_visible_to

    return personen_visible_to(user).filter(pk__in=casus_lid_ids(casus))


@dataclasses.dataclass(frozen=True)
class Gezinslid:
    """A member as the plan shows them: with their relation in the casus' household."""

    persoon: Persoon
    relatie: str  # the label ("Kind"), empty when the person is not (or no longer) in the household

    @property
    def pk(self) -> int:
        return self.persoon.pk

    @property
    def naam(self) -> str:
        return self.persoon.naam

    @property
    def leeftijd(self) -> int | None:
        return self.persoon.leeftijd()


def gezinsleden(casus, personen) -> list[Gezinslid]:
    """`personen` (the members the user may see) with their relation; the hoofdpersoon first, then the
    oldest first, so every grid and table of the casus lists the household in the same order."""
    personen = list(personen)
    relaties = dict(
        (lid.persoon_id, lid.get_relatie_display())
        for lid in Lidmaatschap.objects.huidig().filter(huishouden_id=casus.huishouden_id,
                                                        persoon_id__in=[p.pk for p in personen]).order_by("van")
    ) if casus.huishouden_id else {}

    def volgorde(p):
        return (p.pk != casus.hoofdpersoon_id, p.geboortedatum is None, p.geboortedatum or 0, p.naam)

    return [Gezinslid(p, str(relaties.get(p.pk, ""))) for p in sorted(personen, key=volgorde)]


def actieve_leefgebieden(gemeente_id) -> list[Leefgebied]:
    return list(Leefgebied.objects.filter(gemeente_id=gemeente_id, actief=True).order_by("volgorde", "naam"))


def zrm_overzicht(casus, leden: list[Gezinslid], laatste: dict | None = None) -> list[tuple[Leefgebied, list]]:
    """The latest score per member per life domain, as rows of life domains that have a score (one
    column per member, None where a member was not scored): the compact table of the plan and its PDF."""
    laatste = laatste_scores(casus) if laatste is None else laatste
    ids = {lid.pk for lid in leden}
    gebieden = sorted({s.leefgebied for (pid, _l), s in laatste.items() if pid in ids},
                      key=lambda g: (g.volgorde, g.naam))
    return [(g, [laatste.get((lid.pk, g.pk)) for lid in leden]) for g in gebieden]
