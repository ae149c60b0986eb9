"""Action rules of the toegang (django-rules), stated in terms of the role groups and the selectors."""

import rules

from wijkregie.organisatie.rules import heeft_rol_uit
from wijkregie.organisatie.toegangsbeleid import TOEDELENDE_ROLLEN, TRIAGE_ROLLEN, Gegevens

triageert = heeft_rol_uit(TRIAGE_ROLLEN, "triageert")


@rules.predicate
def ziet_triage(user, aanmelding) -> bool:
    """The triage of this aanmelding is visible to the user at its current stage."""
    from .selectors import aanmelding_toont

    return aanmelding is not None and Gegevens.TRIAGE in aanmelding_toont(user, aanmelding.pk, Gegevens.TRIAGE)


@rules.predicate
def in_toegedeeld_team(user, aanmelding) -> bool:
    from wijkregie.organisatie.selectors import team_ids_of

    return aanmelding is not None and aanmelding.team_id in team_ids_of(user)


rules.add_perm("toegang.triage", triageert)
# The first contact ends the wachttijd: someone of the allocated team, or the bureaudienst for it.
rules.add_perm("toegang.eerste_contact", in_toegedeeld_team | heeft_rol_uit(TOEDELENDE_ROLLEN, "is_toedelend"))
rules.add_perm("toegang.triage_vastleggen", triageert & ziet_triage)
