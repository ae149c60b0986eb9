"""Action rules of the toegang (django-rules), stated in terms of the role groups and the selectors."""

import rules

from wijkregie.organisatie.rules import heeft_rol_uit
from wijkregie.organisatie.toegangsbeleid import TRIAGE_ROLLEN, Gegevens

triageert = heeft_rol_uit(TRIAGE_ROLLEN, "triageert")


@rules.predicate
def ziet_triage(user, aanmelding) -> bool:
    """The triage of this aanmelding is visible to the user at its current stage."""
    from .selectors import aanmeldingen_visible_to

    return aanmelding is not None and aanmeldingen_visible_to(user, Gegevens.TRIAGE).filter(pk=aanmelding.pk).exists()


rules.add_perm("toegang.triage", triageert)
rules.add_perm("toegang.triage_vastleggen", triageert & ziet_triage)
