"""Errors as problem details (RFC 9457, `application/problem+json`), in Dutch, for every API answer.

Every refusal names its status, a short title, a detail a partner's developer can act on and, for
invalid input, `invalid-params`: one entry (name, code, reason) per field. Nothing of the request is
stored when it is refused: validation runs before any service, and services are one transaction.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

PROBLEM_JSON = "application/problem+json"


class TeGroot(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "te_groot"

    def __init__(self):
        super().__init__(_("Het verzoek is groter dan %(kb)s kB.") % {"kb": settings.API_MAX_BODY // 1024})


class Onverwerkbaar(exceptions.APIException):
    """Well-formed and valid, but not something this gemeente can take (422)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "onverwerkbaar"

    def __init__(self, detail: str, *, veld: str = "", code: str = "onverwerkbaar"):
        super().__init__(detail, code)
        self.veld = veld


TITELS = {
    400: gettext_lazy("Ongeldig verzoek"),
    401: gettext_lazy("Geen geldige API-sleutel"),
    403: gettext_lazy("Geen toegang"),
    404: gettext_lazy("Niet gevonden"),
    405: gettext_lazy("Methode niet toegestaan"),
    406: gettext_lazy("Antwoordformaat niet beschikbaar"),
    413: gettext_lazy("Verzoek te groot"),
    415: gettext_lazy("Verkeerd formaat"),
    422: gettext_lazy("Niet te verwerken"),
    429: gettext_lazy("Te veel verzoeken"),
    500: gettext_lazy("Fout in de server"),
}

# DRF's own messages for these, in words for a partner's developer.
DETAILS = {
    exceptions.NotAuthenticated: gettext_lazy(
        "Stuur een API-sleutel mee: 'Authorization: Bearer <sleutel>'. Een ingelogde sessie geldt hier niet."),
    exceptions.UnsupportedMediaType: gettext_lazy("Stuur de gegevens als JSON, met 'Content-Type: application/json'."),
    exceptions.NotAcceptable: gettext_lazy("Deze API antwoordt alleen in JSON."),
}


def probleem(status_code: int, detail: str, *, code: str = "", instance: str = "",
             invalid_params: list | None = None) -> dict:
    data = {"type": "about:blank", "title": str(TITELS.get(status_code, TITELS[500])), "status": status_code,
            "detail": str(detail)}
    if code:
        data["code"] = code
    if instance:
        data["instance"] = instance
    if invalid_params is not None:
        data["invalid-params"] = invalid_params
    return data


def _ongeldige_velden(detail, naam: str = "") -> list[dict]:
    """DRF's nested error detail as a flat list of {name, code, reason}."""
    if isinstance(detail, dict):
        uit = []
        for sleutel, waarde in detail.items():
            if sleutel in ("non_field_errors", "__all__"):
                deel = naam
            else:
                deel = f"{naam}.{sleutel}" if naam else str(sleutel)
            uit += _ongeldige_velden(waarde, deel)
        return uit
    if isinstance(detail, list):
        uit = []
        for index, item in enumerate(detail):
            if isinstance(item, (dict, list)):
                uit += _ongeldige_velden(item, f"{naam}.{index}" if naam else str(index))
            else:
                uit += _ongeldige_velden(item, naam)
        return uit
    return [{"name": naam or "body", "code": str(getattr(detail, "code", "invalid") or "invalid"),
             "reason": str(detail)}]


def probleem_handler(exc, context):
    """DRF's EXCEPTION_HANDLER for the API: every refusal as Dutch problem+json with its headers."""
    # Imported here: DRF's views read the settings that name this module's parser (a cycle at import).
    from rest_framework.views import exception_handler as drf_exception_handler

    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: Django's 500, logged without the request's data
    code_status = response.status_code
    if isinstance(exc, exceptions.ValidationError):
        data = probleem(400, _("De gegevens kloppen niet; zie invalid-params."), code="ongeldig", instance=instance,
                        invalid_params=_ongeldige_velden(exc.detail))
    elif isinstance(exc, Onverwerkbaar):
        velden = [{"name": exc.veld, "code": exc.detail.code, "reason": str(exc.detail)}] if exc.veld else None
        data = probleem(422, str(exc.detail), code=exc.detail.code, instance=instance, invalid_params=velden)
    else:
        detail = DETAILS.get(type(exc)) or getattr(exc, "detail", "")
        if isinstance(exc, exceptions.Throttled):
            detail = _("Deze API-sleutel deed te veel verzoeken; probeer het over %(s)s seconden opnieuw.") % {
                "s": int(exc.wait or 1)}
        elif isinstance(exc, exceptions.NotFound):
            detail = _("Niet gevonden, of niet voor deze organisatie.")
        elif isinstance(exc, exceptions.MethodNotAllowed):
            detail = _("Deze methode is hier niet toegestaan.")
        elif isinstance(exc, exceptions.ParseError):
            detail = _("De inhoud is geen geldige JSON.")
        code = getattr(getattr(exc, "detail", None), "code", "") or getattr(exc, "default_code", "")
        data = probleem(code_status, str(detail), code=str(code), instance=instance)
    response.data = data
    response.content_type = PROBLEM_JSON
    return response


@csrf_exempt
def niet_gevonden(request, *args, **kwargs):
    """Any path under /api/v1/ that names no endpoint: a problem, not the pages' HTML 404. No CSRF check:
    a POST to an unknown path (an id that is no UUID) carries no cookie and must get the same 404."""
    return JsonResponse(probleem(404, _("Dit pad bestaat niet in de API; zie /api/v1/schema/."), code="not_found",
                                 instance=request.path),
                        status=404, content_type=PROBLEM_JSON, json_dumps_params={"ensure_ascii": False})


class BegrensdeJSONParser(JSONParser):
    """JSON bodies up to API_MAX_BODY bytes (413 beyond), read once and parsed strictly.

    The size is checked on what is read, not only on Content-Length, so a chunked request cannot
    slip past it. NaN and Infinity are refused (they are not JSON).
    """

    def parse(self, stream, media_type=None, parser_context=None):
        limiet = settings.API_MAX_BODY
        inhoud = stream.read(limiet + 1) if stream is not None else b""
        if len(inhoud) > limiet:
            raise TeGroot()
        charset = (parser_context or {}).get("encoding", "utf-8") or "utf-8"
        try:
            tekst = inhoud.decode(charset)
            return json.loads(tekst, parse_constant=_geen_constante)
        except (ValueError, LookupError) as exc:
            raise exceptions.ParseError(str(exc)) from None


def _geen_constante(naam):
    raise ValueError(f"{naam} is geen JSON")


def als_probleem_response(status_code: int, detail: str, **kwargs) -> Response:
    return Response(probleem(status_code, detail, **kwargs), status=status_code, content_type=PROBLEM_JSON)
