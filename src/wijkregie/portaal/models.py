"""Who uses the partner portal: a person at a partner organisation without software of its own.

Deliberately not a Medewerker (the staff user): a portal user never becomes `request.user`, so no staff
page, rule or selector can ever take them for a colleague; every staff URL sees an anonymous visitor and
sends them to the staff login. The portal keeps its own session keys (portaal/sessie.py) and acts for
the organisation exactly like an API key does, through the API's selectors and services.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkregie.core.models import GemeenteModel
from wijkregie.organisatie.models import Organisatie


class PortaalGebruiker(GemeenteModel):
    """One person of a partner organisation, with a password (Argon2, Django's hashers), a TOTP second
    step, and the same scopes a key has (api.models.Scope): what the portal offers them."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="portaalgebruikers",
                                    verbose_name=_("organisatie"))
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150, unique=True)
    naam = models.CharField(_("naam"), max_length=150)
    wachtwoord = models.CharField(max_length=128, editable=False)
    scopes = models.JSONField(_("rechten"), default=list)
    actief = models.BooleanField(_("actief"), default=True)
    # TOTP (RFC 6238) as for staff, checked with django-otp's oath functions: the key (hex) and the last
    # time step used, so a code works once.
    totp_sleutel = models.CharField(max_length=80, editable=False)
    totp_bevestigd = models.BooleanField(default=False, editable=False)
    totp_laatste_t = models.BigIntegerField(default=-1, editable=False)
    # Outside demo mode an account is activated through a one-time link (as staff accounts are, core/
    # accounts.py): the person chooses the password and enrols the authenticator; the SHA-256 of the
    # link's token is kept until it is used or expires.
    activatie_hash = models.CharField(max_length=64, blank=True, editable=False)
    activatie_tot = models.DateTimeField(null=True, blank=True, editable=False)
    aangemaakt_op = models.DateTimeField(default=timezone.now, editable=False)
    laatst_ingelogd_op = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("gebruiker van het partnerportaal")
        verbose_name_plural = _("gebruikers van het partnerportaal")
        ordering = ["organisatie__naam", "naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.organisatie})"
