"""Residents (Persoon) and households (Huishouden): 'één huishouden, één plan, één regisseur'."""

from __future__ import annotations

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.core.bsn import normalise_bsn, validate_bsn
from wijkregie.core.models import GemeenteModel
from wijkregie.organisatie.models import Medewerker, Wijk

POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})\s*$")


POSTCODE_FOUT = _("Een postcode bestaat uit 4 cijfers en 2 letters, bijvoorbeeld 1781 AB.")


def postcode_opschonen(value: str) -> str:
    """A Dutch postcode as '1781 AB', or a ValidationError in plain Dutch; empty stays empty."""
    if not value:
        return ""
    if not POSTCODE.match(value):
        raise ValidationError(POSTCODE_FOUT, code="postcode")
    return normalise_postcode(value)


def normalise_postcode(value: str) -> str:
    match = POSTCODE.match(value or "")
    return f"{match.group(1)} {match.group(2).upper()}" if match else (value or "").strip().upper()


# Letters that Unicode does not decompose into a base letter plus accent.
_TRANSLITERATIE = str.maketrans(
    {"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe",
     "Œ": "OE", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "þ": "th"}
)


def zoeknaam(*parts: str) -> str:
    """Lower-case, accents and punctuation removed: what name search compares.

    'Çelik' is found as 'celik', 'Yıldız' as 'yildiz', "d'Hondt" as 'd hondt'.
    """
    text = " ".join(p for p in parts if p).translate(_TRANSLITERATIE)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-zA-Z0-9]+", " ", text)
    return re.sub(r"\s+", " ", text).strip().lower()


class Vertegenwoordiging(models.TextChoices):
    OUDER = "ouder", _("Ouder met gezag")
    VOOGD = "voogd", _("Voogd")
    CURATOR = "curator", _("Curator")
    MENTOR = "mentor", _("Mentor")
    BEWINDVOERDER = "bewindvoerder", _("Bewindvoerder")
    GEMACHTIGDE = "gemachtigde", _("Schriftelijk gemachtigde")


class Persoon(GemeenteModel):
    """A resident. The BSN is optional (people not registered in the municipality must be helpable)
    and checked with the elfproef when given; within a gemeente a BSN belongs to one person."""

    voornamen = models.CharField(_("voornaam"), max_length=100)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=100)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[validate_bsn])
    straat = models.CharField(_("straat"), max_length=100, blank=True)
    huisnummer = models.CharField(_("huisnummer"), max_length=12, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    woonplaats = models.CharField(_("woonplaats"), max_length=80, blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    niet_ingeschreven = models.BooleanField(
        _("niet ingeschreven in deze gemeente"), default=False,
        help_text=_("Bijvoorbeeld dakloos, net verhuisd of nog niet ingeschreven: ook dan helpen we."),
    )
    wijk = models.ForeignKey(
        Wijk, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("wijk")
    )
    vertegenwoordiger = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="vertegenwoordigden",
        verbose_name=_("wettelijk vertegenwoordiger"),
    )
    vertegenwoordiging = models.CharField(
        _("soort vertegenwoordiging"), max_length=20, choices=Vertegenwoordiging.choices, blank=True
    )
    zoeknaam = models.CharField(max_length=230, editable=False, db_index=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    aangemaakt_door = models.ForeignKey(
        Medewerker, on_delete=models.SET_NULL, null=True, editable=False, related_name="+"
    )
    # A BSN typed by someone who may not see its holder: not stored as the BSN (it is someone else's,
    # or a typing error) and not revealed as known; the bureaudienst checks it (docs/toegangsbeleid.md).
    bsn_te_controleren = models.CharField(_("BSN te controleren"), max_length=9, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["achternaam", "voornamen"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "bsn"], condition=~Q(bsn=""), name="persoon_bsn_uniek_per_gemeente"
            ),
        ]
        indexes = [
            models.Index(fields=["gemeente", "zoeknaam"], name="persoon_gemeente_zoeknaam"),
            models.Index(fields=["gemeente", "geboortedatum"], name="persoon_gemeente_geboorte"),
            models.Index(fields=["gemeente", "postcode"], name="persoon_gemeente_postcode"),
            # The bureaudienst's few registrations whose BSN waits for a check, out of every resident.
            models.Index(fields=["gemeente"], name="persoon_bsn_te_controleren", condition=~Q(bsn_te_controleren="")),
        ]

    #: What a list that names a resident reads of them (the start page's lists): the name and nothing else,
    #: not their BSN, address or phone (dataminimalisatie, and a tenth of the columns to read, issue 17).
    NAAM_VELDEN = ("voornamen", "tussenvoegsel", "achternaam")

    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        return " ".join(p for p in (self.voornamen, self.tussenvoegsel, self.achternaam) if p)

    @classmethod
    def buiten_naam(cls, pad: str) -> list[str]:
        """For defer(): every field of a Persoon reached through `pad` but its key and NAAM_VELDEN."""
        return [f"{pad}__{f.name}" for f in cls._meta.concrete_fields
                if not f.primary_key and f.name not in cls.NAAM_VELDEN]

    @property
    def bsn_weergave(self) -> str:
        """The BSN as its registrar typed it, also while the bureaudienst checks it."""
        return self.bsn or self.bsn_te_controleren

    @property
    def adres(self) -> str:
        straat = " ".join(p for p in (self.straat, self.huisnummer) if p)
        plaats = " ".join(p for p in (self.postcode, self.woonplaats) if p)
        return ", ".join(p for p in (straat, plaats) if p)

    def leeftijd(self, op: datetime.date | None = None) -> int | None:
        if not self.geboortedatum:
            return None
        op = op or timezone.localdate()
        return (
            op.year
            - self.geboortedatum.year
            - ((op.month, op.day) < (self.geboortedatum.month, self.geboortedatum.day))
        )

    def clean(self):
        errors = {}
        if self.geboortedatum and self.geboortedatum > timezone.localdate():
            errors["geboortedatum"] = _("Een geboortedatum kan niet in de toekomst liggen.")
        elif self.geboortedatum and self.geboortedatum < datetime.date(1900, 1, 1):
            errors["geboortedatum"] = _("Controleer het geboortejaar: dat ligt voor 1900.")
        if self.postcode and not POSTCODE.match(self.postcode):
            errors["postcode"] = POSTCODE_FOUT
        if self.vertegenwoordiger_id and self.vertegenwoordiger_id == self.pk:
            errors["vertegenwoordiger"] = _("Iemand kan niet zijn eigen vertegenwoordiger zijn.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.bsn = normalise_bsn(self.bsn) if self.bsn else ""
        self.postcode = normalise_postcode(self.postcode)
        self.zoeknaam = zoeknaam(self.voornamen, self.tussenvoegsel, self.achternaam)
        super().save(*args, **kwargs)


class Huishouden(GemeenteModel):
    """The household: the unit of the plan. Members join and leave over time (Lidmaatschap)."""

    naam = models.CharField(_("naam"), max_length=120, help_text=_("Bijvoorbeeld: huishouden Jansen"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Relatie(models.TextChoices):
    HOOFD = "hoofd", _("Hoofdbewoner")
    PARTNER = "partner", _("Partner")
    KIND = "kind", _("Kind")
    PLEEGKIND = "pleegkind", _("Pleegkind")
    OUDER = "ouder", _("Ouder")
    HUISGENOOT = "huisgenoot", _("Huisgenoot")
    OVERIG = "overig", _("Overig")


class LidmaatschapQuerySet(models.QuerySet):
    def huidig(self, op: datetime.date | None = None):
        """Memberships in force on `op` (default today): begun, and not ended before ('tot en met')."""
        op = op or timezone.localdate()
        return self.filter(van__lte=op).filter(Q(tot__isnull=True) | Q(tot__gte=op))

    def woont_eerst(self):
        """The household a resident lives in first, then their oldest membership: which household is theirs
        (an aanmelding's, a new casus', the open casus a new question joins)."""
        return self.order_by("-woont_hier", "van", "pk")


class Lidmaatschap(GemeenteModel):
    persoon = models.ForeignKey(
        Persoon, on_delete=models.CASCADE, related_name="lidmaatschappen", verbose_name=_("persoon")
    )
    huishouden = models.ForeignKey(
        Huishouden, on_delete=models.CASCADE, related_name="lidmaatschappen", verbose_name=_("huishouden")
    )
    relatie = models.CharField(_("relatie"), max_length=20, choices=Relatie.choices, default=Relatie.HOOFD)
    van = models.DateField(_("van"), default=datetime.date.today)
    tot = models.DateField(_("tot en met"), null=True, blank=True)
    # A person may be in two households (a child of separated parents): one is where they live.
    woont_hier = models.BooleanField(_("woont hier"), default=True,
                                     help_text=_("Uit als de persoon vooral in een ander huishouden woont."))
    # Who decides for the minors of the household (Jeugdwet, WGBO: consent under 16).
    gezag = models.BooleanField(_("heeft gezag"), default=False,
                                help_text=_("Ouder of voogd met gezag over de minderjarigen in dit huishouden."))

    objects = LidmaatschapQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        indexes = [models.Index(fields=["gemeente", "persoon"], name="lidmaatschap_gemeente_persoon")]
        constraints = [
            models.UniqueConstraint(fields=["persoon", "huishouden", "van"], name="lidmaatschap_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.persoon} ({self.get_relatie_display()}) in {self.huishouden}"


class Hulprelatie(GemeenteModel):
    """A team's working relationship with a resident: the basis on which the team sees the person.

    Created by the services that allocate an aanmelding or open a casus, ended when the help ends.
    Access follows the relationship, not the employer (DESIGN.md, privacy).
    """

    persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="hulprelaties")
    team = models.ForeignKey("organisatie.Team", on_delete=models.CASCADE, related_name="hulprelaties")
    sinds = models.DateTimeField(default=timezone.now)
    tot = models.DateTimeField(null=True, blank=True)
    reden = models.CharField(max_length=120)

    class Meta:
        verbose_name = _("hulprelatie")
        verbose_name_plural = _("hulprelaties")
        indexes = [models.Index(fields=["gemeente", "team", "persoon"], name="hulprelatie_team_persoon")]

    def __str__(self) -> str:
        return f"{self.team} – {self.persoon}"
