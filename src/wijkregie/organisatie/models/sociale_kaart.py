"""The sociale kaart: partner organisations (also a medewerker's moederorganisatie) and the provisions
they offer, with the law a maatwerkvoorziening falls under."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkregie.core.models import GemeenteModel

from .wijken import Wijk


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
    soort = models.CharField(
        _("soort"), max_length=30, choices=OrganisatieSoort.choices, default=OrganisatieSoort.OVERIG
    )
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
    toegang = models.CharField(
        _("toegang"), max_length=10, choices=Toegankelijkheid.choices, default=Toegankelijkheid.VRIJ
    )
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
