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
    persoon = models.ForeignKey(
        "inwoners.Persoon", on_delete=models.CASCADE, related_name="+", verbose_name=_("inwoner")
    )
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

    persoon = models.ForeignKey(
        "inwoners.Persoon", on_delete=models.CASCADE, related_name="+", verbose_name=_("inwoner")
    )
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

class Bewaartermijn(GemeenteModel):
    """The gemeente's retention term for the files of one law, in years after the file's last change.

    Without a row the law's own term applies (privacy/bewaartermijnen.py WETTELIJK); a row may make it
    longer, never shorter (Jeugdwet art. 7.3.8; for Wmo and Participatiewet the VNG selectielijst).
    """

    wet = models.CharField(_("wet"), max_length=20)
    jaren = models.PositiveSmallIntegerField(_("bewaartermijn in jaren"))
    toelichting = models.CharField(_("grond voor de langere termijn"), max_length=300, blank=True)
    gewijzigd_door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    class Meta:
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")
        constraints = [models.UniqueConstraint(fields=["gemeente", "wet"], name="bewaartermijn_een_per_wet")]

    def __str__(self) -> str:
        return f"{self.wet}: {self.jaren}"


class Bewaarblokkade(GemeenteModel):
    """A legal hold: the files of a person (every casus of their households) or one casus are not destroyed
    while it stands, whatever their term (a dispute, a complaint, a court case, an inquiry).

    PROTECT on both: the held record cannot be deleted past it, by retention or otherwise.
    """

    persoon = models.ForeignKey("inwoners.Persoon", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("inwoner"))
    casus = models.ForeignKey("casus.Casus", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("casus"))
    reden = models.CharField(_("reden"), max_length=300)
    geplaatst_door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")
    geplaatst_op = models.DateTimeField(_("geplaatst op"), default=timezone.now)
    opgeheven_door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    opgeheven_op = models.DateTimeField(_("opgeheven op"), null=True, blank=True)

    class Meta:
        verbose_name = _("bewaarblokkade")
        verbose_name_plural = _("bewaarblokkades")
        constraints = [
            models.CheckConstraint(condition=models.Q(persoon__isnull=False) | models.Q(casus__isnull=False),
                                   name="bewaarblokkade_persoon_of_casus"),
        ]

    def __str__(self) -> str:
        return f"bewaarblokkade {self.pk}"


class VerzoekSoort(models.TextChoices):
    CORRECTIE = "correctie", _("Correctie (AVG art. 16)")
    VERWIJDERING = "verwijdering", _("Vernietiging (AVG art. 17, Jeugdwet art. 7.3.9)")


class VerzoekBesluit(models.TextChoices):
    TOEGEWEZEN = "toegewezen", _("Toegewezen")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Uitzondering(models.TextChoices):
    """Why a deletion request is refused: the exceptions of Jeugdwet art. 7.3.9 and AVG art. 17(3)."""

    BELANG_ANDER = (
        "belang_ander",
        _("Bewaren is van aanmerkelijk belang voor een ander dan de verzoeker (art. 7.3.9 lid 2 Jeugdwet)"),
    )
    WETTELIJKE_PLICHT = (
        "wettelijke_plicht",
        _("Een wettelijke bewaarplicht verzet zich ertegen (art. 7.3.9 lid 2 Jeugdwet, AVG art. 17 lid 3 b)"),
    )
    RECHTSVORDERING = "rechtsvordering", _("Nodig voor een rechtsvordering, klacht of bezwaar (AVG art. 17 lid 3 e)")
    LOPENDE_HULP = "lopende_hulp", _("De hulp loopt nog: de casus is niet afgesloten")


class Verzoek(GemeenteModel):
    """A resident's request to correct or destroy data (AVG art. 16 and 17; Jeugdwet art. 7.3.9).

    Decided within a month of receipt (AVG art. 12(3)), extendable by at most two months with reasons
    told to the resident. A correction keeps the old value here (the history); a granted deletion
    destroys the closed casus it names and leaves this row without the person (SET_NULL), the decision
    and its motivation kept.
    """

    soort = models.CharField(_("soort verzoek"), max_length=12, choices=VerzoekSoort.choices)
    persoon = models.ForeignKey("inwoners.Persoon", on_delete=models.SET_NULL, null=True, related_name="+",
                                verbose_name=_("inwoner"))
    casus = models.ForeignKey("casus.Casus", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                              verbose_name=_("casus"))
    ontvangen_op = models.DateField(_("verzoek ontvangen op"), default=timezone.localdate)
    identiteit = models.CharField(_("hoe is de identiteit vastgesteld"), max_length=200)
    omschrijving = models.TextField(_("wat vraagt de inwoner"), max_length=2000)
    veld = models.CharField(_("te corrigeren gegeven"), max_length=30, blank=True)
    nieuwe_waarde = models.CharField(_("juiste waarde volgens de inwoner"), max_length=200, blank=True)
    oude_waarde = models.CharField(_("waarde voor de correctie"), max_length=200, blank=True)
    verlengd_tot = models.DateField(_("verlengd tot"), null=True, blank=True)
    verlenging_reden = models.TextField(_("reden van verlenging"), max_length=1000, blank=True)
    besluit = models.CharField(_("besluit"), max_length=12, choices=VerzoekBesluit.choices, blank=True)
    uitzondering = models.CharField(_("uitzondering"), max_length=20, choices=Uitzondering.choices, blank=True)
    motivering = models.TextField(_("motivering"), max_length=2000, blank=True)
    besloten_door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    besloten_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    geregistreerd_door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")
    geregistreerd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("verzoek")
        verbose_name_plural = _("verzoeken")
        ordering = ["-ontvangen_op", "-pk"]
        indexes = [models.Index(fields=["gemeente", "besluit", "ontvangen_op"], name="verzoek_open")]

    def __str__(self) -> str:
        return f"verzoek {self.pk}"
