"""Mandaten: who may sign plans and decide on provisions, for which laws, categories and amounts, when."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkregie.core.models import GemeenteModel

from .medewerkers import Medewerker
from .sociale_kaart import Organisatie, OrganisatieSoort, Wet


class Mandaat(GemeenteModel):
    """Authority to sign plans and decide on provisions (Awb 10:1-10:9), granted in writing.

    A medewerker not employed by the gemeente confirms the mandaat in writing (`bevestigd_op`).
    A sub-mandaat is granted via a partner's director (`via_organisatie`), within the scope of the
    mandaat it derives from (`ondermandaat_van`).
    """

    houder = models.ForeignKey(Medewerker, on_delete=models.PROTECT, related_name="mandaten", verbose_name=_("houder"))
    verlener = models.CharField(
        _("verleend door"),
        max_length=150,
        help_text=_("Bijvoorbeeld: College van B&W, of de directeur van een partnerorganisatie."),
    )
    besluit = models.CharField(_("kenmerk mandaatbesluit"), max_length=80)
    ondermandaat_van = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="ondermandaten",
        verbose_name=_("ondermandaat van"),
    )
    via_organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("ondermandaat via organisatie"),
    )
    wmo = models.BooleanField(_("Wmo 2015"), default=False)
    jeugdwet = models.BooleanField(_("Jeugdwet"), default=False)
    participatiewet = models.BooleanField(_("Participatiewet"), default=False)
    productcategorieen = models.CharField(
        _("productcategorieën"),
        max_length=200,
        blank=True,
        help_text=_(
            "Codes uit de iWmo/iJw-lijsten, gescheiden door komma's. Leeg: alle categorieën van de gekozen wetten."
        ),
    )
    maximum_bedrag = models.DecimalField(
        _("maximumbedrag per besluit (euro)"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))], help_text=_("Leeg: geen maximum."),
    )
    geldig_van = models.DateField(_("geldig van"))
    geldig_tot = models.DateField(_("geldig tot en met"), null=True, blank=True)
    bevestigd_op = models.DateField(
        _("schriftelijk bevestigd op"), null=True, blank=True,
        help_text=_("Verplicht voor medewerkers die niet bij de gemeente in dienst zijn."),
    )
    ingetrokken_op = models.DateField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("mandaat")
        verbose_name_plural = _("mandaten")
        ordering = ["-geldig_van"]
        indexes = [models.Index(fields=["gemeente", "houder", "geldig_van"], name="mandaat_gemeente_houder")]
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=models.F("geldig_van")),
                name="mandaat_periode_oplopend",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.besluit} ({self.houder})"

    @property
    def wetten(self) -> list[str]:
        return [
            w
            for w, flag in (
                (Wet.WMO, self.wmo),
                (Wet.JEUGDWET, self.jeugdwet),
                (Wet.PARTICIPATIEWET, self.participatiewet),
            )
            if flag
        ]

    @property
    def wetten_labels(self) -> list[str]:
        return [Wet(w).label for w in self.wetten]

    @property
    def codes(self) -> list[str]:
        return [c.strip() for c in self.productcategorieen.split(",") if c.strip()]

    @property
    def vereist_bevestiging(self) -> bool:
        org = self.houder.moederorganisatie if self.houder_id else None
        return org is None or org.soort != OrganisatieSoort.GEMEENTE

    def keten(self) -> list[Mandaat]:
        """This mandaat and the ones it derives from, nearest first (a cycle is cut off)."""
        keten, gezien, huidig = [], set(), self
        while huidig is not None and huidig.pk not in gezien:
            keten.append(huidig)
            gezien.add(huidig.pk)
            huidig = huidig.ondermandaat_van if huidig.ondermandaat_van_id else None
        return keten

    def _zelf_geldig_op(self, datum: datetime.date) -> bool:
        if datum < self.geldig_van or (self.geldig_tot and datum > self.geldig_tot):
            return False
        if self.ingetrokken_op and datum >= self.ingetrokken_op:
            return False
        if self.vereist_bevestiging and (self.bevestigd_op is None or self.bevestigd_op > datum):
            return False
        return True

    def geldig_op(self, datum: datetime.date) -> bool:
        """Valid on this date, and so is every mandaat it derives from."""
        return all(m._zelf_geldig_op(datum) for m in self.keten())

    def dekt(
        self, *, wet: str, productcategorie: str = "", bedrag: Decimal | None = None, datum: datetime.date
    ) -> bool:
        """Does this mandaat allow a decision for this law, product category and amount on this date?

        An unknown amount is not covered by a mandaat with a maximum: the signer must know it fits.
        """
        for m in self.keten():
            if not m._zelf_geldig_op(datum) or wet not in m.wetten:
                return False
            if m.codes and productcategorie not in m.codes:
                return False
            if m.maximum_bedrag is not None and (bedrag is None or bedrag > m.maximum_bedrag):
                return False
        return True

    def clean(self):
        errors = {}
        if not (self.wmo or self.jeugdwet or self.participatiewet):
            errors["wmo"] = _("Kies ten minste één wet.")
        if self.geldig_tot and self.geldig_van and self.geldig_tot < self.geldig_van:
            errors["geldig_tot"] = _("De einddatum ligt voor de begindatum.")
        if self.ondermandaat_van_id and not self.via_organisatie_id:
            errors["via_organisatie"] = _("Een ondermandaat loopt via een organisatie: kies welke.")
        if self.ondermandaat_van_id and self.pk and any(m.pk == self.pk for m in self.ondermandaat_van.keten()):
            errors["ondermandaat_van"] = _("Een mandaat kan niet van zichzelf zijn afgeleid.")
        if errors:
            raise ValidationError(errors)
