"""The public web form: a resident or partner asks for contact, without logging in.

Short and plain; nothing is stored until it is sent; the confirmation does not repeat what was typed
(a shared computer shows nothing personal afterwards). Spam is kept out by a hidden field that
people do not fill, a minimum time to fill the form, and at most five requests per address per hour.

A submission that looks automated (the hidden field filled, sent faster than a person types, or a
tampered timer) is never answered with "verstuurd": a resident whose browser filled the form at once
would lose the question while being told it was sent (issue 13). It is shown again, as typed, with a
plain message to check it and send it once more; a person does, a robot gets no further.
"""

from __future__ import annotations

import time

from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkregie.core.middleware import client_ip
from wijkregie.core.models import Gemeente
from wijkregie.organisatie.toegangsbeleid import toont

from . import services
from .forms import WebformulierForm

MINIMUM_SECONDEN = 3
SALT = "wijkregie.webformulier"


@toont(publiek=True)
@login_not_required
@require_http_methods(["GET", "POST"])
def hulp_vragen(request, gemeente: str):
    gemeente = get_object_or_404(Gemeente, slug=gemeente)
    form = WebformulierForm(request.POST or None, initial={"begonnen": signing.dumps(time.time(), salt=SALT)})
    if request.method == "POST" and form.is_valid():
        bron = client_ip(request)
        if form.cleaned_data["website"] or _te_snel(form.cleaned_data["begonnen"]):
            # Perhaps a robot, perhaps autofill: nothing is stored and nothing pretends it was. The form
            # comes back as typed, with a fresh timer and the hidden field emptied.
            form = WebformulierForm(_opnieuw(request.POST), initial=form.initial)
            form.is_valid()
            form.add_error(None, _("Uw vraag is nog niet verstuurd. Controleer wat u heeft ingevuld en klik "
                                   "nog een keer op Versturen."))
        elif services.webformulier_too_often(bron):
            form.add_error(
                None,
                _(
                    "U heeft het afgelopen uur al vaak een aanvraag gedaan. "
                    "Probeer het later opnieuw of bel de gemeente."
                ),
            )
        else:
            services.webformulier_submit(
                gemeente=gemeente, naam=form.cleaned_data["naam"], contact=form.cleaned_data["contact"],
                postcode=form.cleaned_data["postcode"], vraag=form.cleaned_data["vraag"], bron=bron,
            )
            return redirect("toegang:hulp_verstuurd", gemeente=gemeente.slug)
    return render(request, "toegang/hulp_vragen.html", {"form": form, "gemeente_publiek": gemeente, "hide_nav": True})


def _opnieuw(post) -> dict:
    """What was typed, for the form shown again: the hidden field emptied and the timer restarted."""
    data = post.copy()
    data["website"] = ""
    data["begonnen"] = signing.dumps(time.time(), salt=SALT)
    return data


def _te_snel(token: str) -> bool:
    try:
        begonnen = signing.loads(token, salt=SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return True
    return time.time() - float(begonnen) < MINIMUM_SECONDEN


@toont(publiek=True)
@login_not_required
def hulp_verstuurd(request, gemeente: str):
    gemeente = get_object_or_404(Gemeente, slug=gemeente)
    return render(request, "toegang/hulp_verstuurd.html", {"gemeente_publiek": gemeente, "hide_nav": True})
