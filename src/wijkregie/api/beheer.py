"""The functioneel beheerder's page for partner API keys: make one (shown once), see them, revoke one.

A page of the staff application (session, two-step login, `organisatie.beheren`), apart from the API
itself; only keys of the user's own gemeente. The key appears in the answer to the POST that made it and
nowhere else: not in a redirect, a message or the session.
"""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkregie.core.access import toont

from .forms import SleutelForm
from .models import ApiToken
from .services import token_create, token_revoke


@toont(perm="organisatie.beheren")
@permission_required("organisatie.beheren", raise_exception=True)
@require_http_methods(["GET", "POST"])
def sleutels(request):
    gemeente = request.user.gemeente
    form = SleutelForm(gemeente=gemeente)
    nieuwe_sleutel, melding = None, ""
    if request.method == "POST" and request.POST.get("actie") == "intrekken":
        token = ApiToken.objects.filter(gemeente=gemeente, pk=request.POST.get("sleutel") or 0).first()
        if token is None:
            raise Http404
        token_revoke(token=token, door=request.user)
        melding = _("De API-sleutel %(kenmerk)s van %(org)s is ingetrokken.") % {
            "kenmerk": token.prefix, "org": token.organisatie}
    elif request.method == "POST":
        form = SleutelForm(request.POST, gemeente=gemeente)
        if form.is_valid():
            data = form.cleaned_data
            token, nieuwe_sleutel = token_create(organisatie=data["organisatie"], naam=data["naam"],
                                                scopes=data["scopes"], dagen=data["dagen"], door=request.user)
            form = SleutelForm(gemeente=gemeente)
    rijen = (ApiToken.objects.filter(gemeente=gemeente).select_related("organisatie", "aangemaakt_door")
             .order_by("organisatie__naam", "-aangemaakt_op"))
    return render(request, "api/sleutels.html", {
        "form": form, "rijen": rijen, "nieuwe_sleutel": nieuwe_sleutel, "melding": melding, "nu": timezone.now(),
        "nav_section": "beheer",
    })
