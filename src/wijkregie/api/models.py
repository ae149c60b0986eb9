"""Keys of partner organisations, and the referrals and signals they sent (docs/api.md).

The API's own records only: what a partner sent becomes an Aanmelding or a Signaal of toegang,
registered by toegang's services; a Verwijzing or Signaalmelding maps the opaque id the partner got
back onto it, and says which organisation sent it (only that organisation may ask about it).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.casus.models import Casus
from wijkregie.core.models import GemeenteModel
from wijkregie.organisatie.models import Leefgebied, Medewerker, Organisatie
from wijkregie.plan.models import Doel
from wijkregie.toegang.models import Aanmelding, Signaal


class Scope(models.TextChoices):
    """What a key may do. A key holds only the scopes its organisation needs (least privilege)."""

    VERWIJZEN = "verwijzen", _("Verwijzen: een inwoner aanmelden en de status volgen")
    SIGNALEREN = "signaleren", _("Signaleren: een vroegsignaal doorgeven")
    PLAN_LEZEN = "plan_lezen", _("Plan lezen: wat het huishouden toestemde te delen")
    VOORSTELLEN = "voorstellen", _("Voorstellen: wijzigingen van het plan voorstellen aan de regisseur")


class ApiToken(GemeenteModel):
    """A partner organisation's API key ("token").

    The key is shown once, when it is made: `wr_<prefix>_<secret>`. Only the prefix (to find the row)
    and the SHA-256 of the secret are stored; the secret has 256 random bits, so its hash cannot be
    turned back or guessed, and a stolen database holds no usable key. Every key expires; revoking
    takes effect on the next request.
    """

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="api_tokens",
                                    verbose_name=_("organisatie"))
    naam = models.CharField(_("waarvoor"), max_length=100, help_text=_("Bijvoorbeeld: koppeling met het HIS."))
    scopes = models.JSONField(_("rechten"), default=list)
    prefix = models.CharField(_("kenmerk"), max_length=16, unique=True, editable=False)
    sleutel_hash = models.CharField(max_length=64, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    aangemaakt_door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                        editable=False)
    verloopt_op = models.DateTimeField(_("verloopt op"))
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    ingetrokken_door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    laatst_gebruikt_op = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.organisatie}: {self.naam} ({self.prefix})"

    def geldig(self, op=None) -> bool:
        op = op or timezone.now()
        return self.ingetrokken_op is None and self.verloopt_op > op


class Verwijzing(GemeenteModel):
    """A referral a partner sent through the API: the aanmelding it became, under an id that cannot be
    guessed or counted (`publiek_id`), for the one organisation that sent it."""

    publiek_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    token = models.ForeignKey(ApiToken, on_delete=models.SET_NULL, null=True, related_name="+")
    # Deleting the aanmelding (retention, a request to erase) deletes what the partner can ask about.
    aanmelding = models.OneToOneField(Aanmelding, on_delete=models.CASCADE, related_name="api_verwijzing")
    ontvangen_op = models.DateTimeField(default=timezone.now)
    # The referrer's own reference (a number in its own system), told back with the status so that it
    # recognises its referral without our telling it anything of the resident.
    kenmerk = models.CharField(_("uw eigen kenmerk"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("verwijzing via de API")
        verbose_name_plural = _("verwijzingen via de API")
        indexes = [models.Index(fields=["gemeente", "organisatie", "ontvangen_op"], name="api_verwijzing_org")]


class Signaalmelding(GemeenteModel):
    """An early signal a partner sent through the API: the Signaal it became, under an opaque id."""

    publiek_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    token = models.ForeignKey(ApiToken, on_delete=models.SET_NULL, null=True, related_name="+")
    signaal = models.OneToOneField(Signaal, on_delete=models.CASCADE, related_name="api_melding")
    ontvangen_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("signaal via de API")
        verbose_name_plural = _("signalen via de API")


class VoorstelSoort(models.TextChoices):
    """What a partner may propose: each applies through one existing service of plan or regie."""

    DOEL = "doel", _("Een nieuw doel")
    AFSPRAAK = "afspraak", _("Een afspraak: wat onze organisatie doet")
    VOORTGANG = "voortgang", _("Voortgang bij een doel")


class VoorstelStatus(models.TextChoices):
    OPEN = "open", _("Wacht op de regisseur")
    OVERGENOMEN = "overgenomen", _("Overgenomen")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Voorstel(GemeenteModel):
    """A change to the plan proposed by a partner that holds regie or is betrokken (through the API or the
    portal), until the team's regisseur takes it over or declines it. Nothing of it is in the plan before
    that: taking it over applies it through plan's or regie's own service (api.services.voorstel_adopt).
    """

    publiek_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="partnervoorstellen")
    soort = models.CharField(_("soort"), max_length=12, choices=VoorstelSoort.choices)
    leefgebied = models.ForeignKey(Leefgebied, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("leefgebied"))
    # The goal a progress note is about, and its text when proposed (a new plan version copies goals).
    doel = models.ForeignKey(Doel, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    doel_tekst = models.CharField(max_length=300, blank=True)
    omschrijving = models.TextField(_("voorstel"))
    ingangsdatum = models.DateField(_("vanaf"), null=True, blank=True)
    ingediend_op = models.DateTimeField(default=timezone.now, editable=False)
    ingediend_door = models.CharField(max_length=150, editable=False)
    token = models.ForeignKey(ApiToken, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=12, choices=VoorstelStatus.choices, default=VoorstelStatus.OPEN)
    beoordeeld_door = models.ForeignKey(Medewerker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    reden = models.CharField(_("reden"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("voorstel van een partner")
        verbose_name_plural = _("voorstellen van partners")
        ordering = ["-ingediend_op"]
        indexes = [models.Index(fields=["gemeente", "casus", "status"], name="api_voorstel_casus")]
