"""The functioneel beheerder's page for partner portal accounts: make one, end one, or have its second
step set up again. A staff page (session, two-step login, `organisatie.beheren`), only the own gemeente's
organisations. Outside demo mode a new or reset account gets a one-time activation link (the person
chooses the password and enrols the authenticator); in demo mode a password. Either appears once, in the
answer to the POST that made it, and nowhere else (not in a redirect, a message or the session)."""

from __future__ import annotations

import secrets

from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkregie.core.access import toont

from . import services
from .forms import AccountForm
from .models import PortaalGebruiker


@toont(perm="organisatie.beheren")
@permission_required("organisatie.beheren", raise_exception=True)
@require_http_methods(["GET", "POST"])
def accounts(request):
    gemeente = request.user.gemeente
    form, nieuw, wachtwoord, link, melding = AccountForm(gemeente=gemeente), None, "", "", ""
    actie = request.POST.get("actie") if request.method == "POST" else None
    if actie in ("uitzetten", "tweestaps"):
        gebruiker = PortaalGebruiker.objects.filter(gemeente=gemeente, pk=request.POST.get("account") or 0).first()
        if gebruiker is None:
            raise Http404
        if actie == "uitzetten":
            services.gebruiker_disable(gebruiker=gebruiker, door=request.user)
            melding = _("Het portaalaccount %(naam)s is uitgezet.") % {"naam": gebruiker.gebruikersnaam}
        else:
            nieuw = gebruiker
            link = _link(request, services.tweede_stap_reset(gebruiker=gebruiker, door=request.user))
    elif actie == "maken":
        form = AccountForm(request.POST, gemeente=gemeente)
        if form.is_valid():
            data = form.cleaned_data
            if not services.activatie_required():
                wachtwoord = secrets.token_urlsafe(12)  # demo mode: a password, as the demo's staff have
            nieuw = services.gebruiker_create(organisatie=data["organisatie"], naam=data["naam"], wachtwoord=wachtwoord,
                                             gebruikersnaam=data["gebruikersnaam"], scopes=data["scopes"],
                                             door=request.user)
            if services.activatie_required():
                link = _link(request, services.activatie_issue(gebruiker=nieuw, door=request.user))
            form = AccountForm(gemeente=gemeente)
    elif actie is not None:
        raise Http404
    rijen = PortaalGebruiker.objects.filter(gemeente=gemeente).select_related("organisatie").order_by(
        "organisatie__naam", "naam")
    return render(request, "portaal/beheer_accounts.html", {
        "form": form, "rijen": rijen, "nieuw": nieuw, "wachtwoord": wachtwoord, "link": link, "melding": melding,
        "nav_section": "beheer",
    })


def _link(request, token: str) -> str:
    from django.urls import reverse

    return request.build_absolute_uri(f"{reverse('portaal:activeren')}?t={token}")
