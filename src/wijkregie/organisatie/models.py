"""The organisation of a gemeente's social domain: wijken, locaties, teams, medewerkers, mandaten, sociale kaart.

Names follow GLOSSARY.md. Every model carries its gemeente (tenancy, DESIGN.md).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wijkregie.core.models import Gemeente, GemeenteModel


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
    zorgvragen = models.PositiveIntegerField(_("zorgvragen"), help_text=_("Aantal zorgvragen per jaar volgens de wijkscan."))
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


class OrganisatieSoort(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    WELZIJN = "welzijn", _("Welzijn en maatschappelijk werk")
    CLIENTONDERSTEUNING = "clientondersteuning", _("Cliëntondersteuning")
    ZORG = "zorg", _("Zorg en verpleging")
    JEUGD = "jeugd", _("Jeugd en gezin")
    GGZ = "ggz", _("Geestelijke gezondheidszorg")
    VEILIGHEID = "veiligheid", _("Veiligheid")
    WONEN = "wonen", _("Wonen")
    SCHULDHULP = "schuldhulp", _("Schulden en inkomen")
    GEZONDHEID = "gezondheid", _("Publieke gezondheid")
    HUISARTS = "huisarts", _("Huisartsenpraktijk")
    ONDERWIJS = "onderwijs", _("Onderwijs")
    OVERIG = "overig", _("Overig")


class Organisatie(GemeenteModel):
    """A partner organisation on the sociale kaart; also a medewerker's moederorganisatie."""

    naam = models.CharField(_("naam"), max_length=150)
    soort = models.CharField(_("soort"), max_length=30, choices=OrganisatieSoort.choices, default=OrganisatieSoort.OVERIG)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    adres = models.CharField(_("adres"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]
        constraints = [models.UniqueConstraint(fields=["gemeente", "naam"], name="organisatie_gemeente_naam_unique")]

    def __str__(self) -> str:
        return self.naam


class Toegankelijkheid(models.TextChoices):
    """How a resident gets a provision (glossary, sociale kaart)."""

    VRIJ = "vrij", _("Vrij toegankelijk")
    MAATWERK = "maatwerk", _("Maatwerkvoorziening (beschikking nodig)")


class Wet(models.TextChoices):
    WMO = "wmo", _("Wmo 2015")
    JEUGDWET = "jeugdwet", _("Jeugdwet")
    PARTICIPATIEWET = "participatiewet", _("Participatiewet")


class Voorziening(GemeenteModel):
    """A provision on the sociale kaart. No wijken chosen means: for the whole gemeente."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="voorzieningen", verbose_name=_("organisatie")
    )
    naam = models.CharField(_("naam"), max_length=150)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    toegang = models.CharField(_("toegang"), max_length=10, choices=Toegankelijkheid.choices, default=Toegankelijkheid.VRIJ)
    gecontracteerd = models.BooleanField(_("gecontracteerd door de gemeente"), default=False)
    wet = models.CharField(_("wet"), max_length=20, choices=Wet.choices, blank=True)
    wijken = models.ManyToManyField(Wijk, blank=True, related_name="voorzieningen", verbose_name=_("wijken"))
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    adres = models.CharField(_("adres"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("voorziening")
        verbose_name_plural = _("voorzieningen")
        ordering = ["naam"]
        indexes = [models.Index(fields=["gemeente", "toegang"], name="voorziening_gemeente_toegang")]

    def __str__(self) -> str:
        return self.naam

    @property
    def naam_met_organisatie(self) -> str:
        """The name in a choice list: two organisations may offer a provision of the same name (wijkverpleging)."""
        return f"{self.naam} ({self.organisatie.naam})"

    def clean(self):
        if self.toegang == Toegankelijkheid.MAATWERK and not self.wet:
            raise ValidationError({"wet": _("Kies de wet waaronder deze maatwerkvoorziening valt.")})


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


class Rol(models.TextChoices):
    """Roles of the glossary. A medewerker may hold several."""

    MEDEWERKER = "medewerker", _("Medewerker")
    KCC = "kcc", _("KCC")
    BUREAUDIENST = "bureaudienst", _("Bureaudienst")
    GEDRAGSWETENSCHAPPER = "gedragswetenschapper", _("Gedragswetenschapper")
    BACKOFFICE = "backoffice", _("Backoffice")
    TEAMLEIDER = "teamleider", _("Teamleider")
    PRIVACYFUNCTIONARIS = "privacyfunctionaris", _("Privacyfunctionaris")
    BELEIDSMEDEWERKER = "beleidsmedewerker", _("Beleidsmedewerker")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functioneel beheerder")


# Role groups live with the access policy (organisatie/toegangsbeleid.py), nowhere else.


class MedewerkerManager(UserManager):
    def met_rollen(self):
        """Medewerkers with their roles in the same query: one EXISTS per role, read by `rollen`.

        The roles decide the menu and every visibility rule, so they are needed on every page; the
        authentication backend loads the request's user this way (one query instead of two).
        """
        from django.db.models import Exists, OuterRef

        return self.get_queryset().annotate(**{
            f"rolvlag_{rol.value}": Exists(Roltoewijzing.objects.filter(medewerker=OuterRef("pk"), rol=rol.value))
            for rol in Rol
        })


class Medewerker(AbstractUser):
    """A professional of the social domain (the user), whatever their moederorganisatie.

    `gemeente` is empty only for technical superusers, who see no municipal data in the pages.
    """

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="medewerkers", verbose_name=_("gemeente")
    )
    specialisme = models.CharField(_("specialisme"), max_length=120, blank=True)
    moederorganisatie = models.ForeignKey(
        Organisatie, on_delete=models.SET_NULL, null=True, blank=True, related_name="medewerkers",
        verbose_name=_("moederorganisatie"),
    )
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    focuswijken = models.ManyToManyField(Wijk, blank=True, related_name="contactpersonen", verbose_name=_("focuswijken"))

    objects = MedewerkerManager()

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        ordering = ["first_name", "last_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def rollen(self) -> frozenset[str]:
        """The codes of this medewerker's roles (one query, cached for the request)."""
        if not self.pk:
            return frozenset()
        if hasattr(self, f"rolvlag_{Rol.MEDEWERKER.value}"):  # loaded with MedewerkerManager.met_rollen()
            return frozenset(rol.value for rol in Rol if getattr(self, f"rolvlag_{rol.value}"))
        if hasattr(self, "_prefetched_objects_cache") and "roltoewijzingen" in self._prefetched_objects_cache:
            return frozenset(r.rol for r in self.roltoewijzingen.all())
        return frozenset(self.roltoewijzingen.values_list("rol", flat=True))

    def heeft_rol(self, *rollen: str) -> bool:
        return bool(self.rollen.intersection(rollen))

    @property
    def rollen_labels(self) -> list[str]:
        return [label for value, label in Rol.choices if value in self.rollen]


class Roltoewijzing(models.Model):
    medewerker = models.ForeignKey(Medewerker, on_delete=models.CASCADE, related_name="roltoewijzingen")
    rol = models.CharField(_("rol"), max_length=30, choices=Rol.choices)

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints = [models.UniqueConstraint(fields=["medewerker", "rol"], name="roltoewijzing_unique")]

    def __str__(self) -> str:
        return self.get_rol_display()


class Teamlid(GemeenteModel):
    """Membership of a team, with the hours per week this medewerker works in it."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="leden", verbose_name=_("team"))
    medewerker = models.ForeignKey(Medewerker, on_delete=models.CASCADE, related_name="teamlidmaatschappen", verbose_name=_("medewerker"))
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


class Mandaat(GemeenteModel):
    """Authority to sign plans and decide on provisions (Awb 10:1-10:9), granted in writing.

    A medewerker not employed by the gemeente confirms the mandaat in writing (`bevestigd_op`).
    A sub-mandaat is granted via a partner's director (`via_organisatie`), within the scope of the
    mandaat it derives from (`ondermandaat_van`).
    """

    houder = models.ForeignKey(Medewerker, on_delete=models.PROTECT, related_name="mandaten", verbose_name=_("houder"))
    verlener = models.CharField(_("verleend door"), max_length=150, help_text=_("Bijvoorbeeld: College van B&W, of de directeur van een partnerorganisatie."))
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
        _("productcategorieën"), max_length=200, blank=True,
        help_text=_("Codes uit de iWmo/iJw-lijsten, gescheiden door komma's. Leeg: alle categorieën van de gekozen wetten."),
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
        return [w for w, flag in ((Wet.WMO, self.wmo), (Wet.JEUGDWET, self.jeugdwet), (Wet.PARTICIPATIEWET, self.participatiewet)) if flag]

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

    def dekt(self, *, wet: str, productcategorie: str = "", bedrag: Decimal | None = None, datum: datetime.date) -> bool:
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
