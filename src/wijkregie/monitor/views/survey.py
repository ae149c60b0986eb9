"""The cliëntervaring's pages: the team's invitations (link and QR code to hand to the resident) and the
resident's own survey, which needs no login and shows nothing about the resident."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkregie.core.audit import AuditActie, audit_disclosure, audit_log
from wijkregie.organisatie.toegangsbeleid import Gegevens, toont

from .. import selectors, services
from ..forms import ClientervaringForm, ErvaringsinstellingForm
from ..models import Ervaringsinstelling


@toont(Gegevens.IDENTITEIT, perm="monitor.ervaringen")
@require_http_methods(["GET", "POST"])
def ervaringen(request):
    """The team's invitations to the cliëntervaring: link and QR code to hand to the resident."""
    lijst = selectors.clientervaringen_visible_to(request.user)
    if not request.user.has_perm("monitor.ervaringen"):
        raise PermissionDenied
    teams = selectors.teams_monitor_visible_to(request.user)
    instellingen = {i.team_id: i.bij_evaluatie for i in Ervaringsinstelling.objects.filter(team__in=teams)}
    if request.method == "POST":
        if not request.user.has_perm("monitor.ervaring_instellen"):
            raise PermissionDenied
        team_pk = request.POST.get("team", "")
        t = get_object_or_404(teams, pk=int(team_pk) if team_pk.isdigit() else 0)
        form = ErvaringsinstellingForm(request.POST)
        form.is_valid()
        services.ervaringsinstelling_save(
            actor=request.user, team=t, bij_evaluatie=form.cleaned_data.get("bij_evaluatie", False)
        )
        messages.success(request, _("Instelling opgeslagen."))
        return redirect("monitor:ervaringen")
    # Every invitation still within its validity, answered or not: the team must not be able to see who
    # answered (and then find that one answer in the figures).
    open_ = list(lijst.filter(geldig_tot__gte=timezone.localdate()).select_related("casus__hoofdpersoon")
                 .order_by("-uitgenodigd_op")[:100])
    # NEN 7513: one event per client whose name is shown, in one insert (no query per row).
    audit_disclosure(actor=request.user, client_ids=[e.casus.hoofdpersoon_id for e in open_],
                     object_type="monitor.clientervaring", omschrijving="in de lijst met uitnodigingen cliëntervaring")
    return render(request, "monitor/ervaringen.html", {
        "open": open_, "teams": [(t, instellingen.get(t.pk, False)) for t in teams],
        "mag_instellen": request.user.has_perm("monitor.ervaring_instellen"),
    })


@toont(Gegevens.IDENTITEIT, over="clientervaring", perm="monitor.ervaringen", via=selectors.UITNODIGING_VIA)
@require_GET
def uitnodiging(request, pk: int):
    """One invitation: the link, a QR code and a short text to send or print for the resident."""
    import qrcode
    import qrcode.image.svg

    if not request.user.has_perm("monitor.ervaringen"):
        raise PermissionDenied
    ervaring = get_object_or_404(selectors.clientervaringen_visible_to(request.user), pk=pk)
    link = request.build_absolute_uri(reverse("ervaring", args=[ervaring.token]))
    qr = qrcode.make(link, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).to_string(encoding="unicode")
    with transaction.atomic():
        audit_log(
            actor=request.user,
            actie=AuditActie.READ,
            object_type="monitor.clientervaring",
            object_id=ervaring.pk,
            client_id=ervaring.casus.hoofdpersoon_id,
            omschrijving="uitnodiging cliëntervaring ingezien",
        )
    return render(request, "monitor/uitnodiging.html", {"ervaring": ervaring, "link": link, "qr": qr})


@toont(publiek=True)
@login_not_required
@require_http_methods(["GET", "POST"])
def ervaring(request, token: str):
    """The resident's survey (no login; the page shows nothing about the resident)."""
    geldig = selectors.ervaring_voor_token(token)
    if geldig is None:
        return render(request, "monitor/ervaring_ongeldig.html", {"hide_nav": True}, status=404)
    form = ClientervaringForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.clientervaring_answer(
                token=token, antwoorden=form.antwoorden(),
                rapportcijfer=form.cleaned_data.get("rapportcijfer"))
        except ValidationError:
            return render(request, "monitor/ervaring_ongeldig.html", {"hide_nav": True}, status=404)
        return render(request, "monitor/ervaring_bedankt.html", {"hide_nav": True})
    return render(request, "monitor/ervaring.html", {"form": form, "gemeente": geldig.gemeente, "hide_nav": True})
