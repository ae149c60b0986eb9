import uuid

from django.conf import settings
from django.shortcuts import redirect

from .context import RequestContext, current


class RequestIdMiddleware:
    """Gives every request an id (also in the X-Request-ID response header) for the audit trail."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = str(uuid.uuid4())
        token = current.set(RequestContext(request_id=request.request_id, bron=request.META.get("REMOTE_ADDR", "")))
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


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
