"""Wijkteams, the wijken they serve, and who is in them for how many hours (the caseload's fte)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.core.models import GemeenteModel

from .medewerkers import Medewerker
from .wijken import Locatie, Wijk


class Team(GemeenteModel):
    """A wijkteam; serves one or more wijken."""

    naam = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("korte naam"), max_length=100)
    wijken = models.ManyToManyField(Wijk, related_name="teams", verbose_name=_("wijken"))
    locatie = models.ForeignKey(
        Locatie, on_delete=models.SET_NULL, null=True, blank=True, related_name="teams", verbose_name=_("locatie")
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["naam"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "slug"], name="team_gemeente_slug_unique")]

    def __str__(self) -> str:
        return self.naam


class Teamlid(GemeenteModel):
    """Membership of a team, with the hours per week this medewerker works in it."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="leden", verbose_name=_("team"))
    medewerker = models.ForeignKey(
        Medewerker, on_delete=models.CASCADE, related_name="teamlidmaatschappen", verbose_name=_("medewerker")
    )
    uren_per_week = models.DecimalField(
        _("uren per week"), max_digits=4, decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("60"))],
    )
    sinds = models.DateField(_("sinds"), default=datetime.date.today)
    tot = models.DateField(_("tot en met"), null=True, blank=True)

    class Meta:
        verbose_name = _("teamlid")
        verbose_name_plural = _("teamleden")
        constraints = [models.UniqueConstraint(fields=["team", "medewerker", "sinds"], name="teamlid_unique")]
        indexes = [models.Index(fields=["gemeente", "medewerker"], name="teamlid_gemeente_medewerker")]

    def __str__(self) -> str:
        return f"{self.medewerker} in {self.team}"

    @property
    def actief(self) -> bool:
        return self.tot is None or self.tot >= timezone.localdate()
