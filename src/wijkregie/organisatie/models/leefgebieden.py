"""Leefgebieden: the life domains a household's situation is scored on (ZRM by default)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkregie.core.models import GemeenteModel

# The 13 domains of the Zelfredzaamheid-Matrix (names only: the cell criteria are licensed by GGD
# Amsterdam and not shipped). The default taxonomy of life domains; a gemeente may change its own.
ZRM_DOMEINEN = (
    "Financiën", "Werk & opleiding", "Tijdsbesteding", "Huisvesting", "Huiselijke relaties",
    "Geestelijke gezondheid", "Lichamelijke gezondheid", "Middelengebruik", "Basale ADL", "Instrumentele ADL",
    "Sociaal netwerk", "Maatschappelijke participatie", "Justitie",
)


class Leefgebied(GemeenteModel):
    """A life domain (glossary): the 13 ZRM domains by default, configurable per gemeente."""

    naam = models.CharField(_("naam"), max_length=60)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("leefgebied")
        verbose_name_plural = _("leefgebieden")
        ordering = ["volgorde", "naam"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "naam"], name="leefgebied_unique")]

    def __str__(self) -> str:
        return self.naam
