"""The partner portal's pages: the partner API as pages, for people at a partner without software of
their own (issue 15). Thin: every read is a selector of api/selectors.py (what an organisation may see is
regie.selectors.casussen_gedeeld_met, asked on every request), every write and every audit of a read is a
service of api/services.py, with the portal user as actor. Nothing here decides who may see what.

Staff sessions are refused on every page (sessie.portaal_pagina); the access policy declares the pages
with `perm="portaal.partner"`, which no staff account holds (portaal/rules.py).
"""

from __future__ import annotations

import base64
import uuid
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from wijkregie.api import selectors as api_selectors
from wijkregie.api import services as api_services
from wijkregie.api.models import Scope, VoorstelStatus
from wijkregie.api.problemen import Onverwerkbaar
from wijkregie.core.access import toont
from wijkregie.core.forms import TotpForm
from wijkregie.core.views import _qr_data_uri
from wijkregie.organisatie.toegangsbeleid import Gegevens
from wijkregie.plan.selectors import actieve_leefgebieden

from . import services, sessie
from .forms import ActivatieForm, InlogForm, SignaalForm, VerwijzingForm, VoorstelForm

PERM = "portaal.partner"


def _volgende(request) -> str:
    doel = request.GET.get("next", "")
    if doel.startswith("/portaal/") and url_has_allowed_host_and_scheme(doel, allowed_hosts={request.get_host()}):
        return doel
    return "/portaal/"


@toont(publiek=True)
@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def inloggen(request):
    form = InlogForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        naam = form.cleaned_data["gebruikersnaam"]
        if services.gebruiker_blocked(naam):
            form.add_error(
                None, _("Na vijf mislukte pogingen is dit account een kwartier geblokkeerd. Probeer het later.")
            )
        else:
            gebruiker = services.wachtwoord_check(naam, form.cleaned_data["wachtwoord"])
            if gebruiker is None:
                form.add_error(
                    None,
                    _(
                        "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet. Let op "
                        "hoofdletters. Na vijf mislukte pogingen wordt het account een kwartier geblokkeerd."
                    ),
                )
            elif services.activatie_required() and not gebruiker.totp_bevestigd:
                form.add_error(None, _("Dit account is nog niet geactiveerd. Gebruik de activeringslink die u van uw "
                                       "beheerder kreeg, of vraag om een nieuwe."))
            else:
                sessie.inloggen(request, gebruiker, geverifieerd=False)
                if sessie.tweede_stap_nodig(request):
                    return redirect(f"{_url('portaal:tweestaps')}?next={_volgende(request)}")
                services.login_without_second_step(gebruiker)
                sessie.verifieer(request)
                return redirect(_volgende(request))
    return render(request, "portaal/inloggen.html", {"form": form, "hide_nav": True})


@toont(publiek=True)
@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def tweestaps(request):
    """The second step: the code of the authenticator app enrolled at activation (as for staff)."""
    gebruiker = sessie.gebruiker_in_sessie(request)
    if gebruiker is None:
        return redirect("portaal:inloggen")
    if not sessie.tweede_stap_nodig(request):
        return redirect(_volgende(request))
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_check(gebruiker, form.cleaned_data["code"]):
            sessie.verifieer(request)
            return redirect(_volgende(request))
        form.add_error("code", _("Deze code klopt niet of is verlopen. Probeer de code die nu in uw app staat."))
    return render(request, "portaal/tweestaps.html", {"form": form})


ACTIVATIE = "portaal_activatie"


@toont(publiek=True)
@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def activatie_complete(request):
    """Activation by the one-time link (`?t=`): the token moves to the session and leaves the address bar
    (and the Referer) at once; the person chooses a password and enrols the authenticator, once."""
    if request.GET.get("t"):
        request.session[ACTIVATIE] = request.GET["t"][:100]
        return redirect("portaal:activeren")
    token = request.session.get(ACTIVATIE, "")
    gebruiker = services.activatie_find(token)
    if gebruiker is None:
        request.session.pop(ACTIVATIE, None)
        return render(request, "portaal/activeren.html", {"ongeldig": True}, status=410)
    form = ActivatieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.activatie_complete(gebruiker=gebruiker, token=token, wachtwoord=form.cleaned_data["wachtwoord1"],
                               code=form.cleaned_data["code"])
        except ValidationError as exc:
            for veld, fouten in (exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]):
                for fout in fouten:
                    form.add_error(veld if veld in form.fields else None, fout)
        else:
            request.session.pop(ACTIVATIE, None)
            sessie.inloggen(request, gebruiker, geverifieerd=True)
            messages.success(
                request, _("Uw account is geactiveerd. Voortaan logt u in met uw wachtwoord en de code uit uw app.")
            )
            return redirect("portaal:start")
    sleutel = base64.b32encode(bytes.fromhex(gebruiker.totp_sleutel)).decode()
    uitgever = quote("wijkregie partnerportaal")
    return render(request, "portaal/activeren.html", {
        "form": form, "gebruiker": gebruiker, "sleutel": sleutel,
        "qr": _qr_data_uri(f"otpauth://totp/{uitgever}:{quote(gebruiker.gebruikersnaam)}?secret={sleutel}"
                           f"&issuer={uitgever}"),
    })


@toont(publiek=True)
@login_not_required
@require_POST
def uitloggen(request):
    sessie.uitloggen(request)
    messages.info(request, _("U bent uitgelogd uit het partnerportaal."))
    return redirect("portaal:inloggen")


@toont(perm=PERM)
@sessie.portaal_pagina()
def start(request):
    return render(request, "portaal/start.html", {"partner": request.partner})


@toont(Gegevens.VRAAG, perm=PERM)
@sessie.portaal_pagina(Scope.VERWIJZEN)
@require_http_methods(["GET", "POST"])
def verwijzen(request):
    form = VerwijzingForm(request.POST or None, organisatie=request.partner.organisatie)
    if request.method == "POST" and form.is_valid():
        try:
            api_services.verwijzing_register(partner=request.partner, **form.cleaned_data)
        except Onverwerkbaar as exc:
            form.add_error(exc.veld or None, str(exc.detail))
        else:
            messages.success(request, _("Uw verwijzing is ontvangen. Hieronder ziet u de status."))
            return redirect("portaal:verwijzingen")
    return render(request, "portaal/verwijzen.html", {"form": form, "partner": request.partner, "sectie": "verwijzen"})


@toont(Gegevens.VRAAG, perm=PERM)
@sessie.portaal_pagina(Scope.VERWIJZEN)
def verwijzingen(request):
    """The organisation's referrals with their status: the same selector and status as the API."""
    lijst = list(api_selectors.verwijzingen_van(request.partner.organisatie).order_by("-ontvangen_op", "-pk")[:200])
    api_services.verwijzingen_list(partner=request.partner, verwijzingen=lijst)
    rijen = []
    for v in lijst:
        stand, teruggekoppeld = api_selectors.verwijzing_status(v)
        rijen.append({"verwijzing": v, "status": stand, "teruggekoppeld_op": teruggekoppeld})
    return render(request, "portaal/verwijzingen.html", {"rijen": rijen, "partner": request.partner,
                                                          "sectie": "verwijzingen"})


@toont(Gegevens.VRAAG, perm=PERM)
@sessie.portaal_pagina(Scope.VERWIJZEN)
def verwijzing(request):
    """One referral's status (`?id=`, the id the API also gives): only the organisation's own; another's
    answers 404 like an id that does not exist, and the refusal is audited (api.services)."""
    try:
        gezocht = uuid.UUID(request.GET.get("id", ""))
    except ValueError:
        raise Http404 from None
    gevonden = api_selectors.verwijzingen_van(request.partner.organisatie).filter(publiek_id=gezocht).first()
    if gevonden is None:
        api_services.verwijzing_refuse(partner=request.partner, publiek_id=gezocht)
        raise Http404
    api_services.verwijzing_view(partner=request.partner, verwijzing=gevonden)
    stand, teruggekoppeld = api_selectors.verwijzing_status(gevonden)
    return render(request, "portaal/verwijzing.html", {"verwijzing": gevonden, "status": stand,
                                                        "teruggekoppeld_op": teruggekoppeld, "partner": request.partner,
                                                        "sectie": "verwijzingen"})


@toont(perm=PERM)
@sessie.portaal_pagina(Scope.SIGNALEREN)
@require_http_methods(["GET", "POST"])
def signaal(request):
    bronnen = api_services.signaalbronnen_for(request.partner.organisatie)
    form = SignaalForm(request.POST or None, bronnen=bronnen)
    if request.method == "POST" and form.is_valid():
        try:
            api_services.signaal_report(partner=request.partner, **form.cleaned_data)
        except Onverwerkbaar as exc:
            form.add_error(exc.veld or None, str(exc.detail))
        else:
            messages.success(request, _("Uw signaal is doorgegeven aan het wijkteam."))
            return redirect("portaal:signaal")
    return render(request, "portaal/signaal.html", {"form": form, "partner": request.partner, "sectie": "signaal"})


@toont(Gegevens.IDENTITEIT, perm=PERM)
@sessie.portaal_pagina(Scope.PLAN_LEZEN)
def casussen(request):
    gedeeld = api_selectors.gedeelde_casussen(request.partner.organisatie)
    api_services.casussen_list(partner=request.partner, gedeeld=gedeeld)
    return render(request, "portaal/casussen.html", {"gedeeld": gedeeld, "partner": request.partner,
                                                      "sectie": "casussen"})


def _casus_id(request) -> uuid.UUID:
    """The casus' id for this organisation travels in the query string (`?casus=`): opaque, its own."""
    try:
        return uuid.UUID(request.GET.get("casus", ""))
    except ValueError:
        raise Http404 from None


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, perm=PERM)
@sessie.portaal_pagina(Scope.PLAN_LEZEN)
@require_http_methods(["GET", "POST"])
def plan(request):
    """The shared part of the plan (api.selectors.gedeeld_plan: 404 as soon as it is not shared), and with
    the 'voorstellen' scope the organisation's proposals and a form for a new one."""
    partner = request.partner
    gezocht = _casus_id(request)
    gedeeld_plan = api_selectors.gedeeld_plan(partner.organisatie, gezocht)
    if gedeeld_plan is None:
        raise Http404  # never shared, or no longer: the same answer
    mag_voorstellen = partner.mag(Scope.VOORSTELLEN)
    casus = gedeeld_plan.gedeeld.casus
    doelen = [(str(api_selectors.doel_id(partner.organisatie, d.pk)), d.omschrijving[:80]) for d in gedeeld_plan.doelen]
    form = None
    if mag_voorstellen:
        form = VoorstelForm(request.POST if request.method == "POST" else None,
                            leefgebieden=actieve_leefgebieden(casus.gemeente_id), doelen=doelen)
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                with transaction.atomic():
                    api_services.voorstel_submit(partner=partner, gedeeld_plan=gedeeld_plan, **form.cleaned_data)
            except ValidationError as exc:
                for veld, fouten in exc.message_dict.items():
                    for fout in fouten:
                        form.add_error(veld if veld in form.fields else None, fout)
            else:
                messages.success(request, _("Uw voorstel is naar de regisseur gestuurd."))
                return redirect(f"{_url('portaal:plan')}?casus={gezocht}")
    api_services.plan_view(partner=partner, gedeeld_plan=gedeeld_plan)
    voorstellen = []
    if mag_voorstellen:
        voorstellen = api_selectors.voorstellen_van(partner.organisatie, casus)
        api_services.voorstellen_list(partner=partner, gedeeld=gedeeld_plan.gedeeld, voorstellen=voorstellen)
    return render(request, "portaal/plan.html", {
        "gp": gedeeld_plan, "casus_id": gezocht, "form": form, "voorstellen": voorstellen, "partner": partner,
        "open": VoorstelStatus.OPEN, "sectie": "casussen",
        "doelen": [(doel_id, d) for (doel_id, _t), d in zip(doelen, gedeeld_plan.doelen)],
    })


def _url(naam: str) -> str:
    from django.urls import reverse

    return reverse(naam)
