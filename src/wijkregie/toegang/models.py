"""Toegang: signalen, aanmeldingen from every channel, triage and allocation by the bureaudienst."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.casus.models import Casus
from wijkregie.core.models import GemeenteModel
from wijkregie.inwoners.models import Huishouden, Persoon
from wijkregie.organisatie.models import Leefgebied, Medewerker, Team, Voorziening


class Kanaal(models.TextChoices):
    """How a question came in (glossary, Aanmelding; seed 004 Tabel 6 counts e-mail and partner)."""

    EMAIL = "email", _("E-mail")
    TELEFOON = "telefoon", _("Telefoon (KCC)")
    PARTNER = "partner", _("Partner (verwijzer)")
    INLOOP = "inloop", _("Inloop")
    OUTREACH = "outreach", _("Outreach / vindplaats")
    WEBFORMULIER = "webformulier", _("Webformulier")


class Verwijzer(models.TextChoices):
    """iJw/iWmo COD327 verwijzer codes (../istandaarden/*/codelijsten)."""

    GEMEENTE = "01", _("01 Gemeente")
    HUISARTS = "02", _("02 Huisarts")
    JEUGDARTS = "03", _("03 Jeugdarts")
    GI = "04", _("04 Gecertificeerde instelling")
    MEDISCH_SPECIALIST = "05", _("05 Medisch specialist")
    ZELFVERWIJZER = "06", _("06 Zelfverwijzer / geen verwijzer")
    RECHTER = "08", _("08 Rechter, Officier van Justitie of JJI")


class SignaalBron(models.TextChoices):
    SCHOOL = "school", _("School")
    HUISARTS = "huisarts", _("Huisarts")
    POLITIE = "politie", _("Politie")
    ENERGIE = "energie", _("Betalingsachterstand energie")
    ZORGVERZEKERING = "zorgverzekering", _("Betalingsachterstand zorgverzekering")
    HUUR = "huur", _("Huurachterstand (woningcorporatie)")
    OUTREACH = "outreach", _("Outreach / vindplaats")
    OVERIG = "overig", _("Overig")


class SignaalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AANMELDING = "aanmelding", _("Aanmelding geworden")
    GEEN_ACTIE = "geen_actie", _("Geen actie nodig")


class Signaal(GemeenteModel):
    """A worry raised by a partner or by outreach before anyone has asked for help (glossary)."""

    bron = models.CharField(_("bron"), max_length=20, choices=SignaalBron.choices)
    melder = models.CharField(
        _("melder"), max_length=150, help_text=_("Naam en organisatie van wie het signaal geeft.")
    )
    omschrijving = models.TextField(_("wat is er aan de hand"))
    persoon = models.ForeignKey(
        Persoon,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signalen",
        verbose_name=_("inwoner (als bekend)"),
    )
    adres = models.CharField(_("adres of plek"), max_length=200, blank=True)
    ontvangen_op = models.DateTimeField(_("ontvangen op"), default=timezone.now)
    status = models.CharField(_("status"), max_length=12, choices=SignaalStatus.choices, default=SignaalStatus.OPEN)
    reden_geen_actie = models.CharField(_("reden geen actie"), max_length=300, blank=True)
    geregistreerd_door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")
    afgehandeld_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-ontvangen_op"]
        indexes = [models.Index(fields=["gemeente", "status", "ontvangen_op"], name="signaal_gemeente_status")]

    def __str__(self) -> str:
        return f"Signaal {self.pk} ({self.get_bron_display()})"


class AanmeldingStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    VOORKANT = "voorkant", _("Opgelost aan de voorkant")
    BUREAUDIENST = "bureaudienst", _("Bij de bureaudienst")
    TOEGEDEELD = "toegedeeld", _("Toegedeeld")


class Aanmelding(GemeenteModel):
    """A registered question. Every step is time-stamped so that wachttijd can be measured."""

    kanaal = models.CharField(_("kanaal"), max_length=15, choices=Kanaal.choices)
    verwijzer = models.CharField(_("verwijzer"), max_length=2, choices=Verwijzer.choices, blank=True)
    verwijzer_naam = models.CharField(_("naam verwijzer of organisatie"), max_length=150, blank=True)
    vraagsteller = models.CharField(
        _("wie vraagt"), max_length=150, blank=True, help_text=_("Leeg als de inwoner het zelf vraagt.")
    )
    contact = models.CharField(
        _("hoe bereikbaar"),
        max_length=150,
        blank=True,
        help_text=_("Telefoon of e-mail om terug te bellen of te mailen."),
    )
    persoon = models.ForeignKey(
        Persoon,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanmeldingen",
        verbose_name=_("voor wie"),
    )
    huishouden = models.ForeignKey(
        Huishouden,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanmeldingen",
        verbose_name=_("huishouden"),
    )
    anoniem_naam = models.CharField(_("naam (nog niet geregistreerd)"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    vraag = models.TextField(_("de vraag, in de woorden van de inwoner"))
    ontvangen_op = models.DateTimeField(_("ontvangen op"), default=timezone.now)
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), default=timezone.now, editable=False)
    geregistreerd_door = models.ForeignKey(
        Medewerker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=15, choices=AanmeldingStatus.choices, default=AanmeldingStatus.NIEUW
    )
    # The front-door answer (KCC): informatie en advies, possibly towards a voorziening.
    advies = models.TextField(_("gegeven informatie en advies"), blank=True)
    voorziening = models.ForeignKey(
        Voorziening, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("verwezen naar")
    )
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    eerste_contact_op = models.DateTimeField(_("eerste contact op"), null=True, blank=True)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="aanmeldingen", verbose_name=_("team")
    )
    medewerker = models.ForeignKey(
        Medewerker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aanmeldingen",
        verbose_name=_("medewerker"),
    )
    toegedeeld_op = models.DateTimeField(_("toegedeeld op"), null=True, blank=True)
    # A casus collects every question of its household while it is open (one household, one casus).
    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, null=True, blank=True, related_name="aanmeldingen",
                              related_query_name="aanmelding")
    signaal = models.OneToOneField(Signaal, on_delete=models.SET_NULL, null=True, blank=True, related_name="aanmelding")

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["-ontvangen_op"]
        indexes = [
            models.Index(fields=["gemeente", "status", "ontvangen_op"], name="aanmelding_gemeente_status"),
            models.Index(fields=["gemeente", "team", "status"], name="aanmelding_gemeente_team"),
            models.Index(fields=["gemeente", "ontvangen_op"], name="aanmelding_gemeente_ontvangen"),
            # The start page's alarms and new allocations: the few aanmeldingen still waiting for a
            # first contact, out of years of them (a full scan of the gemeente's rows without it).
            models.Index(fields=["gemeente", "ontvangen_op"], name="aanmelding_wacht_op_contact",
                         condition=Q(eerste_contact_op__isnull=True) & ~Q(status="voorkant")),
        ]

    def __str__(self) -> str:
        return f"Aanmelding {self.pk}"

    @property
    def voor_wie(self) -> str:
        if self.persoon_id:
            return self.persoon.naam
        return self.anoniem_naam or str(_("nog onbekend"))


class Urgentie(models.TextChoices):
    ACUUT = "acuut", _("Acuut")
    HOOG = "hoog", _("Hoog")
    NORMAAL = "normaal", _("Normaal")


URGENTIE_VOLGORDE = {Urgentie.ACUUT: 0, Urgentie.HOOG: 1, Urgentie.NORMAAL: 2}


class Veiligheid(models.TextChoices):
    NEE = "nee", _("Nee, geen zorgen over veiligheid")
    TWIJFEL = "twijfel", _("Twijfel")
    JA = "ja", _("Ja, er zijn zorgen over veiligheid")


class Aard(models.TextChoices):
    """Aard van de vraag (seed 004 Tabel 7)."""

    INFORMATIE = "informatie", _("Informatie en advies")
    ENKELVOUDIG_ZONDER = "enkelvoudig_zonder", _("Enkelvoudige vraag, plan zonder indicatie")
    ENKELVOUDIG_MET = "enkelvoudig_met", _("Enkelvoudige vraag, plan met indicatie")
    MEERVOUDIG_ZONDER = "meervoudig_zonder", _("Meervoudige vraag, plan zonder indicatie")
    MEERVOUDIG_MET = "meervoudig_met", _("Meervoudige vraag, plan met indicatie")


class Uitkomst(models.TextChoices):
    OPGELOST = "opgelost", _("Opgelost met informatie, advies of eigen kracht")
    KORTDUREND = "kortdurend", _("Kortdurende ondersteuning door het team")
    VRAAGVERHELDERING = "vraagverheldering", _("Vraagverheldering")
    SPECIALISTISCH = "specialistisch", _("Direct specialistische hulp")
    VEILIGHEID = "veiligheid", _("Veiligheid: meldcode / Veilig Thuis")


class Triage(GemeenteModel):
    """Understand, route, escalate. The safety question is always asked and cannot be skipped."""

    aanmelding = models.OneToOneField(Aanmelding, on_delete=models.CASCADE, related_name="triage")
    urgentie = models.CharField(_("urgentie"), max_length=10, choices=Urgentie.choices, default=Urgentie.NORMAAL)
    veiligheid = models.CharField(
        _("zijn er zorgen over de veiligheid van iemand in het huishouden?"), max_length=10, choices=Veiligheid.choices
    )
    veiligheid_toelichting = models.TextField(_("toelichting veiligheid"), blank=True)
    leefgebieden = models.ManyToManyField(Leefgebied, blank=True, related_name="+", verbose_name=_("leefgebieden"))
    betrokken_leden = models.ManyToManyField(
        Persoon, blank=True, related_name="+", verbose_name=_("betrokken gezinsleden")
    )
    meervoudig = models.BooleanField(_("meervoudige vraag"), default=False)
    aard = models.CharField(_("aard van de vraag"), max_length=20, choices=Aard.choices)
    uitkomst = models.CharField(_("route"), max_length=20, choices=Uitkomst.choices)
    vraagverheldering_door = models.ForeignKey(
        Medewerker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vraagverheldering door"),
    )
    door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")
    op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("triage")
        verbose_name_plural = _("triages")

    @property
    def alarm(self) -> bool:
        """Acute or unsafe: visible at once to the bureaudienst and the gedragswetenschapper."""
        return self.urgentie == Urgentie.ACUUT or self.veiligheid in (Veiligheid.JA, Veiligheid.TWIJFEL)


class Toedeling(GemeenteModel):
    """One allocation of an aanmelding by the bureaudienst (a reallocation gives a new row, with reason).

    Not 'Toewijzing': that word is the iWmo/iJw assignment to a provider (glossary).
    """

    aanmelding = models.ForeignKey(Aanmelding, on_delete=models.CASCADE, related_name="toedelingen")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    medewerker = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")
    op = models.DateTimeField(default=timezone.now)
    reden = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["op", "pk"]


class WebformulierPoging(models.Model):
    """Rate limiting of the public form across processes: a hashed address and a time, nothing else."""

    bron_hash = models.CharField(max_length=64, db_index=True)
    op = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.bron_hash[:8]} {self.op:%Y-%m-%d %H:%M}"
