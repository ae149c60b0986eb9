"""Activating accounts: the one way an authenticator is enrolled outside demo mode (issue 14, item 6).

Before this, a fresh account's first password (typed by the beheerder, so known to two people and
possibly guessed) was enough to enrol an authenticator of one's own choice and reach every page. Now:

- a new account, or one whose two-step login the beheerder reset, gets a one-time activation link
  that reaches the person separately (shown once to the beheerder to hand over);
- the link carries a random token of which only the SHA-256 is stored; it expires after
  ACTIVATIE_GELDIG and works once;
- on the activation page the person chooses their own password and enrols their authenticator in the
  same step; with the password alone an account without a confirmed authenticator reaches nothing
  (core/forms.py LoginForm, core/views.py tweestaps).

Demo mode (two-step login not required) keeps its quick demo logins: nothing here applies there.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import AuditActie, AuditResultaat, audit_log
from .models import Accountactivatie, ActivatieReden

# How long an activation link works (72 hours: a weekend and a day to pass it on).
ACTIVATIE_GELDIG = datetime.timedelta(hours=72)
# The session key under which the activation page keeps the token after the link was opened, so that
# the token leaves the address bar (and the Referer header) at once, as Django's password reset does.
SESSIE_SLEUTEL = "_activatie_token"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def heeft_authenticator(user) -> bool:
    """Whether the account has enrolled an authenticator (through an activation)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def activatie_issue(*, actor, medewerker, reden: str = ActivatieReden.NIEUW,
                       grondslag: str = "rol: functioneel beheerder") -> str:
    """A new one-time activation link for `medewerker`; earlier unused links of the account stop working.

    Returns the token (to be shown once, never stored in the clear). Audited on the account's
    gemeente: who issued an activation for whom, and why.
    """
    token = secrets.token_urlsafe(32)
    nu = timezone.now()
    with transaction.atomic():
        Accountactivatie.objects.filter(medewerker=medewerker, gebruikt_op__isnull=True).delete()
        Accountactivatie.objects.create(
            medewerker=medewerker, token_hash=_hash(token), reden=reden, aangemaakt_op=nu,
            aangemaakt_door_id=getattr(actor, "pk", None), verloopt_op=nu + ACTIVATIE_GELDIG,
        )
        audit_log(
            actor=actor, actie=AuditActie.EXECUTE, object_type="organisatie.medewerker", object_id=medewerker.pk,
            gemeente_id=medewerker.gemeente_id, grondslag=grondslag, doel="beveiliging",
            omschrijving=f"activeringslink uitgegeven ({ActivatieReden(reden).label})",
        )
    return token


def tweestaps_opnieuw(*, actor, medewerker, grondslag: str = "rol: functioneel beheerder") -> str:
    """Resets `medewerker`'s two-step login: every authenticator is removed and a new activation issued.

    For a lost or replaced phone. The account reaches nothing until the person activates again with
    the new link (which also asks for a new password); a session that is open now loses its second
    step at its next request (django-otp looks the device up on every request). The caller checks that
    `actor` may do this (organisatie.services.medewerker_tweestaps_reset).
    """
    with transaction.atomic():
        aantal, _ = TOTPDevice.objects.filter(user=medewerker).delete()
        audit_log(
            actor=actor, actie=AuditActie.UPDATE, object_type="organisatie.medewerker", object_id=medewerker.pk,
            gemeente_id=medewerker.gemeente_id, grondslag=grondslag, doel="beveiliging",
            omschrijving=f"tweestapsinlog opnieuw ingesteld ({aantal} authenticator(s) verwijderd)",
        )
        return activatie_issue(actor=actor, medewerker=medewerker, reden=ActivatieReden.TWEESTAPS_OPNIEUW,
                                  grondslag=grondslag)


def activatie_find(token: str) -> Accountactivatie | None:
    """The activation for `token` if it can still be used (not used, not expired, account active)."""
    if not token:
        return None
    activatie = (
        Accountactivatie.objects.select_related("medewerker")
        .filter(token_hash=_hash(token), gebruikt_op__isnull=True, verloopt_op__gt=timezone.now())
        .first()
    )
    if activatie is None or not activatie.medewerker.is_active:
        return None
    return activatie


def activatie_geweigerd(*, omschrijving: str = "activeringslink ongeldig, gebruikt of verlopen") -> None:
    """An unusable activation link was tried: audited (on the system chain: whose it was is unknown)."""
    with transaction.atomic():
        audit_log(actor=None, actie=AuditActie.EXECUTE, object_type="sessie", omschrijving=omschrijving,
                  grondslag="geen", doel="beveiliging", resultaat=AuditResultaat.GEWEIGERD)


def activatie_apparaat(activatie: Accountactivatie) -> TOTPDevice:
    """The authenticator being enrolled in this activation: one unconfirmed device, kept across reloads."""
    medewerker = activatie.medewerker
    return TOTPDevice.objects.filter(user=medewerker, confirmed=False).first() or TOTPDevice.objects.create(
        user=medewerker, name="authenticator", confirmed=False,
    )


class ActivatieVerlopen(Exception):
    """The activation was used (or expired) between showing the page and submitting it."""


def account_activeren(*, activatie: Accountactivatie, wachtwoord: str, apparaat: TOTPDevice) -> None:
    """Completes an activation: the person's own password, the verified authenticator, the link spent.

    The caller has checked the code against `apparaat`. All or nothing: the activation row is locked
    and checked again, so two submissions of one link never both succeed.
    """
    medewerker = activatie.medewerker
    with transaction.atomic():
        vers = Accountactivatie.objects.select_for_update().filter(
            pk=activatie.pk, gebruikt_op__isnull=True, verloopt_op__gt=timezone.now(),
        ).first()
        if vers is None:
            raise ActivatieVerlopen
        vers.gebruikt_op = timezone.now()
        vers.save(update_fields=["gebruikt_op"])
        # Only the authenticator enrolled now counts; any other (confirmed earlier) goes.
        TOTPDevice.objects.filter(user=medewerker).exclude(pk=apparaat.pk).delete()
        apparaat.confirmed = True
        apparaat.save(update_fields=["confirmed"])
        medewerker.set_password(wachtwoord)
        medewerker.save(update_fields=["password"])
        audit_log(
            actor=medewerker, actie=AuditActie.EXECUTE, object_type="sessie", grondslag="activeringslink",
            doel="beveiliging", omschrijving=f"account geactiveerd ({activatie.get_reden_display()})",
        )


def activatie_url(request, token: str) -> str:
    from django.urls import reverse

    path = reverse("core:activeren_link", kwargs={"token": token})
    return request.build_absolute_uri(path) if request is not None else path


def tweestaps_vereist() -> bool:
    return bool(settings.REQUIRE_2FA)
