"""Pages of the shell: log in, two-factor, log out, health, and the 403 page. (The audit page is in privacy.)"""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import connection, transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .access import toont
from .audit import AuditActie, AuditResultaat, audit_log
from .forms import LoginForm, TotpForm
from .middleware import otp_exempt


@toont(publiek=True)
@login_not_required
@require_GET
@never_cache
def health(request):
    """Liveness and readiness for load balancers: no login, no personal data."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor, "version": settings.VERSION})


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


login_view = toont(publiek=True)(login_not_required(LoginView.as_view()))


@toont(publiek=True)
@otp_exempt
@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("U bent uitgelogd."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


def _qr_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _safe_next(request) -> str:
    """Only a path on this site: never send someone who just logged in to another host."""
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@toont(publiek=True)
@otp_exempt
@never_cache
def tweestaps(request):
    """Second step of logging in: enter the TOTP code, or set up an authenticator app first."""
    user = request.user
    if user.is_verified():
        return redirect(settings.LOGIN_REDIRECT_URL)
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = confirmed
    if device is None:
        # Set-up: one unconfirmed device, kept across reloads so the QR code does not change.
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name="authenticator", confirmed=False
        )
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                if not device.confirmed:
                    device.confirmed = True
                    device.save(update_fields=["confirmed"])
                otp_login(request, device)
                audit_log(actor=user, actie=AuditActie.EXECUTE, object_type="sessie", omschrijving="tweede stap gelukt")
            return redirect(_safe_next(request))
        with transaction.atomic():
            audit_log(actor=user, actie=AuditActie.EXECUTE, object_type="sessie", omschrijving="tweede stap mislukt",
                      resultaat=AuditResultaat.MISLUKT)
        form.add_error("code", _("Deze code klopt niet of is verlopen. Probeer de code die nu in uw app staat."))
    # No menu yet: every link would lead back here until the second step is passed.
    context = {"form": form, "instellen": confirmed is None, "hide_nav": settings.REQUIRE_2FA}
    if confirmed is None:
        context["qr"] = _qr_data_uri(device.config_url)
        context["sleutel"] = base64.b32encode(device.bin_key).decode()
    return render(request, "core/tweestaps.html", context)


def permission_denied(request, exception=None):
    """403 page; the refusal is audited (NEN 7513 asks for denied access too)."""
    if request.user.is_authenticated:
        with transaction.atomic():
            audit_log(
                actor=request.user, actie=AuditActie.READ, object_type="pagina", object_id=request.path[:64],
                omschrijving="toegang geweigerd", resultaat=AuditResultaat.GEWEIGERD,
            )
    return render(request, "403.html", status=403)
