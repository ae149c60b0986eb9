"""Who is logged in to the partner portal, kept apart from the staff login.

A portal user is never Django's `request.user`: the portal keeps its own keys in the session, so every
staff page, rule and selector sees an anonymous visitor (LoginRequiredMiddleware sends them to the staff
login) and no staff session ever counts here. `portaal_pagina` guards every portal page: both steps
passed (the password, and TOTP when WIJKREGIE_REQUIRE_2FA is on, as for staff), the account still active,
the session not idle for longer than SESSION_IDLE_MINUTES, and the scope the page needs; it hands the
view `request.partner`, the actor that the API's services and the audit trail take.
"""

from __future__ import annotations

import functools
import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control

from wijkregie.api.authentication import PartnerActor

from .models import PortaalGebruiker

GEBRUIKER = "portaal_gebruiker"
GEVERIFIEERD = "portaal_geverifieerd"
ACTIEF = "portaal_actief"
VERVERSEN = 60  # seconds: the idle clock is written at most once a minute, like the staff session's


class PortaalPartner(PartnerActor):
    """The actor of a portal request: a person at a partner organisation, acting for it.

    A partner actor like the API's `Partner` (api/authentication.py), so that the API's services and the
    audit trail take it unchanged: its own audit chain (`portaal<pk>`), the person and the organisation as
    the actor's name, and no staff permission whatsoever.
    """

    token = None

    def __init__(self, gebruiker: PortaalGebruiker):
        self.gebruiker = gebruiker
        self.organisatie = gebruiker.organisatie
        self.gemeente_id = gebruiker.gemeente_id
        self.scopes = frozenset(gebruiker.scopes or ())

    @property
    def audit_keten(self) -> str:
        return f"portaal{self.gebruiker.pk}"

    def get_username(self) -> str:
        return f"{self.gebruiker.naam} ({self.organisatie.naam}, partnerportaal)"[:150]

    def mag(self, scope: str) -> bool:
        return scope in self.scopes


def inloggen(request, gebruiker: PortaalGebruiker, *, geverifieerd: bool) -> None:
    """After the password: a new session key (no fixation), the user named, the second step still to come."""
    request.session.cycle_key()
    request.session[GEBRUIKER] = gebruiker.pk
    request.session[GEVERIFIEERD] = geverifieerd
    request.session[ACTIEF] = int(time.time())


def verifieer(request) -> None:
    request.session.cycle_key()
    request.session[GEVERIFIEERD] = True


def uitloggen(request) -> None:
    """Only the portal's keys go: a staff login in the same browser is not touched."""
    for sleutel in (GEBRUIKER, GEVERIFIEERD, ACTIEF):
        request.session.pop(sleutel, None)
    request.session.cycle_key()


def gebruiker_in_sessie(request) -> PortaalGebruiker | None:
    """The portal user of this session after the password step (active), or None."""
    pk = request.session.get(GEBRUIKER)
    if pk is None:
        return None
    gebruiker = (PortaalGebruiker.objects.select_related("organisatie__gemeente")
                 .filter(pk=pk, actief=True).first())
    nu = int(time.time())
    if gebruiker is None or nu - request.session.get(ACTIEF, 0) > settings.SESSION_COOKIE_AGE:
        uitloggen(request)
        return None
    if nu - request.session.get(ACTIEF, 0) >= VERVERSEN:
        request.session[ACTIEF] = nu
    return gebruiker


def tweede_stap_nodig(request) -> bool:
    return settings.REQUIRE_2FA and not request.session.get(GEVERIFIEERD, False)


def portaal_pagina(scope: str | None = None):
    """Guards a portal page (see the module). A staff session is refused (403): a medewerker reaches no
    partner's view of the data through their own account, and the portal is not a second staff door."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.is_authenticated:
                raise PermissionDenied
            gebruiker = gebruiker_in_sessie(request)
            if gebruiker is None:
                return redirect(f"{_login_url()}?next={request.path}")
            if tweede_stap_nodig(request):
                return redirect("portaal:tweestaps")
            request.partner = PortaalPartner(gebruiker)
            if scope is not None and not request.partner.mag(scope):
                raise PermissionDenied
            response = view(request, *args, **kwargs)
            patch_cache_control(response, no_store=True)  # residents' data: no copy in any cache
            return response

        return login_not_required(wrapped)

    return decorate


def _login_url() -> str:
    from django.urls import reverse

    return reverse("portaal:inloggen")
