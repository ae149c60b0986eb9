"""The Casus (the team's file for a household's question) with its states, and Toestemming (consent)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.core.models import GemeenteModel
from wijkregie.core.versleuteling import versleutelde_opslag
from wijkregie.inwoners.models import Huishouden, Persoon
from wijkregie.organisatie.models import Medewerker, Organisatie, Team


class Status(models.TextChoices):
    """The route of a casus (issue 5): aangemeld → … → afgesloten; transitions in casus/states.py."""

    AANGEMELD = "aangemeld", _("Aangemeld")
    IN_TRIAGE = "in_triage", _("In triage")
    VRAAGVERHELDERING = "vraagverheldering", _("Vraagverheldering")
    PLAN = "plan", _("Plan")
    UITVOERING = "uitvoering", _("Uitvoering")
    AFGESCHAALD = "afgeschaald", _("Afgeschaald (vinger aan de pols)")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


class CasusGebondenQuerySet(models.QuerySet):
    """The one visibility rule for every model that hangs off a casus (Open Zaak's ZaakRelatedQuerySet
    with `authorizations_lookup = "zaak"`): a row is visible exactly when its casus' `soort` of data is,
    by the access policy (casus/selectors.py, docs/toegangsbeleid.md). Lists, pages and exports of
    plans, scores, contactmomenten, evaluations and the rest ask `.zichtbaar_voor(user, soort)`."""

    authorizations_lookup = "casus"

    def zichtbaar_voor(self, user, soort: str = "plan", via=None):
        from .selectors import casus_beleid_q  # selectors import this module

        condition = casus_beleid_q(user, soort, prefix=f"{self.authorizations_lookup}__", via=via)
        if condition is None:
            return self.none()
        return self.filter(condition, gemeente_id=user.gemeente_id)


class Casus(GemeenteModel):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="casussen", verbose_name=_("team"))
    huishouden = models.ForeignKey(
        Huishouden,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="casussen",
        verbose_name=_("huishouden"),
    )
    hoofdpersoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, null=True, blank=True, related_name="casussen", verbose_name=_("inwoner")
    )
    medewerker = models.ForeignKey(
        Medewerker, on_delete=models.SET_NULL, null=True, blank=True, related_name="casussen",
        verbose_name=_("toegewezen medewerker"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.AANGEMELD)
    geopend_op = models.DateTimeField(_("geopend op"), default=timezone.now)
    afgesloten_op = models.DateTimeField(_("afgesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-geopend_op"]
        indexes = [
            models.Index(fields=["gemeente", "team", "status"], name="casus_gemeente_team_status"),
            models.Index(fields=["gemeente", "medewerker", "status"], name="casus_gemeente_mw_status"),
            # The monitor counts closures and running cases per period.
            models.Index(fields=["gemeente", "afgesloten_op"], name="casus_gemeente_afgesloten"),
            models.Index(fields=["gemeente", "geopend_op"], name="casus_gemeente_geopend"),
        ]
        constraints = [
            # Eén huishouden, één plan, één regisseur: a household has at most one open casus. A new
            # question of any member joins it (toegang.services); a closed one may be followed by a new.
            models.UniqueConstraint(fields=["huishouden"], condition=~Q(status="afgesloten"),
                                    name="een_open_casus_per_huishouden"),
        ]

    def __str__(self) -> str:
        return f"Casus {self.pk}"


class Statusovergang(GemeenteModel):
    """One transition of a casus: who, when and why (append-only history)."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="overgangen")
    van = models.CharField(max_length=20, choices=Status.choices, blank=True)
    naar = models.CharField(max_length=20, choices=Status.choices)
    door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")
    op = models.DateTimeField(default=timezone.now)
    reden = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("statusovergang")
        verbose_name_plural = _("statusovergangen")
        ordering = ["op", "pk"]
        indexes = [models.Index(fields=["gemeente", "casus", "op"], name="overgang_gemeente_casus")]


class ToestemmingScope(models.TextChoices):
    TEAM = "team", _("Bespreken in het wijkteam")
    DELEN = "delen", _("Gegevens delen met een organisatie")


class GegevenAls(models.TextChoices):
    """Who gave a consent for whom (Jeugdwet art. 7.3.4 and WGBO art. 7:450/7:465): the person
    themselves, a parent or guardian with gezag over a minor, or an adult's wettelijk vertegenwoordiger.
    Which of these count depends on the person's age when the consent is used (casus/toestemming.py)."""

    ZELF = "zelf", _("De persoon zelf")
    GEZAG = "gezag", _("Ouder of voogd met gezag")
    VERTEGENWOORDIGER = "vertegenwoordiger", _("Wettelijk vertegenwoordiger")


class Wijze(models.TextChoices):
    MONDELING = "mondeling", _("Mondeling")
    SCHRIFTELIJK = "schriftelijk", _("Schriftelijk")


class Toestemming(GemeenteModel):
    """A person's consent for one scope (and, for sharing, one organisation and purpose).

    Withdrawal takes effect immediately: `toestemming_geldig` (services) asks the database each time.
    """

    persoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, related_name="toestemmingen", verbose_name=_("inwoner")
    )
    casus = models.ForeignKey(
        Casus, on_delete=models.PROTECT, null=True, blank=True, related_name="toestemmingen", verbose_name=_("casus")
    )
    scope = models.CharField(_("waarvoor"), max_length=10, choices=ToestemmingScope.choices)
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("delen met")
    )
    doel = models.CharField(_("doel"), max_length=300, blank=True)
    gegeven_als = models.CharField(
        _("gegeven door"), max_length=20, choices=GegevenAls.choices, default=GegevenAls.ZELF
    )
    # The parent with gezag or the representative, when registered as a resident (checked when recorded).
    gegeven_door = models.ForeignKey(Persoon, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name=_("namens de inwoner gegeven door"))
    vertegenwoordiger_naam = models.CharField(_("naam vertegenwoordiger"), max_length=150, blank=True)
    wijze = models.CharField(_("hoe"), max_length=12, choices=Wijze.choices, default=Wijze.MONDELING)
    # Encrypted at rest (core/versleuteling.py): a signed declaration is special-category data.
    document = models.FileField(_("getekende verklaring"), upload_to="toestemming/%Y/%m/", blank=True,
                                storage=versleutelde_opslag)
    gegeven_op = models.DateTimeField(_("gegeven op"), default=timezone.now)
    geldig_tot = models.DateField(_("geldig tot en met"), null=True, blank=True)
    vastgelegd_door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, related_name="+")
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    ingetrokken_door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reden_intrekking = models.CharField(_("reden van intrekking"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-gegeven_op"]
        indexes = [models.Index(fields=["gemeente", "persoon", "scope"], name="toestemming_persoon_scope")]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="team") | Q(organisatie__isnull=False), name="toestemming_delen_met_organisatie"
            ),
            # A parent's consent names the parent; the person's own never names another.
            models.CheckConstraint(
                condition=Q(gegeven_als="zelf", gegeven_door__isnull=True)
                | Q(gegeven_als="gezag", gegeven_door__isnull=False)
                | Q(gegeven_als="vertegenwoordiger") & (Q(gegeven_door__isnull=False) | ~Q(vertegenwoordiger_naam="")),
                name="toestemming_gever_genoemd",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} ({self.persoon})"
