"""Plan: vraagverheldering (ZRM per member), veiligheid (analyse and meldcode), one ondersteuningsplan.

Glossary names. A signed plan is never edited: a change makes a new version (services.plan_new_version).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.casus.models import Casus, CasusGebondenQuerySet
from wijkregie.core.models import GemeenteModel
from wijkregie.inwoners.models import Persoon
from wijkregie.organisatie.models import Leefgebied, Medewerker, Organisatie, Voorziening, Wet


class ZrmNiveau(models.IntegerChoices):
    """Zelfredzaamheid-Matrix levels (names only; the cell criteria are licensed by GGD Amsterdam)."""

    ACUUT = 1, _("1 acute problematiek")
    NIET = 2, _("2 niet zelfredzaam")
    BEPERKT = 3, _("3 beperkt zelfredzaam")
    VOLDOENDE = 4, _("4 voldoende zelfredzaam")
    VOLLEDIG = 5, _("5 volledig zelfredzaam")


class ZrmScore(GemeenteModel):
    """One dated ZRM score of one household member on one life domain, with their own view."""

    objects = CasusGebondenQuerySet.as_manager()

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="zrm_scores")
    persoon = models.ForeignKey(Persoon, on_delete=models.PROTECT, related_name="+", verbose_name=_("gezinslid"))
    leefgebied = models.ForeignKey(Leefgebied, on_delete=models.PROTECT, related_name="+", verbose_name=_("leefgebied"))
    niveau = models.PositiveSmallIntegerField(_("niveau"), choices=ZrmNiveau.choices)
    datum = models.DateField(_("datum"), default=timezone.localdate)
    eigen_visie = models.TextField(_("hoe ziet de inwoner het zelf"), blank=True)
    eigen_kracht = models.TextField(_("sterke kanten en netwerk"), blank=True)
    notities = models.TextField(_("notities"), blank=True)
    door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("ZRM-score")
        verbose_name_plural = _("ZRM-scores")
        ordering = ["persoon", "leefgebied__volgorde", "-datum", "-pk"]
        indexes = [models.Index(fields=["gemeente", "casus", "persoon"], name="zrm_gemeente_casus_persoon"),
                   models.Index(fields=["gemeente", "datum"], name="zrm_gemeente_datum")]  # monitor per period


class Consult(GemeenteModel):
    """A question to a specialist (or the gedragswetenschapper) from within the casus: a task for them."""

    objects = CasusGebondenQuerySet.as_manager()

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="consulten")
    gevraagd_aan = models.ForeignKey(
        Medewerker, on_delete=models.PROTECT, related_name="consultvragen", verbose_name=_("aan wie")
    )
    vraag = models.TextField(_("vraag"))
    gevraagd_door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")
    gevraagd_op = models.DateTimeField(default=timezone.now)
    advies = models.TextField(_("advies"), blank=True)
    advies_op = models.DateTimeField(null=True, blank=True)
    over_veiligheid = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("consult")
        verbose_name_plural = _("consulten")
        ordering = ["-gevraagd_op"]
        indexes = [models.Index(fields=["gemeente", "gevraagd_aan", "advies_op"], name="consult_open_per_persoon")]


VEILIGHEIDSVRAGEN = (
    ("geweld", _("Is er sprake van (dreiging met) huiselijk geweld?")),
    ("kinderen", _("Zijn er zorgen over de veiligheid of ontwikkeling van kinderen in het huishouden?")),
    ("zelf", _("Is er gevaar voor de inwoner zelf (verwaarlozing, suïcidaliteit)?")),
    ("ouderen", _("Zijn er signalen van ouderenmishandeling of financiële uitbuiting?")),
    ("wapens_middelen", _("Spelen wapens, verslaving of ernstige psychische problemen een rol in de dreiging?")),
)


class Antwoord(models.TextChoices):
    NEE = "nee", _("Nee")
    TWIJFEL = "twijfel", _("Twijfel")
    JA = "ja", _("Ja")


class Veiligheidsanalyse(GemeenteModel):
    objects = CasusGebondenQuerySet.as_manager()

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="veiligheidsanalyses")
    antwoorden = models.JSONField(_("antwoorden"), default=dict)
    toelichting = models.TextField(_("toelichting"), blank=True)
    door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")
    op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("veiligheidsanalyse")
        verbose_name_plural = _("veiligheidsanalyses")
        ordering = ["-op"]

    @property
    def zorg(self) -> bool:
        return any(v in (Antwoord.JA, Antwoord.TWIJFEL) for v in self.antwoorden.values())


MELDCODE_STAPPEN = {
    1: _("Stap 1: signalen in kaart brengen"),
    2: _("Stap 2: collegiaal overleg en zo nodig Veilig Thuis raadplegen"),
    3: _("Stap 3: gesprek met de betrokkenen"),
    4: _("Stap 4: wegen aan de hand van het afwegingskader"),
    5: _("Stap 5: beslissen: melden bij Veilig Thuis en/of hulp bieden"),
}
AFWEGINGSKADER = (
    ("vermoeden", _("Is er een vermoeden van huiselijk geweld of kindermishandeling?")),
    ("acuut_structureel", _("Is er sprake van acute of structurele onveiligheid?")),
    ("hulp_bieden", _("Kan ik effectieve hulp bieden of organiseren?")),
    ("geaccepteerd", _("Wordt de hulp geaccepteerd?")),
    ("resultaat", _("Leidt de hulp tot het gewenste resultaat?")),
)


class MeldcodeStap(GemeenteModel):
    """One recorded step of the Meldcode huiselijk geweld en kindermishandeling (who, when, what)."""

    objects = CasusGebondenQuerySet.as_manager()

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="meldcodestappen")
    stap = models.PositiveSmallIntegerField(choices=[(k, v) for k, v in MELDCODE_STAPPEN.items()])
    verslag = models.TextField(_("wat is gedaan en gezien"))
    afwegingskader = models.JSONField(default=dict, blank=True)
    melding_veilig_thuis_op = models.DateField(_("melding bij Veilig Thuis op"), null=True, blank=True)
    referentie_veilig_thuis = models.CharField(_("kenmerk Veilig Thuis"), max_length=60, blank=True)
    door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")
    op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("meldcodestap")
        verbose_name_plural = _("meldcodestappen")
        ordering = ["stap", "op"]


class BevrorenQuerySet(models.QuerySet):
    """Bulk writes go past save() and delete(): refuse them when a signed plan is touched."""

    plan_pad = "plan__status"

    def _raakt_ondertekend(self) -> bool:
        return self.filter(**{self.plan_pad: "ondertekend"}).exists()

    def update(self, **kwargs):
        if self._raakt_ondertekend():
            raise ValueError("A signed plan is never changed: make a new version.")
        return super().update(**kwargs)

    def delete(self):
        if self._raakt_ondertekend():
            raise ValueError("A signed plan is never changed: make a new version.")
        return super().delete()


class PlanQuerySet(CasusGebondenQuerySet, BevrorenQuerySet):
    plan_pad = "status"


class PlanStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    TER_ONDERTEKENING = "ter_ondertekening", _("Ter ondertekening")
    ONDERTEKEND = "ondertekend", _("Ondertekend")


class Akkoord(models.TextChoices):
    MONDELING = "mondeling", _("Mondeling, in het gesprek")
    SCHRIFTELIJK = "schriftelijk", _("Schriftelijk (handtekening)")
    DIGITAAL = "digitaal", _("Digitaal (e-mail of portaal)")


class Ondersteuningsplan(GemeenteModel):
    """The household's one plan, in versions. A signed version is frozen (see save())."""

    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="plannen")
    versie = models.PositiveIntegerField(default=1)
    vorige = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="volgende")
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.CONCEPT)
    matched_care = models.TextField(_("waarom deze hulp nu past"), blank=True,
                                    help_text=_("Matched care: waarom deze hulp, niet meer en niet minder."))
    gedeelde_besluitvorming = models.TextField(_("wat het huishouden heeft afgesproken"), blank=True)
    niet_akkoord = models.TextField(_("waar het huishouden het niet mee eens is"), blank=True)
    akkoord_wijze = models.CharField(_("akkoord van de inwoner"), max_length=15, choices=Akkoord.choices, blank=True)
    akkoord_op = models.DateField(_("akkoord gegeven op"), null=True, blank=True)
    contactpersoon = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                       verbose_name=_("contactpersoon voor het huishouden"))
    ter_ondertekening_bij = models.ForeignKey(
        Medewerker, on_delete=models.SET_NULL, null=True, blank=True, related_name="te_tekenen_plannen"
    )
    # When it was offered: the signer's werkvoorraad shows recent offers, not years-old abandoned ones.
    ter_ondertekening_op = models.DateTimeField(null=True, blank=True)
    ondertekend_door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    ondertekend_op = models.DateTimeField(null=True, blank=True)
    mandaat = models.ForeignKey(
        "organisatie.Mandaat", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    aangemaakt_door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("ondersteuningsplan")
        verbose_name_plural = _("ondersteuningsplannen")
        ordering = ["casus", "-versie"]
        constraints = [models.UniqueConstraint(fields=["casus", "versie"], name="plan_casus_versie_uniek")]
        indexes = [
            # The start page's unsigned plans: a few among years of signed ones.
            models.Index(fields=["gemeente", "aangemaakt_op"], name="plan_ongetekend",
                         condition=models.Q(status__in=["concept", "ter_ondertekening"])),
        ]

    def __str__(self) -> str:
        return f"Ondersteuningsplan versie {self.versie}"

    @property
    def ondertekend(self) -> bool:
        return self.status == PlanStatus.ONDERTEKEND

    def save(self, *args, **kwargs):
        if self.pk and Ondersteuningsplan.objects.filter(pk=self.pk, status=PlanStatus.ONDERTEKEND).exists():
            raise ValueError("A signed plan is never changed: make a new version.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status == PlanStatus.ONDERTEKEND:
            raise ValueError("A signed plan is never deleted.")
        return super().delete(*args, **kwargs)


class Doel(GemeenteModel):
    """A goal of the plan, for one member or (persoon empty) for the whole household."""

    plan = models.ForeignKey(Ondersteuningsplan, on_delete=models.CASCADE, related_name="doelen")
    persoon = models.ForeignKey(Persoon, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("voor wie"), help_text=_("Leeg: het hele huishouden."))
    leefgebied = models.ForeignKey(Leefgebied, on_delete=models.PROTECT, related_name="+", verbose_name=_("leefgebied"))
    omschrijving = models.TextField(_("doel, in de woorden van de inwoner"))
    prioriteit = models.PositiveSmallIntegerField(
        _("prioriteit"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text=_("1 is het belangrijkst, samen met het huishouden bepaald."),
    )
    doel_niveau = models.PositiveSmallIntegerField(
        _("gewenst ZRM-niveau"), choices=ZrmNiveau.choices, null=True, blank=True
    )
    streefdatum = models.DateField(_("streefdatum"), null=True, blank=True)

    objects = BevrorenQuerySet.as_manager()

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["prioriteit", "pk"]

    def __str__(self) -> str:
        return self.omschrijving

    def save(self, *args, **kwargs):
        if Ondersteuningsplan.objects.filter(pk=self.plan_id, status=PlanStatus.ONDERTEKEND).exists():
            raise ValueError("A signed plan is never changed: make a new version.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if Ondersteuningsplan.objects.filter(pk=self.plan_id, status=PlanStatus.ONDERTEKEND).exists():
            raise ValueError("A signed plan is never changed: make a new version.")
        return super().delete(*args, **kwargs)


class Soort(models.TextChoices):
    """Arrangement types (glossary)."""

    EIGEN_KRACHT = "eigen_kracht", _("Eigen kracht / netwerk")
    VRIJ = "vrij", _("Vrij toegankelijke voorziening")
    KORTDUREND = "kortdurend", _("Kortdurende ondersteuning door het wijkteam")
    MAATWERK = "maatwerk", _("Maatwerkvoorziening (beschikking nodig)")
    PGB = "pgb", _("Persoonsgebonden budget (pgb)")


class Arrangementregel(GemeenteModel):
    plan = models.ForeignKey(Ondersteuningsplan, on_delete=models.CASCADE, related_name="regels")
    soort = models.CharField(_("soort"), max_length=15, choices=Soort.choices)
    omschrijving = models.CharField(_("wat"), max_length=300)
    # The goal this afspraak works towards (seed 003: every afspraak serves a goal of the household);
    # optional, so that a plan can be written in the order the conversation takes.
    doel = models.ForeignKey("Doel", on_delete=models.SET_NULL, null=True, blank=True, related_name="regels",
                             verbose_name=_("voor doel"))
    wie = models.CharField(_("wie doet het"), max_length=150, blank=True)
    voorziening = models.ForeignKey(Voorziening, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    medewerker = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    aantal_contacten = models.PositiveSmallIntegerField(_("aantal contacten"), null=True, blank=True)
    wet = models.CharField(_("wet"), max_length=20, choices=Wet.choices, blank=True)
    productcategorie = models.CharField(_("productcategorie"), max_length=3, blank=True)
    volume = models.DecimalField(_("volume"), max_digits=8, decimal_places=2, null=True, blank=True)
    eenheid = models.CharField(_("eenheid"), max_length=2, blank=True)
    frequentie = models.CharField(_("frequentie"), max_length=1, blank=True)
    ingangsdatum = models.DateField(_("van"), null=True, blank=True)
    einddatum = models.DateField(_("tot en met"), null=True, blank=True)
    voorkeursaanbieder = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorkeursaanbieder"),
    )
    geraamde_kosten = models.DecimalField(
        _("geraamde kosten (euro)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    pgb_motivatie = models.TextField(_("motivatie en eigen plan van de inwoner"), blank=True)

    objects = BevrorenQuerySet.as_manager()

    class Meta:
        verbose_name = _("arrangementregel")
        verbose_name_plural = _("arrangementregels")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.omschrijving

    @property
    def voor_inwoner(self) -> str:
        """The kind of help in the resident's words (the PDF is for the household, not for us)."""
        return {
            Soort.EIGEN_KRACHT: _("Zelf of met uw netwerk"), Soort.VRIJ: _("Een voorziening in de buurt"),
            Soort.KORTDUREND: _("Hulp van het wijkteam"), Soort.MAATWERK: _("Een voorziening van de gemeente"),
            Soort.PGB: _("Persoonsgebonden budget"),
        }.get(self.soort, self.get_soort_display())

    @property
    def frequentie_omschrijving(self) -> str:
        from .codelijsten import frequenties

        return dict(frequenties()).get(self.frequentie, "").lower()

    @property
    def eenheid_omschrijving(self) -> str:
        from .codelijsten import eenheden

        return dict(eenheden()).get(self.eenheid, self.eenheid).lower()

    @property
    def productcategorie_omschrijving(self) -> str:
        from .codelijsten import omschrijving

        return omschrijving(self.wet, self.productcategorie) if self.productcategorie else ""

    def save(self, *args, **kwargs):
        if Ondersteuningsplan.objects.filter(pk=self.plan_id, status=PlanStatus.ONDERTEKEND).exists():
            raise ValueError("A signed plan is never changed: make a new version.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if Ondersteuningsplan.objects.filter(pk=self.plan_id, status=PlanStatus.ONDERTEKEND).exists():
            raise ValueError("A signed plan is never changed: make a new version.")
        return super().delete(*args, **kwargs)


class BeschikkingVerzoek(GemeenteModel):
    """A maatwerk line of a signed plan, waiting for the backoffice to decide (beschikking)."""

    regel = models.OneToOneField(Arrangementregel, on_delete=models.PROTECT, related_name="beschikking_verzoek")
    aangevraagd_op = models.DateTimeField(default=timezone.now)
    afgehandeld_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("verzoek om beschikking")
        verbose_name_plural = _("verzoeken om beschikking")
        indexes = [models.Index(fields=["gemeente", "afgehandeld_op"], name="beschikkingverzoek_open")]
