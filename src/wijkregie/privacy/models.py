"""The privacy app's records. Two engineers' sections, each with its own migrations: keep them apart."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.core.models import GemeenteModel
from wijkregie.organisatie.models import Medewerker


# --- inzage, noodtoegang, beoordeling ---

class Noodtoegang(GemeenteModel):
    """Break-the-glass: a medewerker opened a file outside their sight, with a reason, for a limited time.

    While `van <= now < tot` the access policy gives the medewerker the relation NOODTOEGANG with this
    casus (organisatie/toegangsbeleid.py, derived in casus/selectors.py); every read then carries the
    ground "noodtoegang". The row is also the first item of the privacy officer's review queue.
    """

    medewerker = models.ForeignKey(Medewerker, on_delete=models.PROTECT, related_name="noodtoegangen",
                                   verbose_name=_("medewerker"))
    # The file goes (retention, a deletion request), the record of the emergency access with it; the
    # audit trail keeps the events.
    persoon = models.ForeignKey("inwoners.Persoon", on_delete=models.CASCADE, related_name="+", verbose_name=_("inwoner"))
    casus = models.ForeignKey("casus.Casus", on_delete=models.CASCADE, related_name="+", verbose_name=_("casus"))
    reden = models.TextField(_("reden"))
    van = models.DateTimeField(_("geopend op"), default=timezone.now)
    tot = models.DateTimeField(_("geldig tot"))

    class Meta:
        verbose_name = _("noodtoegang")
        verbose_name_plural = _("noodtoegangen")
        indexes = [models.Index(fields=["gemeente", "medewerker", "tot"], name="noodtoegang_medewerker_tot")]

    def __str__(self) -> str:
        return f"noodtoegang {self.pk}"

    @property
    def actief(self) -> bool:
        return self.van <= timezone.now() < self.tot


class Oordeel(models.TextChoices):
    IN_ORDE = "in_orde", _("In orde")
    NIET_IN_ORDE = "niet_in_orde", _("Niet in orde")


class Beoordeling(GemeenteModel):
    """The privacy officer's verdict on one item of the review queue (a break-the-glass, a pattern).

    `sleutel` names the item in ids only ('noodtoegang:12', 'nacht:17:2026-12-01'): the queue is
    computed from the audit trail, and an item with a verdict leaves it.
    """

    sleutel = models.CharField(max_length=120)
    soort = models.CharField(_("soort"), max_length=20)
    oordeel = models.CharField(_("oordeel"), max_length=12, choices=Oordeel.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")
    op = models.DateTimeField(_("beoordeeld op"), default=timezone.now)

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        constraints = [models.UniqueConstraint(fields=["gemeente", "sleutel"], name="beoordeling_een_per_item")]


class Inzageverzoek(GemeenteModel):
    """A resident's request to see what wijkregie holds about them (AVG art. 15 and 20).

    Registered by the privacy officer after establishing who asks; answered within a month of receipt
    (AVG art. 12(3)). Only while a request is registered may she produce the inzage of that resident:
    the one exception to "the privacy officer sees the audit trail, never files" (docs/toegangsbeleid.md).
    """

    persoon = models.ForeignKey("inwoners.Persoon", on_delete=models.CASCADE, related_name="+", verbose_name=_("inwoner"))
    ontvangen_op = models.DateField(_("verzoek ontvangen op"), default=timezone.localdate)
    identiteit = models.CharField(_("hoe is de identiteit vastgesteld"), max_length=200)
    geregistreerd_door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")
    geregistreerd_op = models.DateTimeField(default=timezone.now)
    gemaakt_op = models.DateTimeField(_("eerst gemaakt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("inzageverzoek")
        verbose_name_plural = _("inzageverzoeken")
        ordering = ["-ontvangen_op", "-pk"]

    def __str__(self) -> str:
        return f"inzageverzoek {self.pk}"

    @property
    def uiterlijk(self) -> datetime.date:
        """One month after receipt (AVG art. 12(3)); the same day next month, or that month's last day."""
        jaar, maand = divmod(self.ontvangen_op.month, 12)
        jaar, maand = self.ontvangen_op.year + jaar, maand + 1
        for dag in range(self.ontvangen_op.day, 27, -1):
            try:
                return datetime.date(jaar, maand, dag)
            except ValueError:
                continue
        return datetime.date(jaar, maand, min(self.ontvangen_op.day, 28))


# --- correctie, verwijdering, bewaartermijnen ---
