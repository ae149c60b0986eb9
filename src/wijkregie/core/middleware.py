import re
import uuid

import django_otp.middleware
from django.conf import settings
from django.db import connections
from django.shortcuts import redirect

from .context import RequestContext, current


def client_ip(request) -> str:
    """The client's address; behind WIJKREGIE_PROXY_COUNT trusted proxies, from X-Forwarded-For."""
    count = settings.PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


class RequestIdMiddleware:
    """Gives every request an id (also in the X-Request-ID response header) for the audit trail.

    It also carries the request (for its user) to the audit helpers, and runs the audit writes that
    must outlive the view's transaction (a refused access answered with a 404) after the response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = str(uuid.uuid4())
        after_response = []
        token = current.set(
            RequestContext(request_id=request.request_id, bron=client_ip(request), request=request,
                           after_response=after_response)
        )
        try:
            response = self.get_response(request)
        finally:
            try:
                for write in after_response:
                    write()
            finally:
                current.reset(token)
        response["X-Request-ID"] = request.request_id
        security_headers(request, response)
        return response


# Browser features no page of wijkregie uses: a script that got in (or a framed page) cannot ask for
# them. A feature not named here keeps the browser's default.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
    "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
    "xr-spatial-tracking",
))


def security_headers(request, response) -> None:
    """Permissions-Policy on every answer, and HSTS that covers the subdomains (issue 14, item 6).

    Django's SecurityMiddleware writes HSTS only without includeSubDomains unless
    SECURE_HSTS_INCLUDE_SUBDOMAINS is set; a municipality's other hosts (mail, intranet) share the
    domain, and a first visit over plain HTTP to one of them could be intercepted. Set here, inside
    SecurityMiddleware, it is left as it is there; only over HTTPS, as the standard requires.
    """
    response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    seconds = getattr(settings, "SECURE_HSTS_SECONDS", 0)
    if seconds and request.is_secure() and "Strict-Transport-Security" not in response:
        value = f"max-age={seconds}; includeSubDomains"
        if getattr(settings, "SECURE_HSTS_PRELOAD", False):
            value += "; preload"
        response["Strict-Transport-Security"] = value


class OTPMiddleware(django_otp.middleware.OTPMiddleware):
    """django-otp's middleware, with the session's TOTP device read by a statement kept per process (issue 17).

    Every request reads the device that verified the session (`request.user.is_verified()`); django-otp builds
    that query with the ORM each time, about 3 % of the server's Python time under the bench's capacity load
    (py-spy, session 18). The device is read whole (every field), by its id only, as django-otp's own
    `Device.from_persistent_id`; django-otp still checks that it belongs to the user and is confirmed. Any other
    kind of device goes django-otp's own way."""

    def _device_from_persistent_id(self, persistent_id: str):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from .querying import eerste_rijen_van

        label, _, device_id = self._normalize_persistent_id(persistent_id).rpartition("/")
        if label != TOTPDevice._meta.label_lower or not device_id.isascii() or not device_id.isdigit():
            return super()._device_from_persistent_id(persistent_id)

        def bronnen(apparaat_id):
            return {"apparaat": (TOTPDevice.objects.filter(id=apparaat_id).order_by(), 1, None)}

        rijen = eerste_rijen_van(bronnen, sleutel=("core.otp-apparaat",), model=TOTPDevice,
                                 invullen={"apparaat_id": int(device_id)})["apparaat"]
        return rijen[0] if rijen else None


def otp_exempt(view):
    """Marks a view that a logged-in user may reach before the second factor (set-up, verify, log out)."""
    view.otp_exempt = True
    return view


class TwoFactorRequiredMiddleware:
    """Outside demo mode every account must pass TOTP before any page with data (issue 2, security)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.REQUIRE_2FA or not request.user.is_authenticated:
            return None
        if getattr(view_func, "otp_exempt", False) or getattr(view_func, "login_required", True) is False:
            return None
        if request.user.is_verified():
            return None
        return redirect("core:tweestaps")


class DutchFirstLocaleMiddleware:
    """Dutch unless the user chose otherwise in the page (language cookie).

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show many Dutch
    civil servants with English-language browsers a half-English application.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SessionIdleTimeoutMiddleware:
    """Ends a session after SESSION_COOKIE_AGE without requests, writing the session at most once a minute.

    Django's SESSION_SAVE_EVERY_REQUEST would write to the database on every page; this refreshes
    the expiry only when the last refresh is older than a minute (so the timeout is exact to a minute).
    """

    REFRESH_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated:
            now = int(time.time())
            if now - session.get("_touched", 0) >= self.REFRESH_SECONDS:
                session["_touched"] = now
        return self.get_response(request)


TRANSACTION_CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.IGNORECASE)


class QueryCountMiddleware:
    """Under `make bench` only (settings.BENCH_MODE): the number of SQL statements this request ran,
    in the X-Query-Count response header, so the load generator can report queries per request
    measured on the running server, audit events included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            # Transaction control is not a query (and PostgreSQL's BEGIN/COMMIT never pass through
            # here), so it is left out on both databases alike.
            if not TRANSACTION_CONTROL.match(sql):
                count += 1
            return execute(sql, params, many, context)

        wrappers = [connections[alias].execute_wrapper(counter) for alias in connections]
        for wrapper in wrappers:
            wrapper.__enter__()
        try:
            response = self.get_response(request)
        finally:
            for wrapper in reversed(wrappers):
                wrapper.__exit__(None, None, None)
        response["X-Query-Count"] = str(count)
        return response


class NoStoreForLoggedInMiddleware:
    """`Cache-Control: no-store` on every response to a logged-in user.

    Pages show residents' data: neither the browser's cache (a shared computer at a location, the
    back button after logging out) nor a proxy may keep a copy. Static files are answered by
    WhiteNoise before this runs and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            from django.utils.cache import patch_cache_control

            patch_cache_control(response, no_store=True)
        return response
