"""Regie: one regisseur per casus, betrokkenen, contactmomenten, op- en afschalen, evaluaties, check-ins.

Glossary names. 'Eén huishouden, één plan, één regisseur' (seed 002 §9) is a database constraint.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.casus.models import Casus, CasusGebondenQuerySet
from wijkregie.core.models import GemeenteModel
from wijkregie.organisatie.models import Medewerker, Organisatie
from wijkregie.plan.models import Doel, Ondersteuningsplan


class Grondslag(models.TextChoices):
    """A legal ground to share without consent (casus.services.WETTELIJKE_GRONDSLAGEN): audited with it."""

    VEILIGHEID = "veiligheid", _("Veiligheid (meldcode huiselijk geweld en kindermishandeling)")
    WETTELIJKE_TAAK = "wettelijke_taak", _("Wettelijke taak (Jeugdwet, Wmo 2015, jeugdbescherming)")


class RegieSoort(models.TextChoices):
    CASUSREGIE = "casusregie", _("Casusregie (naast het huishouden, inhoudelijk)")
    PROCESREGIE = "procesregie", _("Procesregie (coördinatie, doorzettingsmacht)")


class Houder(models.TextChoices):
    INWONER = "inwoner", _("De inwoner zelf")
    MEDEWERKER = "medewerker", _("Een medewerker van het team")
    ORGANISATIE = "organisatie", _("Een partnerorganisatie")
    NETWERK = "netwerk", _("Het netwerk")


class Regie(GemeenteModel):
    """Who holds regie over a casus, from when until when. At most one open row per casus."""

    objects = CasusGebondenQuerySet.as_manager()

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="regies")
    soort = models.CharField(_("soort regie"), max_length=12, choices=RegieSoort.choices, default=RegieSoort.CASUSREGIE)
    houder = models.CharField(_("wie heeft de regie"), max_length=12, choices=Houder.choices)
    medewerker = models.ForeignKey(
        Medewerker, on_delete=models.PROTECT, null=True, blank=True, related_name="regies", verbose_name=_("medewerker")
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organisatie")
    )
    netwerk = models.CharField(_("wie uit het netwerk"), max_length=150, blank=True)
    grondslag = models.CharField(_("wettelijke grondslag (zonder toestemming)"), max_length=20,
                                 choices=Grondslag.choices, blank=True)
    grondslag_toelichting = models.CharField(_("waarom zonder toestemming"), max_length=300, blank=True)
    uitleg_aan_inwoner = models.TextField(
        _("uitgelegd aan de inwoner"), blank=True,
        help_text=_("Waarom niet de inwoner zelf de regie heeft, zoals het aan de inwoner is uitgelegd."),
    )
    vinger_aan_de_pols = models.ForeignKey(
        Medewerker, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("medewerker die vinger aan de pols houdt"),
    )
    van = models.DateTimeField(default=timezone.now)
    tot = models.DateTimeField(null=True, blank=True)
    door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("regie")
        verbose_name_plural = _("regie")
        ordering = ["-van"]
        constraints = [
            models.UniqueConstraint(fields=["casus"], condition=Q(tot__isnull=True), name="een_regisseur_per_casus"),
            models.CheckConstraint(
                condition=Q(houder="inwoner") | ~Q(uitleg_aan_inwoner=""), name="regie_uitleg_als_niet_inwoner"
            ),
            models.CheckConstraint(
                condition=~Q(houder="organisatie") | Q(vinger_aan_de_pols__isnull=False, organisatie__isnull=False),
                name="regie_partner_met_vinger_aan_de_pols",
            ),
            models.CheckConstraint(condition=~Q(houder="medewerker") | Q(medewerker__isnull=False),
                                   name="regie_medewerker_genoemd"),
        ]
        indexes = [
            # "My casussen" on the start page: the open regie rows of one medewerker, among years of
            # closed ones (without it PostgreSQL combined two large bitmaps at Utrecht size).
            models.Index(fields=["medewerker"], condition=Q(tot__isnull=True), name="regie_open_per_medewerker"),
        ]

    def __str__(self) -> str:
        return f"{self.get_houder_display()}: {self.houder_naam}"

    @property
    def houder_naam(self) -> str:
        if self.houder == Houder.MEDEWERKER:
            return str(self.medewerker or "")
        if self.houder == Houder.ORGANISATIE:
            return str(self.organisatie or "")
        if self.houder == Houder.NETWERK:
            return self.netwerk
        return str(self.casus.hoofdpersoon or _("de inwoner"))


class Betrokkene(GemeenteModel):
    """Someone involved in the household's help: a professional of a named organisation (shared with
    only under each member's consent, or a recorded legal ground) or someone of the household's own
    network. Ends (`tot`) when the consent it rested on is withdrawn."""

    objects = CasusGebondenQuerySet.as_manager()

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="betrokkenen")
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organisatie")
    )
    uit_netwerk = models.BooleanField(_("uit het eigen netwerk van het huishouden"), default=False,
                                      help_text=_("Familie, buren, vrienden: geen organisatie."))
    grondslag = models.CharField(_("wettelijke grondslag (zonder toestemming)"), max_length=20,
                                 choices=Grondslag.choices, blank=True)
    grondslag_toelichting = models.CharField(_("waarom zonder toestemming"), max_length=300, blank=True)
    naam = models.CharField(_("naam en functie"), max_length=150)
    rol = models.CharField(_("rol"), max_length=150, blank=True)
    monitort = models.BooleanField(_("houdt de voortgang bij"), default=False)
    contactpersoon = models.BooleanField(_("is contactpersoon"), default=False)
    evalueert = models.BooleanField(_("evalueert mee"), default=False)
    sinds = models.DateField(default=timezone.localdate)
    tot = models.DateField(_("tot en met"), null=True, blank=True)
    reden_einde = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        ordering = ["naam"]
        constraints = [
            # An external betrokkene always names its organisation (the consent check needs it); free-text
            # ones from before this rule were ended (migration 0007).
            models.CheckConstraint(condition=Q(uit_netwerk=True) | Q(organisatie__isnull=False) | Q(tot__isnull=False),
                                   name="betrokkene_organisatie_of_netwerk"),
        ]


class ContactSoort(models.TextChoices):
    HUISBEZOEK = "huisbezoek", _("Huisbezoek")
    TELEFOON = "telefoon", _("Telefoon")
    GESPREK = "gesprek", _("Gesprek op locatie")
    VIDEO = "video", _("Videobellen")
    OVERLEG = "overleg", _("Overleg met betrokkenen")
    BERICHT = "bericht", _("E-mail of bericht")


class Contactmoment(GemeenteModel):
    """One contact, logged in one line; notes optional."""

    objects = CasusGebondenQuerySet.as_manager()

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="contactmomenten")
    soort = models.CharField(_("soort"), max_length=12, choices=ContactSoort.choices, default=ContactSoort.HUISBEZOEK)
    op = models.DateTimeField(_("wanneer"), default=timezone.now)
    met_wie = models.CharField(_("met wie"), max_length=150)
    duur_minuten = models.PositiveSmallIntegerField(_("duur (minuten)"), null=True, blank=True)
    notitie = models.TextField(_("notitie"), blank=True)
    door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-op"]
        indexes = [models.Index(fields=["gemeente", "casus", "op"], name="contact_gemeente_casus_op")]


class Richting(models.TextChoices):
    OP = "op", _("Opschalen")
    AF = "af", _("Afschalen")


class SchalingNaar(models.TextChoices):
    SPECIALISTISCH = "specialistisch", _("Specialistische zorg")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    JEUGDBESCHERMING = "jeugdbescherming", _("Jeugdbescherming (dwang en drang)")
    TEAM = "team", _("Terug naar het team")
    NETWERK = "netwerk", _("Naar het netwerk (vinger aan de pols)")


class Schaling(GemeenteModel):
    objects = CasusGebondenQuerySet.as_manager()

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="schalingen")
    richting = models.CharField(_("richting"), max_length=2, choices=Richting.choices)
    naar = models.CharField(_("naar"), max_length=20, choices=SchalingNaar.choices)
    ontvangende_partij = models.CharField(_("ontvangende partij"), max_length=150, blank=True)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("ontvangende organisatie"))
    grondslag = models.CharField(_("wettelijke grondslag (zonder toestemming)"), max_length=20,
                                 choices=Grondslag.choices, blank=True)
    reden = models.TextField(_("reden"))
    op = models.DateField(_("datum"), default=timezone.localdate)
    door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("schaling")
        verbose_name_plural = _("schalingen")
        ordering = ["-op", "-pk"]
        indexes = [models.Index(fields=["gemeente", "op"], name="schaling_gemeente_op")]  # monitor per period


class Evaluatie(GemeenteModel):
    """A planned review of the plan with the resident; held: goals judged, ZRM re-scored, next one planned."""

    objects = CasusGebondenQuerySet.as_manager()

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="evaluaties")
    plan = models.ForeignKey(Ondersteuningsplan, on_delete=models.PROTECT, related_name="evaluaties")
    gepland_op = models.DateField(_("gepland op"))
    gehouden_op = models.DateField(_("gehouden op"), null=True, blank=True)
    met_inwoner = models.BooleanField(_("samen met de inwoner"), default=True)
    verslag = models.TextField(_("verslag"), blank=True)
    door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")
    vervallen = models.BooleanField(default=False, help_text="no longer due (casus closed); kept as history")

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["gepland_op"]
        indexes = [models.Index(fields=["gemeente", "gehouden_op", "gepland_op"], name="evaluatie_open")]


class Behaald(models.TextChoices):
    JA = "ja", _("Behaald")
    DEELS = "deels", _("Deels behaald")
    NEE = "nee", _("Niet behaald")


class Doelbeoordeling(GemeenteModel):
    evaluatie = models.ForeignKey(Evaluatie, on_delete=models.CASCADE, related_name="beoordelingen")
    doel = models.ForeignKey(Doel, on_delete=models.PROTECT, related_name="beoordelingen")
    behaald = models.CharField(max_length=5, choices=Behaald.choices)
    toelichting = models.CharField(max_length=300, blank=True)


class CheckIn(GemeenteModel):
    """Vinger aan de pols: a planned check-in after afschalen (the schedule may run beyond a year)."""

    objects = CasusGebondenQuerySet.as_manager()

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="checkins")
    medewerker = models.ForeignKey(Medewerker, on_delete=models.PROTECT, related_name="checkins")
    gepland_op = models.DateField(_("gepland op"))
    gedaan_op = models.DateField(_("gedaan op"), null=True, blank=True)
    notitie = models.TextField(_("notitie"), blank=True)
    vervallen = models.BooleanField(
        default=False, help_text="no longer due (casus closed or help scaled up); kept as history"
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["gepland_op"]
        indexes = [models.Index(fields=["gemeente", "medewerker", "gedaan_op", "gepland_op"], name="checkin_open")]


class RedenBeeindiging(models.TextChoices):
    """CBS Beleidsinformatie Jeugd, reden beëindiging (glossary)."""

    VOLGENS_PLAN = "01", _("01 Volgens plan beëindigd")
    OVEREENSTEMMING = "02", _("02 In overeenstemming beëindigd")
    CLIENT = "03", _("03 Eenzijdig door de cliënt beëindigd")
    AANBIEDER = "04", _("04 Eenzijdig door de aanbieder beëindigd")
    EXTERN = "05", _("05 Beëindigd wegens externe omstandigheden")


class Afsluiting(GemeenteModel):
    objects = CasusGebondenQuerySet.as_manager()

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="afsluitingen")
    reden = models.CharField(_("reden"), max_length=2, choices=RedenBeeindiging.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    op = models.DateTimeField(default=timezone.now)
    door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")
    heropend_op = models.DateTimeField(null=True, blank=True)
    reden_heropenen = models.TextField(blank=True)

    class Meta:
        ordering = ["-op"]
        indexes = [models.Index(fields=["gemeente", "op"], name="afsluiting_gemeente_op")]  # monitor per period

    @property
    def heropend_binnen_12_maanden(self) -> bool:
        return bool(self.heropend_op and (self.heropend_op - self.op).days <= 365)


class Herinnering(GemeenteModel):
    """A reminder in someone's werkvoorraad, made by the background task for overdue work."""

    objects = CasusGebondenQuerySet.as_manager()

    medewerker = models.ForeignKey(Medewerker, on_delete=models.CASCADE, related_name="herinneringen")
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="herinneringen")
    sleutel = models.CharField(max_length=40, help_text="what it is about, e.g. evaluatie:12; one reminder each")
    tekst = models.CharField(max_length=200)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        ordering = ["aangemaakt_op"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "sleutel"], name="herinnering_eenmaal")]
