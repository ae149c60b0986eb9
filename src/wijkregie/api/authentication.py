"""Who calls the API: a partner organisation through one of its keys, never a staff session.

`Authorization: Bearer wr_<prefix>_<secret>` is the only way in. A logged-in medewerker's session
cookie counts for nothing here (401): the API is not a second door to the pages' data.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.throttling import SimpleRateThrottle

from . import sleutels
from .models import ApiToken

REALM = "wijkregie"
# last_used_at is written at most once a minute per key: a timestamp, not a write on every request.
GEBRUIK_BIJWERKEN = datetime.timedelta(minutes=1)


class PartnerActor:
    """What every partner actor is to the services and the audit trail (the API's key, the portal's
    person): authenticated, role `partner`, no staff permission or role whatsoever, its own audit chain.
    Subclasses name the chain and the actor."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False
    pk = None
    id = None
    rollen = frozenset({"partner"})

    def has_perm(self, perm, obj=None) -> bool:
        return False  # no staff action rule ever applies to a partner

    def heeft_rol(self, *rollen) -> bool:
        return False

    def __str__(self) -> str:
        return self.get_username()


class Partner(PartnerActor):
    """The actor of an API request, for services and the audit trail: an organisation through one key.

    Not a Medewerker: toegang's services record no registrar for it (the aanmelding names the
    organisation), and the audit trail files its events on a chain of the key's own (`audit_keten`),
    under the organisation's name and the key's prefix, with role `partner`.
    """

    def __init__(self, token: ApiToken):
        self.token = token
        self.organisatie = token.organisatie
        self.gemeente_id = token.gemeente_id

    @property
    def audit_keten(self) -> str:
        return f"api{self.token.pk}"

    def get_username(self) -> str:
        return f"{self.organisatie.naam} (API-sleutel {self.token.prefix})"[:150]


class SleutelAuthenticatie(BaseAuthentication):
    """Bearer keys of partner organisations (api/sleutels.py). Unknown, revoked and expired keys get a
    401 in Dutch; only a key whose secret matched learns that it expired or was revoked."""

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header:
            return None
        if header[0].lower() != b"bearer" or len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Stuur de API-sleutel als 'Authorization: Bearer <sleutel>'."), code="sleutel_vorm")
        try:
            tekst = header[1].decode("ascii")
        except UnicodeDecodeError:
            tekst = ""
        delen = sleutels.ontleed(tekst)
        token = None
        if delen is not None:
            token = (ApiToken.objects.select_related("organisatie").filter(prefix=delen[0]).first())
        if token is None or not sleutels.klopt(delen[1], token.sleutel_hash):
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel is onbekend."), code="sleutel_onbekend")
        nu = timezone.now()
        if token.ingetrokken_op is not None:
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel is ingetrokken."), code="sleutel_ingetrokken")
        if token.verloopt_op <= nu:
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel is verlopen; vraag de gemeente om een nieuwe."),
                                                  code="sleutel_verlopen")
        if token.laatst_gebruikt_op is None or nu - token.laatst_gebruikt_op >= GEBRUIK_BIJWERKEN:
            ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt_op=nu)
            token.laatst_gebruikt_op = nu
        return Partner(token), token

    def authenticate_header(self, request):
        # With this header DRF answers 401 (not 403) to a request without a valid key.
        return f'Bearer realm="{REALM}"'


class HeeftScope(BasePermission):
    """The key holds the scope the view declares (`scope`); else 403, naming what is missing."""

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        nodig = getattr(view, "scope", None)
        if nodig is None or nodig in (token.scopes or []):
            return True
        self.message = _("Deze API-sleutel heeft het recht '%(scope)s' niet.") % {"scope": nodig}
        self.code = "scope_ontbreekt"
        return False


class PerSleutel(SimpleRateThrottle):
    """At most WIJKREGIE_API_LIMIET_PER_UUR requests per key and hour (settings), counted in the shared
    cache; beyond it 429 with Retry-After. Requests without a valid key never get this far."""

    scope = "api"

    def get_rate(self):
        return f"{settings.API_LIMIET_PER_UUR}/hour"

    def get_cache_key(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken):
            return None
        return f"api-limiet:{token.pk}"
