"""Writes of the partner portal: its users, and the two steps of logging in.

Everything a portal user does with residents' data goes through the partner API's own services
(api/services.py) with a `PortaalPartner` as actor: the portal has no rules of its own.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
import time

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.util import random_hex

from wijkregie.api.models import Scope
from wijkregie.core.audit import AuditActie, AuditResultaat, audit_log

from .models import PortaalGebruiker
from .sessie import PortaalPartner

#: As for staff (core.forms.LoginForm, django-axes): five failed attempts block the account a quarter.
MAX_POGINGEN = 5
BLOKKADE_SECONDEN = 15 * 60
#: An activation link works 72 hours and once, as for staff (core/accounts.py).
ACTIVATIE_GELDIG = datetime.timedelta(hours=72)


def activatie_required() -> bool:
    """Outside demo mode (two-step login required) an account starts with an activation link, never with
    a password someone else knows: the password alone enrols nothing (issue 14's rule for staff)."""
    return settings.REQUIRE_2FA


def gebruiker_create(*, organisatie, gebruikersnaam: str, naam: str, scopes, wachtwoord: str = "",
                    door=None) -> PortaalGebruiker:
    """A portal account for a person at a partner organisation, with the scopes it needs (api.Scope).
    Without `wachtwoord` it has no usable password until it is activated (activatie_uitgeven); a given
    password is for demo mode and tests. Audited as a security event of the gemeente."""
    scopes = sorted(set(scopes))
    if not scopes or set(scopes) - set(Scope.values):
        raise ValueError(f"unknown or no scopes: {scopes}")
    with transaction.atomic():
        gebruiker = PortaalGebruiker.objects.create(
            gemeente_id=organisatie.gemeente_id, organisatie=organisatie, gebruikersnaam=gebruikersnaam[:150],
            naam=naam[:150], wachtwoord=make_password(wachtwoord or None), scopes=scopes, totp_sleutel=random_hex(20))
        audit_log(
            actor=door,
            actie=AuditActie.CREATE,
            object_type="portaal.portaalgebruiker",
            object_id=gebruiker.pk,
            gemeente_id=organisatie.gemeente_id,
            doel="beveiliging",
            omschrijving=f"portaalaccount {gebruiker.gebruikersnaam} voor {organisatie} ({', '.join(scopes)})"[:300],
        )
    return gebruiker


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def activatie_issue(*, gebruiker: PortaalGebruiker, door) -> str:
    """A one-time activation link's token for this account (earlier links stop working): a new
    authenticator key, unconfirmed, to be enrolled with the person's own password. Only the token's
    SHA-256 is kept. Returns the token, to be shown once."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        gebruiker.activatie_hash, gebruiker.activatie_tot = _token_hash(token), timezone.now() + ACTIVATIE_GELDIG
        gebruiker.totp_sleutel, gebruiker.totp_bevestigd, gebruiker.totp_laatste_t = random_hex(20), False, -1
        gebruiker.save(update_fields=["activatie_hash", "activatie_tot", "totp_sleutel", "totp_bevestigd",
                                      "totp_laatste_t"])
        audit_log(actor=door, actie=AuditActie.EXECUTE, object_type="portaal.portaalgebruiker", object_id=gebruiker.pk,
                  gemeente_id=gebruiker.gemeente_id, doel="beveiliging",
                  omschrijving=f"activeringslink voor portaalaccount {gebruiker.gebruikersnaam} uitgegeven"[:300])
    return token


def activatie_find(token: str) -> PortaalGebruiker | None:
    """The active account this link is for, while the link can be used; else None."""
    if not token:
        return None
    return (PortaalGebruiker.objects.select_related("organisatie")
            .filter(activatie_hash=_token_hash(token), activatie_tot__gt=timezone.now(), actief=True).first())


def activatie_complete(*, gebruiker: PortaalGebruiker, token: str, wachtwoord: str, code: str) -> None:
    """Completes an activation: the person's own password (Django's password validators), the code of the
    authenticator they just set up, the link spent. All or nothing; ValidationError per field."""
    fouten = {}
    try:
        validate_password(wachtwoord)
    except ValidationError as exc:
        fouten["wachtwoord1"] = exc.messages
    if fouten:
        raise ValidationError(fouten)
    if not totp_check(gebruiker, code, bij_activatie=True):
        raise ValidationError(
            {"code": _("Deze code klopt niet of is verlopen. Probeer de code die nu in uw app staat.")}
        )
    with transaction.atomic():
        bijgewerkt = PortaalGebruiker.objects.filter(pk=gebruiker.pk, activatie_hash=_token_hash(token),
                                                     activatie_tot__gt=timezone.now()).update(
            wachtwoord=make_password(wachtwoord), activatie_hash="", activatie_tot=None, totp_bevestigd=True)
        if not bijgewerkt:
            raise ValidationError(
                _("Deze activeringslink is al gebruikt of verlopen. Vraag uw beheerder om een nieuwe.")
            )
        audit_log(actor=PortaalPartner(gebruiker), actie=AuditActie.EXECUTE, object_type="sessie", doel="beveiliging",
                  omschrijving="portaal: account geactiveerd")


def _pogingen_sleutel(gebruikersnaam: str) -> str:
    return f"portaal-pogingen:{gebruikersnaam.lower()[:150]}"


def gebruiker_blocked(gebruikersnaam: str) -> bool:
    return (cache.get(_pogingen_sleutel(gebruikersnaam)) or 0) >= MAX_POGINGEN


def _mislukt(gebruikersnaam: str, gebruiker: PortaalGebruiker | None, stap: str) -> None:
    sleutel = _pogingen_sleutel(gebruikersnaam)
    if not cache.add(sleutel, 1, BLOKKADE_SECONDEN):
        try:
            cache.incr(sleutel)
        except ValueError:
            cache.set(sleutel, 1, BLOKKADE_SECONDEN)
    if gebruiker is not None:
        with transaction.atomic():
            audit_log(actor=PortaalPartner(gebruiker), actie=AuditActie.EXECUTE, object_type="sessie",
                      resultaat=AuditResultaat.MISLUKT, doel="beveiliging", omschrijving=f"portaal: {stap} mislukt")


def wachtwoord_check(gebruikersnaam: str, wachtwoord: str) -> PortaalGebruiker | None:
    """The active portal user with this name and password, or None (also while blocked). The hash is
    checked for an unknown name too, so the answer takes as long either way."""
    gebruiker = (
        PortaalGebruiker.objects.select_related("organisatie")
        .filter(gebruikersnaam=gebruikersnaam, actief=True)
        .first()
    )
    klopt = check_password(wachtwoord, gebruiker.wachtwoord if gebruiker else make_password(None))
    if gebruiker_blocked(gebruikersnaam):
        return None
    if gebruiker is None or not klopt:
        _mislukt(gebruikersnaam, gebruiker, "wachtwoord")
        return None
    return gebruiker


def totp_check(gebruiker: PortaalGebruiker, code: str, *, bij_activatie: bool = False) -> bool:
    """The second step: the code of the user's authenticator app (RFC 6238, one step either side for a
    clock that is off), each time step once. Only a confirmed app counts, except while activating."""
    if gebruiker_blocked(gebruiker.gebruikersnaam) or not (gebruiker.totp_bevestigd or bij_activatie):
        return False
    totp = TOTP(bytes.fromhex(gebruiker.totp_sleutel))
    totp.time = time.time()
    try:
        goed = totp.verify(int(code), tolerance=1, min_t=gebruiker.totp_laatste_t + 1)
    except (TypeError, ValueError):
        goed = False
    if not goed:
        _mislukt(gebruiker.gebruikersnaam, gebruiker, "tweede stap")
        return False
    with transaction.atomic():
        PortaalGebruiker.objects.filter(pk=gebruiker.pk).update(totp_laatste_t=totp.t(),
                                                                laatst_ingelogd_op=timezone.now())
        gebruiker.totp_laatste_t = totp.t()
        cache.delete(_pogingen_sleutel(gebruiker.gebruikersnaam))
        audit_log(actor=PortaalPartner(gebruiker), actie=AuditActie.EXECUTE, object_type="sessie", doel="beveiliging",
                  omschrijving="portaal: tweede stap gelukt")
    return True


def login_without_second_step(gebruiker: PortaalGebruiker) -> None:
    """Demo mode without the second step (WIJKREGIE_REQUIRE_2FA off, as for staff): the login is audited."""
    with transaction.atomic():
        PortaalGebruiker.objects.filter(pk=gebruiker.pk).update(laatst_ingelogd_op=timezone.now())
        cache.delete(_pogingen_sleutel(gebruiker.gebruikersnaam))
        audit_log(actor=PortaalPartner(gebruiker), actie=AuditActie.EXECUTE, object_type="sessie", doel="beveiliging",
                  omschrijving="portaal: ingelogd (zonder tweede stap, demomodus)")


def gebruiker_disable(*, gebruiker: PortaalGebruiker, door) -> PortaalGebruiker:
    """Ends a portal account: its next request finds no user (sessie.gebruiker_in_sessie) and it cannot log in."""
    with transaction.atomic():
        PortaalGebruiker.objects.filter(pk=gebruiker.pk).update(actief=False)
        gebruiker.actief = False
        audit_log(actor=door, actie=AuditActie.UPDATE, object_type="portaal.portaalgebruiker", object_id=gebruiker.pk,
                  gemeente_id=gebruiker.gemeente_id, doel="beveiliging",
                  omschrijving=f"portaalaccount {gebruiker.gebruikersnaam} van {gebruiker.organisatie} uitgezet"[:300])
    return gebruiker


def tweede_stap_reset(*, gebruiker: PortaalGebruiker, door) -> str:
    """A lost phone: the authenticator no longer counts and a new activation link is issued (the person
    sets a new password and a new app with it). Returns the link's token, to be shown once."""
    with transaction.atomic():
        PortaalGebruiker.objects.filter(pk=gebruiker.pk).update(wachtwoord=make_password(None))
        audit_log(actor=door, actie=AuditActie.UPDATE, object_type="portaal.portaalgebruiker", object_id=gebruiker.pk,
                  gemeente_id=gebruiker.gemeente_id, doel="beveiliging",
                  omschrijving=f"tweede stap van portaalaccount {gebruiker.gebruikersnaam} opnieuw in te stellen"[:300])
        return activatie_issue(gebruiker=gebruiker, door=door)
