import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.casus.models import Casus, CasusGebondenQuerySet
from wijkregie.core.models import GemeenteModel
from wijkregie.organisatie.models import Locatie, Medewerker, Team, Wijk

# The questionnaire (which statement each answer field holds) is in survey.py.


class Eens(models.IntegerChoices):
    HELEMAAL_ONEENS = 1, _("Helemaal oneens")
    ONEENS = 2, _("Oneens")
    NEUTRAAL = 3, _("Neutraal")
    EENS = 4, _("Eens")
    HELEMAAL_EENS = 5, _("Helemaal eens")


class Aanleiding(models.TextChoices):
    AFSLUITING = "afsluiting", _("Afsluiting")
    EVALUATIE = "evaluatie", _("Evaluatie")


def _token() -> str:
    return secrets.token_urlsafe(24)


class Clientervaring(GemeenteModel):
    """One invitation to the survey and, once answered, the answers (no free text: no personal data).

    The token is the only key: the survey page shows nothing about the resident, so a stored token
    reveals nothing either, and it works once.
    """

    objects = CasusGebondenQuerySet.as_manager()

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="+")
    aanleiding = models.CharField(_("aanleiding"), max_length=12, choices=Aanleiding.choices)
    bron = models.CharField(max_length=40, help_text="what caused it, e.g. afsluiting:12; one invitation each")
    token = models.CharField(max_length=40, unique=True, default=_token)
    uitgenodigd_op = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    geldig_tot = models.DateField(_("geldig tot en met"))
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    weten = models.PositiveSmallIntegerField(null=True, blank=True, choices=Eens.choices)
    snel = models.PositiveSmallIntegerField(null=True, blank=True, choices=Eens.choices)
    serieus = models.PositiveSmallIntegerField(null=True, blank=True, choices=Eens.choices)
    samen = models.PositiveSmallIntegerField(null=True, blank=True, choices=Eens.choices)
    kwaliteit = models.PositiveSmallIntegerField(null=True, blank=True, choices=Eens.choices)
    redden = models.PositiveSmallIntegerField(null=True, blank=True, choices=Eens.choices)
    meedoen = models.PositiveSmallIntegerField(null=True, blank=True, choices=Eens.choices)
    rapportcijfer = models.PositiveSmallIntegerField(
        _("rapportcijfer"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)])

    class Meta:
        verbose_name = _("cliëntervaring")
        verbose_name_plural = _("cliëntervaringen")
        constraints = [models.UniqueConstraint(fields=["gemeente", "bron"], name="clientervaring_een_per_bron")]
        indexes = [
            models.Index(fields=["gemeente", "uitgenodigd_op"], name="ervaring_uitgenodigd"),
            models.Index(fields=["gemeente", "beantwoord_op"], name="ervaring_beantwoord"),
        ]

    def __str__(self):
        return f"{self.get_aanleiding_display()} casus {self.casus_id}"

    @property
    def verlopen(self) -> bool:
        return self.beantwoord_op is None and timezone.localdate() > self.geldig_tot


class Ervaringsinstelling(GemeenteModel):
    """A team's choice to also ask residents at evaluations (after afsluiting they are always asked)."""

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="ervaringsinstelling")
    bij_evaluatie = models.BooleanField(_("ook na elke evaluatie om de ervaring vragen"), default=False)


class Nulmeting(GemeenteModel):
    """The indicators of a baseline period, frozen: later corrections to the data do not move the baseline."""

    naam = models.CharField(_("naam"), max_length=100)
    van = models.DateField(_("van"))
    tot = models.DateField(_("tot (niet meegerekend)"))
    wijk = models.ForeignKey(
        Wijk, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("wijk")
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("team")
    )
    locatie = models.ForeignKey(
        Locatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("locatie")
    )
    fase = models.CharField(_("model van de locatie"), max_length=1, blank=True)
    wet = models.CharField(_("wet"), max_length=20, blank=True)
    rijen = models.JSONField(default=list, help_text="[indicator, breakdown, value, n] as computed then")
    vastgesteld_op = models.DateTimeField(default=timezone.now)
    vastgesteld_door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("nulmeting")
        verbose_name_plural = _("nulmetingen")
        ordering = ["-vastgesteld_op"]

    def __str__(self):
        return self.naam
