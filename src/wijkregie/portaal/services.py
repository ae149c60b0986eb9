"""Writes of the partner portal: its users, and the two steps of logging in.

Everything a portal user does with residents' data goes through the partner API's own services
(api/services.py) with a `PortaalPartner` as actor: the portal has no rules of its own.
"""

from __future__ import annotations

import secrets
import time

from django.contrib.auth.hashers import check_password, make_password
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.util import random_hex

from wijkregie.api.models import Scope
from wijkregie.core.audit import AuditActie, AuditResultaat, audit_log

from .models import PortaalGebruiker
from .sessie import PortaalPartner

#: As for staff (core.forms.LoginForm, django-axes): five failed attempts block the account a quarter.
MAX_POGINGEN = 5
BLOKKADE_SECONDEN = 15 * 60


def gebruiker_maken(*, organisatie, gebruikersnaam: str, naam: str, scopes, wachtwoord: str = "",
                    door=None) -> tuple[PortaalGebruiker, str]:
    """A portal account for a person at a partner organisation, with the scopes it needs (api.Scope).
    Returns it with its password (a random one unless given), shown once; the TOTP app is set up at the
    first login. Audited as a security event of the gemeente."""
    scopes = sorted(set(scopes))
    if not scopes or set(scopes) - set(Scope.values):
        raise ValueError(f"unknown or no scopes: {scopes}")
    wachtwoord = wachtwoord or secrets.token_urlsafe(12)
    with transaction.atomic():
        gebruiker = PortaalGebruiker.objects.create(
            gemeente_id=organisatie.gemeente_id, organisatie=organisatie, gebruikersnaam=gebruikersnaam[:150],
            naam=naam[:150], wachtwoord=make_password(wachtwoord), scopes=scopes, totp_sleutel=random_hex(20))
        audit_log(actor=door, actie=AuditActie.CREATE, object_type="portaal.portaalgebruiker", object_id=gebruiker.pk,
                  gemeente_id=organisatie.gemeente_id, doel="beveiliging",
                  omschrijving=f"portaalaccount {gebruiker.gebruikersnaam} voor {organisatie} ({', '.join(scopes)})"[:300])
    return gebruiker, wachtwoord


def _pogingen_sleutel(gebruikersnaam: str) -> str:
    return f"portaal-pogingen:{gebruikersnaam.lower()[:150]}"


def geblokkeerd(gebruikersnaam: str) -> bool:
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


def wachtwoord_controleren(gebruikersnaam: str, wachtwoord: str) -> PortaalGebruiker | None:
    """The active portal user with this name and password, or None (also while blocked). The hash is
    checked for an unknown name too, so the answer takes as long either way."""
    gebruiker = (PortaalGebruiker.objects.select_related("organisatie").filter(gebruikersnaam=gebruikersnaam, actief=True)
                 .first())
    klopt = check_password(wachtwoord, gebruiker.wachtwoord if gebruiker else make_password(None))
    if geblokkeerd(gebruikersnaam):
        return None
    if gebruiker is None or not klopt:
        _mislukt(gebruikersnaam, gebruiker, "wachtwoord")
        return None
    return gebruiker


def totp_controleren(gebruiker: PortaalGebruiker, code: str) -> bool:
    """The second step: the code of the user's authenticator app (RFC 6238, one step either side for a
    clock that is off), each time step once; setting up confirms the app with its first good code."""
    if geblokkeerd(gebruiker.gebruikersnaam):
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
        PortaalGebruiker.objects.filter(pk=gebruiker.pk).update(totp_laatste_t=totp.t(), totp_bevestigd=True,
                                                                laatst_ingelogd_op=timezone.now())
        gebruiker.totp_laatste_t, gebruiker.totp_bevestigd = totp.t(), True
        cache.delete(_pogingen_sleutel(gebruiker.gebruikersnaam))
        audit_log(actor=PortaalPartner(gebruiker), actie=AuditActie.EXECUTE, object_type="sessie", doel="beveiliging",
                  omschrijving="portaal: tweede stap gelukt")
    return True


def ingelogd_zonder_tweede_stap(gebruiker: PortaalGebruiker) -> None:
    """Demo mode without the second step (WIJKREGIE_REQUIRE_2FA off, as for staff): the login is audited."""
    with transaction.atomic():
        PortaalGebruiker.objects.filter(pk=gebruiker.pk).update(laatst_ingelogd_op=timezone.now())
        cache.delete(_pogingen_sleutel(gebruiker.gebruikersnaam))
        audit_log(actor=PortaalPartner(gebruiker), actie=AuditActie.EXECUTE, object_type="sessie", doel="beveiliging",
                  omschrijving="portaal: ingelogd (zonder tweede stap, demomodus)")


def gebruiker_uitzetten(*, gebruiker: PortaalGebruiker, door) -> PortaalGebruiker:
    """Ends a portal account: its next request finds no user (sessie.gebruiker_in_sessie) and it cannot log in."""
    with transaction.atomic():
        PortaalGebruiker.objects.filter(pk=gebruiker.pk).update(actief=False)
        gebruiker.actief = False
        audit_log(actor=door, actie=AuditActie.UPDATE, object_type="portaal.portaalgebruiker", object_id=gebruiker.pk,
                  gemeente_id=gebruiker.gemeente_id, doel="beveiliging",
                  omschrijving=f"portaalaccount {gebruiker.gebruikersnaam} van {gebruiker.organisatie} uitgezet"[:300])
    return gebruiker


def tweede_stap_opnieuw(*, gebruiker: PortaalGebruiker, door) -> PortaalGebruiker:
    """A lost phone: a new TOTP key, set up again at the next login (after the password)."""
    with transaction.atomic():
        gebruiker.totp_sleutel, gebruiker.totp_bevestigd, gebruiker.totp_laatste_t = random_hex(20), False, -1
        gebruiker.save(update_fields=["totp_sleutel", "totp_bevestigd", "totp_laatste_t"])
        audit_log(actor=door, actie=AuditActie.UPDATE, object_type="portaal.portaalgebruiker", object_id=gebruiker.pk,
                  gemeente_id=gebruiker.gemeente_id, doel="beveiliging",
                  omschrijving=f"tweede stap van portaalaccount {gebruiker.gebruikersnaam} opnieuw in te stellen"[:300])
    return gebruiker
