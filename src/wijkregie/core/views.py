"""Pages of the shell: log in, two-factor, log out, health, and the 403 page. (The audit page is in privacy.)"""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import connection, transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import accounts
from .access import toont
from .audit import AuditActie, AuditResultaat, audit_log
from .forms import ActivatieForm, LoginForm, TotpForm
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


# Failed log-ins from one address, whatever usernames were tried, before that address is locked out for
# the cool-off (AXES_COOLOFF_TIME). django-axes locks a username per address after AXES_FAILURE_LIMIT;
# someone trying one common password on many usernames never reaches that. The address limit is higher
# than axes' limit per username, because a location's colleagues share one address behind its router.
IP_FAILURE_LIMIT_DEFAULT = 20


def ip_failures(ip: str) -> int:
    """Failed log-ins from `ip` within the cool-off, over every username (axes' own attempt records)."""
    import datetime

    from axes.models import AccessAttempt
    from django.db.models import Sum
    from django.utils import timezone

    if not ip:
        return 0
    since = timezone.now() - datetime.timedelta(hours=float(settings.AXES_COOLOFF_TIME or 0))
    total = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return total or 0


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        from .middleware import client_ip

        ip = client_ip(request)
        limit = getattr(settings, "AXES_IP_FAILURE_LIMIT", IP_FAILURE_LIMIT_DEFAULT)
        if ip_failures(ip) >= limit:
            with transaction.atomic():
                audit_log(actor=None, actie=AuditActie.EXECUTE, object_type="sessie", grondslag="geen",
                          doel="beveiliging", resultaat=AuditResultaat.GEWEIGERD,
                          omschrijving=f"inloggen geblokkeerd: meer dan {limit} mislukte pogingen vanaf dit adres")
            return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)
        return super().post(request, *args, **kwargs)


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
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@toont(publiek=True)
@otp_exempt
@never_cache
def tweestaps(request):
    """Second step of logging in: the code of the authenticator enrolled at activation.

    An account without one is not activated: it is told to use its activation link and gets no way to
    enrol an authenticator here, whatever it posts (issue 14: with the password alone, someone else's
    authenticator could be enrolled). In demo mode the second step is not asked at all.
    """
    user = request.user
    if user.is_verified():
        return redirect(settings.LOGIN_REDIRECT_URL)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    # No menu yet: every link would lead back here until the second step is passed.
    context = {"hide_nav": settings.REQUIRE_2FA, "niet_geactiveerd": device is None}
    if device is None:
        if request.method == "POST":
            with transaction.atomic():
                audit_log(actor=user, actie=AuditActie.EXECUTE, object_type="sessie", grondslag="geen",
                          omschrijving="tweede stap geweigerd: account niet geactiveerd",
                          resultaat=AuditResultaat.GEWEIGERD, doel="beveiliging")
        return render(request, "core/tweestaps.html", context, status=403 if request.method == "POST" else 200)
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                otp_login(request, device)
                audit_log(actor=user, actie=AuditActie.EXECUTE, object_type="sessie", omschrijving="tweede stap gelukt")
            return redirect(_safe_next(request))
        with transaction.atomic():
            audit_log(actor=user, actie=AuditActie.EXECUTE, object_type="sessie", omschrijving="tweede stap mislukt",
                      resultaat=AuditResultaat.MISLUKT)
        form.add_error("code", _("Deze code klopt niet of is verlopen. Probeer de code die nu in uw app staat."))
    context["form"] = form
    return render(request, "core/tweestaps.html", context)


@toont(publiek=True)
@login_not_required
@otp_exempt
@never_cache
def activeren_link(request, token: str):
    """The activation link: keeps the token in the session and moves it out of the address bar.

    The page that follows has no token in its address, so it does not travel on in a Referer header
    or stay in the browser's history (as Django's password reset does).
    """
    if accounts.activatie_find(token) is None:
        accounts.activatie_geweigerd()
        return render(request, "core/activeren.html", {"ongeldig": True, "hide_nav": True}, status=410)
    request.session[accounts.SESSIE_SLEUTEL] = token
    return redirect("core:activeren")


@toont(publiek=True)
@login_not_required
@otp_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def activatie_complete(request):
    """Activation: the person chooses a password and enrols their authenticator, once (issue 14, item 6)."""
    activatie = accounts.activatie_find(request.session.get(accounts.SESSIE_SLEUTEL, ""))
    if activatie is None:
        if request.method == "POST" or accounts.SESSIE_SLEUTEL in request.session:
            accounts.activatie_geweigerd()
        request.session.pop(accounts.SESSIE_SLEUTEL, None)
        return render(request, "core/activeren.html", {"ongeldig": True, "hide_nav": True}, status=410)
    medewerker = activatie.medewerker
    apparaat = accounts.activatie_apparaat(activatie)
    form = ActivatieForm(medewerker, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if apparaat.verify_token(form.cleaned_data["code"]):
            try:
                accounts.account_activeren(activatie=activatie, wachtwoord=form.cleaned_data["new_password1"],
                                           apparaat=apparaat)
            except accounts.ActivatieVerlopen:
                accounts.activatie_geweigerd()
                return render(request, "core/activeren.html", {"ongeldig": True, "hide_nav": True}, status=410)
            request.session.pop(accounts.SESSIE_SLEUTEL, None)
            auth_login(request, medewerker, backend="wijkregie.core.backends.WijkregieModelBackend")
            otp_login(request, apparaat)
            messages.success(
                request, _("Uw account is geactiveerd. Voortaan logt u in met uw wachtwoord en de code uit uw app.")
            )
            return redirect(settings.LOGIN_REDIRECT_URL)
        form.add_error("code", _("Deze code klopt niet of is verlopen. Probeer de code die nu in uw app staat."))
    context = {
        "form": form, "hide_nav": True, "medewerker": medewerker, "qr": _qr_data_uri(apparaat.config_url),
        "sleutel": base64.b32encode(apparaat.bin_key).decode(),
    }
    return render(request, "core/activeren.html", context)


def permission_denied(request, exception=None):
    """403 page; the refusal is audited (NEN 7513 asks for denied access too)."""
    if request.user.is_authenticated:
        with transaction.atomic():
            audit_log(
                actor=request.user, actie=AuditActie.READ, object_type="pagina", object_id=request.path[:64],
                omschrijving="toegang geweigerd", resultaat=AuditResultaat.GEWEIGERD,
            )
    return render(request, "403.html", status=403)
