"""The gemeente's map: wijken with their profile, the postcode areas that place an address in a wijk, and
the locaties teams work from, with the model phase (A/B/C) each locatie is in over time."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkregie.core.models import GemeenteModel


class Problematiek(models.TextChoices):
    """Problem level of a wijk as in the wijkscan (seed 004, Tabel 5)."""

    LAAG = "laag", _("Laag")
    GEMIDDELD = "gemiddeld", _("Gemiddeld")
    BOVENGEMIDDELD = "bovengemiddeld", _("Bovengemiddeld")
    HOOG = "hoog", _("Hoog")


class Wijk(GemeenteModel):
    """A neighbourhood with its profile (seed 004 Tabel 5: inwoners, huishoudens, zorgvragen, levels)."""

    naam = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("korte naam"), max_length=100)
    inwoners = models.PositiveIntegerField(_("inwoners"))
    huishoudens = models.PositiveIntegerField(_("huishoudens"))
    zorgvragen = models.PositiveIntegerField(
        _("zorgvragen"), help_text=_("Aantal zorgvragen per jaar volgens de wijkscan.")
    )
    problematiek_jeugd = models.CharField(_("problematiek jeugd"), max_length=20, choices=Problematiek.choices)
    problematiek_zorg_wmo = models.CharField(_("problematiek zorg/Wmo"), max_length=20, choices=Problematiek.choices)
    problematiek_werk = models.CharField(_("problematiek werk"), max_length=20, choices=Problematiek.choices)

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["naam"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "slug"], name="wijk_gemeente_slug_unique")]

    def __str__(self) -> str:
        return self.naam

    @property
    def zorgvragen_per_1000(self) -> Decimal | None:
        """Zorgvragen per 1.000 inwoners: the rate that makes wijken of different size comparable."""
        if not self.inwoners:
            return None
        return (Decimal(self.zorgvragen) * 1000 / self.inwoners).quantize(Decimal("0.1"))

    @property
    def personen_per_huishouden(self) -> Decimal | None:
        if not self.huishoudens:
            return None
        return (Decimal(self.inwoners) / self.huishoudens).quantize(Decimal("0.01"))


class Postcodegebied(GemeenteModel):
    """Which wijk a four-digit postcode area belongs to: the wijk of a resident follows from the address."""

    postcode4 = models.CharField(_("postcode (4 cijfers)"), max_length=4)
    wijk = models.ForeignKey(Wijk, on_delete=models.CASCADE, related_name="postcodegebieden", verbose_name=_("wijk"))

    class Meta:
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")
        ordering = ["postcode4"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "postcode4"], name="postcodegebied_unique")]

    def __str__(self) -> str:
        return f"{self.postcode4} → {self.wijk}"


class Locatie(GemeenteModel):
    """Where a team works in a wijk (e.g. MFC 't Wijkhuis); may be virtual or still to be decided."""

    wijk = models.ForeignKey(Wijk, on_delete=models.PROTECT, related_name="locaties", verbose_name=_("wijk"))
    naam = models.CharField(_("naam"), max_length=120)
    adres = models.CharField(_("adres"), max_length=200, blank=True)
    virtueel = models.BooleanField(_("virtuele locatie"), default=False)

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["wijk__naam", "naam"]

    def __str__(self) -> str:
        return self.naam

    def fase_op(self, datum: datetime.date) -> LocatieFase | None:
        """The model phase on a date, from the prefetched history when there is one."""
        for fase in self.fasen.all():
            if fase.geldig_van <= datum and (fase.geldig_tot is None or datum <= fase.geldig_tot):
                return fase
        return None


class Model(models.TextChoices):
    """Development phase of a location (seed 000): A three days a week, B integral daily, C with purchasing."""

    A = "A", _("Model A: team drie dagen per week op locatie")
    B = "B", _("Model B: integraal, partners aangesloten, elke dag bereikbaar")
    C = "C", _("Model C: als B, met inkoop en subsidies per wijk")


class LocatieFase(GemeenteModel):
    """One period of a location's model phase. Periods of one location do not overlap (checked in clean)."""

    locatie = models.ForeignKey(Locatie, on_delete=models.CASCADE, related_name="fasen", verbose_name=_("locatie"))
    model = models.CharField(_("model"), max_length=1, choices=Model.choices)
    geldig_van = models.DateField(_("geldig van"))
    geldig_tot = models.DateField(_("geldig tot en met"), null=True, blank=True)

    class Meta:
        verbose_name = _("fase van een locatie")
        verbose_name_plural = _("fasen van locaties")
        ordering = ["locatie", "geldig_van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=models.F("geldig_van")),
                name="locatiefase_periode_oplopend",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.locatie}: model {self.model} vanaf {self.geldig_van:%d-%m-%Y}"

    def clean(self):
        if self.geldig_tot and self.geldig_van and self.geldig_tot < self.geldig_van:
            raise ValidationError({"geldig_tot": _("De einddatum ligt voor de begindatum.")})
        if not self.locatie_id or not self.geldig_van:
            return
        eind = self.geldig_tot or datetime.date.max
        overlap = LocatieFase.objects.filter(locatie_id=self.locatie_id).exclude(pk=self.pk).filter(
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=self.geldig_van), geldig_van__lte=eind
        )
        if overlap.exists():
            raise ValidationError({"geldig_van": _("Deze periode overlapt met een andere fase van deze locatie.")})
