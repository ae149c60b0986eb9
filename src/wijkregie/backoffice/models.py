"""Backoffice: the beschikking on a plan's maatwerk request and the toewijzingen it assigns to providers.

Glossary names. A Beschikking answers one BeschikkingVerzoek (one maatwerk line of a signed plan) with a
decision taken under mandaat (Awb 10:1-10:9). Each product it grants to a provider is a Toewijzing, which
the iWmo/iJw exchange (backoffice.berichten, backoffice.istandaard) sends as a WMO301/JW301
ToegewezenProduct. Field docstrings (`help_text` is for users, the comment above each field is for the
exchange) name the i-Standaard 3.2 element a field maps to: `Client/ToegewezenProducten/ToegewezenProduct/...`
in WMO301.xsd / JW301.xsd (../shared/istandaarden/{wmo,jw}/xsd/).
"""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.casus.models import Casus, CasusGebondenQuerySet
from wijkregie.core.models import GemeenteModel
from wijkregie.inwoners.models import Persoon
from wijkregie.organisatie.models import Mandaat, Medewerker, Wet

#: Awb 6:7: the bezwaartermijn is six weeks; Awb 6:8 lets it start the day after the decision is sent.
BEZWAARTERMIJN = datetime.timedelta(weeks=6)

#: The highest ToewijzingNummer the standard allows (basisschema LDT_Nummer: integer 0..999999999).
TOEWIJZINGNUMMER_MAX = 999_999_999
#: LDT_Volume: integer 0..99999999.
VOLUME_MAX = 99_999_999

agb_validator = RegexValidator(
    r"^[0-9]{8}$",
    _("Een AGB-code bestaat uit precies 8 cijfers."),
    code="agb",
)


class BeschikkingWet(models.TextChoices):
    """The laws a maatwerk request falls under. The Wmo 2015 (iWmo) and the Jeugdwet (iJw) assign products to
    providers with a 301; a Participatiewet decision has no i-Standaard and no Toewijzing."""

    WMO = Wet.WMO.value, Wet.WMO.label
    JEUGDWET = Wet.JEUGDWET.value, Wet.JEUGDWET.label
    PARTICIPATIEWET = Wet.PARTICIPATIEWET.value, Wet.PARTICIPATIEWET.label


#: Laws whose grants become Toewijzingen and 301 messages.
ISTANDAARD_WETTEN = (Wet.WMO.value, Wet.JEUGDWET.value)


class Besluit(models.TextChoices):
    TOEKENNING = "toekenning", _("Toekenning")
    GEDEELTELIJK = "gedeeltelijk", _("Gedeeltelijke toekenning")
    AFWIJZING = "afwijzing", _("Afwijzing")


class Toewijzingsvariant(models.TextChoices):
    """The uitvoeringsvariant (iWmo IV074, OP086). Not an element of its own in the 301: it shows in
    Omvang. Inspanningsgericht: a volume of time per period (Eenheid minuut/uur/dagdeel/etmaal or
    stuks (inspanning) 84, Frequentie per dag/week/maand). Outputgericht: a result, Eenheid 82 stuks
    (output) or 83 euro's, usually Frequentie 6 'totaal binnen geldigheidsduur toewijzing'."""

    INSPANNINGSGERICHT = "inspanningsgericht", _("Inspanningsgericht")
    OUTPUTGERICHT = "outputgericht", _("Outputgericht")


class RedenWijziging(models.TextChoices):
    """JZ002 (iJw) / WMO002 (iWmo) 'Reden wijziging toewijzing': the same codes in both; 01 is withdrawn
    ('vervallen, niet gebruiken') and is therefore not offered."""

    OVERLEDEN = "02", _("Cliënt overleden")
    CONTRACTWIJZIGING = "03", _("Contractwijziging")
    VERLENGING = "04", _("Herbeoordeling: verlenging toewijzing")
    VERKORTING = "05", _("Herbeoordeling: verkorting toewijzing")
    ANDER_DOMEIN = "06", _("Uitstroom naar ander domein")
    VERHUIZING = "07", _("Verhuizing naar een andere gemeente")
    LEVERINGSVORM = "08", _("Wijziging leveringsvorm")
    ANDERE_AANBIEDER = "09", _("Overstap naar andere aanbieder")
    BEKOSTIGING = "10", _("Overgang naar nieuwe bekostigingssystematiek")
    HERINDELING = "11", _("Gemeentelijke herindeling")
    AANBIEDER = "12", _("Geïnitieerd door de aanbieder")
    VERWIJDERD = "13", _("Verwijderd")
    CORRECTIE = "14", _("Administratieve correctie")


class ToewijzingStatus(models.TextChoices):
    ACTIEF = "actief", _("Actief")
    GEWIJZIGD = "gewijzigd", _("Gewijzigd")
    BEEINDIGD = "beeindigd", _("Beëindigd")


class Beschikking(GemeenteModel):
    """The decision on one maatwerk request (seed 004: the team asks, the backoffice decides and issues).

    Taken by a medewerker under a Mandaat that covers the law and product category on the day of the
    decision. The letter (PDF) is rendered on demand from these fields (backoffice.services), never stored.
    """

    objects = CasusGebondenQuerySet.as_manager()

    # The request it answers (the plan's maatwerk line). One decision per request.
    verzoek = models.OneToOneField("plan.BeschikkingVerzoek", on_delete=models.PROTECT, related_name="beschikking",
                                   verbose_name=_("verzoek"))
    # The casus of the plan (kept here so one visibility rule, CasusGebondenQuerySet, serves the decision).
    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="beschikkingen")
    # 301: Client (Bsn, Geboortedatum, Geslacht, Naam) — the resident the decision is for.
    persoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, related_name="beschikkingen", verbose_name=_("inwoner")
    )
    # Which standard: wmo → iWmo WMO301, jeugdwet → iJw JW301; participatiewet → none (no Toewijzing).
    wet = models.CharField(_("wet"), max_length=20, choices=BeschikkingWet.choices)
    besluit = models.CharField(_("besluit"), max_length=15, choices=Besluit.choices)
    # Not in the 301 (the letter only): the article(s) the decision rests on.
    grondslag = models.CharField(_("wettelijke grondslag"), max_length=300,
                                 help_text=_("Bijvoorbeeld: artikel 2.3.5 Wet maatschappelijke ondersteuning 2015."))
    # Not in the 301 (the letter only). Awb 3:46: a decision rests on a sound motivation.
    motivering = models.TextField(_("motivering"))
    besloten_door = models.ForeignKey(
        Medewerker, on_delete=models.PROTECT, related_name="+", verbose_name=_("besloten door")
    )
    mandaat = models.ForeignKey(Mandaat, on_delete=models.PROTECT, related_name="+", verbose_name=_("mandaat"))
    # 301 ToegewezenProduct/Toewijzingsdatum + Toewijzingstijd of the first 301 (a change sets its own).
    besloten_op = models.DateTimeField(_("besloten op"), default=timezone.now)
    # The decision's own period (a refusal has none); each Toewijzing carries its own Ingangsdatum/Einddatum.
    ingangsdatum = models.DateField(_("ingangsdatum"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    # Awb 6:7/6:8: six weeks from the day after the letter is sent (verzonden_op).
    verzonden_op = models.DateField(_("verzonden op"), default=timezone.localdate)
    bezwaar_tot = models.DateField(_("bezwaar mogelijk tot en met"))

    class Meta:
        verbose_name = _("beschikking")
        verbose_name_plural = _("beschikkingen")
        ordering = ["-besloten_op"]
        indexes = [models.Index(fields=["gemeente", "besloten_op"], name="beschikking_gemeente_besloten")]
        constraints = [
            models.CheckConstraint(condition=Q(einddatum__isnull=True) | Q(ingangsdatum__isnull=True)
                                   | Q(einddatum__gte=models.F("ingangsdatum")), name="beschikking_periode_oplopend"),
        ]

    def __str__(self) -> str:
        return f"Beschikking {self.kenmerk}"

    @property
    def kenmerk(self) -> str:
        """The reference printed on the letter ('ons kenmerk'): no personal data, just year and number."""
        return f"B{self.besloten_op:%Y}-{self.pk:06d}" if self.pk else ""

    @staticmethod
    def bezwaartermijn_einde(verzonden_op: datetime.date) -> datetime.date:
        """Awb 6:8 lid 1: the term starts the day after sending, so it ends six weeks after the sending day."""
        return verzonden_op + BEZWAARTERMIJN

    def save(self, *args, **kwargs):
        if not self.bezwaar_tot and self.verzonden_op:
            self.bezwaar_tot = self.bezwaartermijn_einde(self.verzonden_op)
        super().save(*args, **kwargs)


class ToewijzingQuerySet(CasusGebondenQuerySet):
    authorizations_lookup = "beschikking__casus"

    def lopend(self, datum: datetime.date | None = None):
        """Not ended and not yet past its einddatum."""
        datum = datum or timezone.localdate()
        return self.exclude(status=ToewijzingStatus.BEEINDIGD).filter(
            Q(einddatum__isnull=True) | Q(einddatum__gte=datum)
        )


class Toewijzing(GemeenteModel):
    """One product assigned to one provider: a WMO301/JW301 `ToegewezenProduct`.

    A change (einddatum or volume, OP033x1) or an end keeps the ToewijzingNummer and produces a new 301
    with RedenWijziging; the most recent Toewijzingsdatum/-tijd (`vastgesteld_op`) is the current one.
    """

    objects = ToewijzingQuerySet.as_manager()

    beschikking = models.ForeignKey(Beschikking, on_delete=models.PROTECT, related_name="toewijzingen")
    # ToegewezenProduct/ToewijzingNummer (LDT_Nummer, 0..999999999), unique within the gemeente (Afzender).
    toewijzingnummer = models.PositiveIntegerField(
        _("toewijzingnummer"), validators=[MaxValueValidator(TOEWIJZINGNUMMER_MAX)]
    )
    # ToegewezenProduct/Product/Categorie: WMO020 (Wmo) or JZ020 (Jeugdwet), see plan.codelijsten.
    productcategorie = models.CharField(_("productcategorie"), max_length=3)
    # ToegewezenProduct/Product/Code (LDT_ProductCode, at most 5 characters); empty = aspecifiek (category only).
    productcode = models.CharField(_("productcode"), max_length=5, blank=True)
    # ToegewezenProduct/Omvang/Volume (LDT_Volume, integer 0..99999999).
    volume = models.PositiveIntegerField(_("volume"), validators=[MinValueValidator(1), MaxValueValidator(VOLUME_MAX)])
    # ToegewezenProduct/Omvang/Eenheid (WJ756).
    eenheid = models.CharField(_("eenheid"), max_length=2)
    # ToegewezenProduct/Omvang/Frequentie (WMO757).
    frequentie = models.CharField(_("frequentie"), max_length=1)
    # No element of its own: decides how Omvang is filled (see Toewijzingsvariant).
    variant = models.CharField(_("toewijzingsvariant"), max_length=20, choices=Toewijzingsvariant.choices,
                               default=Toewijzingsvariant.INSPANNINGSGERICHT)
    # ToegewezenProduct/Ingangsdatum.
    ingangsdatum = models.DateField(_("ingangsdatum"))
    # ToegewezenProduct/Einddatum (optional in the 301; an end or change sets it).
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    # Header/Ontvanger (LDT_AgbCode, 8 digits): the provider the 301 goes to.
    aanbieder_agb = models.CharField(_("AGB-code aanbieder"), max_length=8, validators=[agb_validator])
    # Not in the 301 (the Ontvanger is a code): the provider's name for the letter and the pages.
    aanbieder_naam = models.CharField(_("naam aanbieder"), max_length=150)
    # ToegewezenProduct/RedenWijziging (JZ002 / WMO002), set on a change or end.
    reden_wijziging = models.CharField(_("reden wijziging"), max_length=2, choices=RedenWijziging.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ToewijzingStatus.choices, default=ToewijzingStatus.ACTIEF
    )
    # ToegewezenProduct/Toewijzingsdatum + Toewijzingstijd of the latest 301 for this number.
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), default=timezone.now)
    # Filled by an incoming WMO305/JW305 (start zorg): Ingangsdatum of the StartProduct.
    gestart_op = models.DateField(_("gestart op"), null=True, blank=True)
    # Filled by an incoming WMO307/JW307 (stop zorg): Einddatum of the StopProduct.
    gestopt_op = models.DateField(_("gestopt op"), null=True, blank=True)
    # Filled by an incoming 307: RedenBeeindiging (WMO588 / JZ588).
    reden_beeindiging = models.CharField(_("reden beëindiging"), max_length=2, blank=True)

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        ordering = ["ingangsdatum", "toewijzingnummer"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "toewijzingnummer"], name="toewijzing_nummer_uniek"),
            models.CheckConstraint(condition=Q(einddatum__isnull=True) | Q(einddatum__gte=models.F("ingangsdatum")),
                                   name="toewijzing_periode_oplopend"),
        ]
        indexes = [
            # Expiring indications: running toewijzingen by end date.
            models.Index(fields=["gemeente", "status", "einddatum"], name="toewijzing_gemeente_einde"),
            models.Index(fields=["gemeente", "aanbieder_agb"], name="toewijzing_gemeente_agb"),
        ]

    def __str__(self) -> str:
        return f"Toewijzing {self.toewijzingnummer}"

    @property
    def wet(self) -> str:
        return self.beschikking.wet

    @property
    def productcategorie_omschrijving(self) -> str:
        from wijkregie.plan.codelijsten import omschrijving

        return omschrijving(self.beschikking.wet, self.productcategorie)

    @property
    def eenheid_omschrijving(self) -> str:
        from wijkregie.plan.codelijsten import eenheden

        return dict(eenheden()).get(self.eenheid, self.eenheid).lower()

    @property
    def frequentie_omschrijving(self) -> str:
        from wijkregie.plan.codelijsten import frequenties

        return dict(frequenties()).get(self.frequentie, "").lower()


# ---------------------------------------------------------------------------------------------------
# The iWmo/iJw exchange's models (added by the exchange engineer) go below this line.
# --- iWmo/iJw exchange (berichten) ---


class Richting(models.TextChoices):
    IN = "in", _("Ontvangen")
    UIT = "uit", _("Verstuurd")


class BerichtStatus(models.TextChoices):
    # Outgoing: waiting for the gateway, handed over, or returned rejected by the provider (302/320).
    KLAAR = "klaar", _("Klaar om te versturen")
    VERVALLEN = "vervallen", _("Vervangen door een nieuwer bericht")
    VERZONDEN = "verzonden", _("Verzonden")
    AFGEKEURD_DOOR_AANBIEDER = "afgekeurd_aanbieder", _("Afgekeurd door de aanbieder")
    # Incoming: applied, or answered with a rejection (nothing applied).
    VERWERKT = "verwerkt", _("Verwerkt")
    AFGEKEURD = "afgekeurd", _("Afgekeurd")


class Bericht(GemeenteModel):
    """One iWmo/iJw message in or out, kept with its content and outcome (issue 19: the file kept with
    its outcome). The content is the XML as sent or received; it holds personal data, so the pages show
    it only to the backoffice (berichten.berichten_zichtbaar_voor: the gemeente's backoffice, which the
    access policy gives every resident's identity) and every view is audited per client.
    Not bound to a casus: a provider's request may concern a resident without one."""

    richting = models.CharField(_("richting"), max_length=3, choices=Richting.choices)
    # "JW301", "WMO305", ...: the standard and message number.
    soort = models.CharField(_("berichtsoort"), max_length=6)
    # The provider on the other side (Header/Afzender of an incoming, Ontvanger of an outgoing message).
    aanbieder_agb = models.CharField(_("AGB-code aanbieder"), max_length=8)
    # Header/BerichtIdentificatie/Identificatie (LDT_IdentificatieBericht, at most 12 characters; TR056).
    identificatie = models.CharField(_("identificatie"), max_length=12)
    dagtekening = models.DateField(_("dagtekening"))
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255, blank=True)
    inhoud = models.TextField(_("inhoud"))
    status = models.CharField(_("status"), max_length=20, choices=BerichtStatus.choices)
    # WJ001 codes given (incoming) or received (302/320), comma-separated.
    retourcodes = models.CharField(_("retourcodes"), max_length=200, blank=True)
    # The reasons in Dutch, one per line, with the rule ids (never shown to anyone but the backoffice).
    toelichting = models.TextField(_("toelichting"), blank=True)
    # The client it is about (Client/Bsn matched to a resident of this gemeente), when known.
    persoon = models.ForeignKey(Persoon, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("inwoner"))
    # A retour answers its heenbericht; a 301/319 may answer a 315/317.
    antwoord_op = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="antwoorden",
                                    verbose_name=_("antwoord op"))
    # 315/317/319/320: the provider's ReferentieAanbieder (TR347, TR355).
    referentie = models.CharField(_("referentie aanbieder"), max_length=36, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                        verbose_name=_("door"))
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    # OP090: the retour within 3 working days of receipt; a 301/319 on a 315/317 within 5 (OP274/OP346).
    uiterlijk_op = models.DateField(_("uiterlijk op"), null=True, blank=True)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [
            models.Index(fields=["gemeente", "richting", "status"], name="bericht_gemeente_status"),
            models.Index(fields=["gemeente", "persoon"], name="bericht_gemeente_persoon"),
            models.Index(fields=["gemeente", "aanbieder_agb", "soort", "identificatie"], name="bericht_identificatie"),
        ]

    def __str__(self) -> str:
        return f"{self.soort} {self.identificatie}"

    @property
    def retourcode_lijst(self) -> list[str]:
        return [c for c in self.retourcodes.split(",") if c]


class Regiemelding(GemeenteModel):
    """A start (305) or stop (307) of delivery on a Toewijzing as the provider reported it; the history
    the rules TR063, TR071, TR074, TR326 and TR413-415 are checked against."""

    toewijzing = models.ForeignKey(Toewijzing, on_delete=models.PROTECT, related_name="regiemeldingen")
    stop = models.BooleanField(_("stop"), default=False)
    begindatum = models.DateField(_("begindatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    reden_beeindiging = models.CharField(_("reden beëindiging"), max_length=2, blank=True)
    verwijderd = models.BooleanField(_("verwijderd"), default=False)
    bericht = models.ForeignKey(Bericht, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("start- of stopmelding")
        verbose_name_plural = _("start- en stopmeldingen")
        ordering = ["begindatum", "pk"]


class BerichttaakSoort(models.TextChoices):
    VERZOEK_TOEWIJZING = "vot", _("Verzoek om toewijzing beantwoorden")
    VERZOEK_WIJZIGING = "vow", _("Verzoek om wijziging beantwoorden")
    AFKEUR = "afkeur", _("Afkeuring door de aanbieder oplossen")


class Berichttaak(GemeenteModel):
    """Work for the backoffice that a message brings: a 315/317 to answer with a 301 or 319 within 5
    working days (OP274/OP346), or a provider's rejection (302/320) of what we sent."""

    soort = models.CharField(_("soort"), max_length=10, choices=BerichttaakSoort.choices)
    bericht = models.ForeignKey(Bericht, on_delete=models.PROTECT, related_name="taken")
    persoon = models.ForeignKey(Persoon, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The AangevraagdProduct's or Verzoek's ReferentieAanbieder: a 301 or 319 answering it carries it (TR355, TR379).
    referentie = models.CharField(_("referentie aanbieder"), max_length=36, blank=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=300)
    uiterlijk_op = models.DateField(_("uiterlijk op"))
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afgehandeld_met = models.ForeignKey(Bericht, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("berichttaak")
        verbose_name_plural = _("berichttaken")
        ordering = ["uiterlijk_op", "pk"]
        indexes = [models.Index(fields=["gemeente", "afgehandeld_op", "uiterlijk_op"], name="berichttaak_open")]
