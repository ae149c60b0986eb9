"""A household of three for the plan and evaluation tests: Pieter (the casus' hoofdpersoon), his partner
Sara and their son Tim. Not a test module: imported by the tests that need the household."""

import datetime

from wijkregie.inwoners.models import Lidmaatschap, Persoon
from wijkregie.organisatie.models import Leefgebied


def voeg_gezin_toe(world, casus) -> list[Persoon]:
    """Adds Sara and Tim to the casus' household; returns [Pieter, Sara, Tim]."""
    leden = [casus.hoofdpersoon]
    for voornaam, geboren, relatie in (
        ("Sara", datetime.date(1982, 6, 1), "partner"),
        ("Tim", datetime.date(2015, 9, 20), "kind"),
    ):
        persoon = Persoon.objects.create(
            gemeente=world.den_helder, voornamen=voornaam, achternaam="Jansen", geboortedatum=geboren
        )
        Lidmaatschap.objects.create(
            gemeente=world.den_helder, persoon=persoon, huishouden=casus.huishouden, relatie=relatie
        )
        leden.append(persoon)
    return leden


def leefgebied(world, naam: str) -> Leefgebied:
    return Leefgebied.objects.get(gemeente=world.den_helder, naam=naam)


def cel(persoon, gebied, prefix: str = "zrm") -> str:
    """The POST name of one cell of the household's ZRM grid."""
    return f"{prefix}-zrm_{persoon.pk}_{gebied.pk}"
