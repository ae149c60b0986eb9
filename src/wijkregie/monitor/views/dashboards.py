"""Monitor pages: the dashboards per gemeente, wijk and team, the policy officer's start panel, freezing a
nulmeting, and the definitions. Thin: the figures come from `inhoud`, who-sees-what from `selectors`."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wijkregie.core.panelen import Paneel
from wijkregie.organisatie.toegangsbeleid import toont

from .. import presentation, selectors, services
from ..computation import berekend
from ..definitions import INDICATOREN
from ..forms import NulmetingForm, standaard_periode
from ..scope import Filter
from .inhoud import filter_of_400, inhoud, lees_filter


def _dashboard(request, *, titel: str, wijk=None, team=None):
    f, form = lees_filter(request, wijk=wijk, team=team)
    context = inhoud(request, f) if f is not None else {"filter": None}
    params = request.GET.copy()
    if wijk is not None:
        params["wijk"] = wijk.pk
    if team is not None:
        params["team"] = team.pk
    params.pop("nulmeting", None)
    context.update(
        titel=titel,
        form=form,
        wijk=wijk,
        team=team,
        querystring=params.urlencode(),
        # The filter form's lists, read once for the request (its links to each wijk and team dashboard).
        wijken=selectors.filter_keuzes(request.user)["wijk"],
        teams=selectors.filter_keuzes(request.user)["team"],
        gemeente_zichtbaar=selectors.gemeente_monitor_visible_to(request.user),
        nulmeting_form=NulmetingForm() if request.user.has_perm("monitor.gemeente") else None,
        onderzoek_toegestaan=request.user.has_perm("monitor.onderzoek"),
    )
    return render(request, "monitor/dashboard.html", context)


@toont(perm="monitor.zien")
@require_GET
def overzicht(request):
    """The gemeente's dashboard; a team member without it lands on their own team."""
    if not selectors.gemeente_monitor_visible_to(request.user):
        team = selectors.teams_monitor_visible_to(request.user).first()
        if team is None:
            raise PermissionDenied
        return redirect("monitor:team", pk=team.pk)
    return _dashboard(request, titel=request.user.gemeente.naam)


@toont(perm="monitor.zien")
@require_GET
def wijk(request, pk: int):
    w = get_object_or_404(selectors.wijken_monitor_visible_to(request.user), pk=pk)
    return _dashboard(request, titel=w.naam, wijk=w)


@toont(perm="monitor.zien")
@require_GET
def team(request, pk: int):
    t = get_object_or_404(selectors.teams_monitor_visible_to(request.user), pk=pk)
    return _dashboard(request, titel=t.naam, team=t)


def start_paneel(request, user):
    """The policy officer's start page shows the monitor's own figure for the instroom per 1.000 inwoners:
    the same indicator, period and suppression as the gemeente's dashboard opens with, so one definition
    gives one figure (issue 13: the start page gave the wijkprofiel's 132,5 where the monitor said 3,3)."""
    if not user.has_perm("monitor.wijkcijfers") or not selectors.gemeente_monitor_visible_to(user):
        return None
    van, tot = standaard_periode()
    f = Filter(gemeente=user.gemeente, van=van, tot=tot)
    cellen = presentation.cellen(berekend(f)["rijen"], onderdrukken=True)
    cel = next((c for c in cellen if c.indicator == "instroom_per_1000_inwoners"), None)
    return Paneel(
        "monitor/_start_instroom.html", {"cel": cel, "filter": f, "tot_en_met": tot - datetime.timedelta(days=1)}
    )


@toont(perm="monitor.gemeente")
@require_POST
def nulmeting(request):
    """Freezes the current filter's period as a nulmeting (policy officers and teamleiders)."""
    if not request.user.has_perm("monitor.gemeente"):
        raise PermissionDenied
    f, fout = filter_of_400(request)
    if fout:
        return fout
    form = NulmetingForm(request.POST)
    terug = (
        reverse("monitor:team", args=[f.team.pk])
        if f.team
        else reverse("monitor:wijk", args=[f.wijk.pk])
        if f.wijk
        else reverse("monitor:overzicht")
    )
    terug += "?" + request.GET.urlencode()
    if not form.is_valid():
        messages.error(request, form.errors["naam"][0])
        return redirect(terug)
    try:
        n = services.nulmeting_set(actor=request.user, filter=f, naam=form.cleaned_data["naam"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(terug)
    messages.success(request, _("Nulmeting ‘%(naam)s’ vastgesteld.") % {"naam": n.naam})
    return redirect(terug + f"&nulmeting={n.pk}")


@toont(perm="monitor.zien")
@require_GET
def definities(request):
    """Every indicator with its definition and unit (the same text as docs/indicatoren.md) and what it is computed
    from in plain Dutch; the source fields only folded away, for developers."""
    if not (
        selectors.gemeente_monitor_visible_to(request.user)
        or selectors.teams_monitor_visible_to(request.user).exists()
        or selectors.wijken_monitor_visible_to(request.user).exists()
    ):
        raise PermissionDenied
    return render(
        request, "monitor/definities.html", {"indicatoren": INDICATOREN.values(), "drempel": selectors.DREMPEL}
    )
