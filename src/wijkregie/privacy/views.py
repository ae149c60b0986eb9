"""The privacy officer's audit page: who did what with whose data, in names, with the trail's own health."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Max
from django.shortcuts import redirect, render
from django.urls import reverse

from wijkregie.core.access import toont
from wijkregie.core.audit import (
    DOEL_VERANTWOORDING, AuditActie, audit_disclosure, audit_log, audit_verification_last,
)
from wijkregie.core.models import AuditEvent

from . import selectors
from .forms import AuditZoekForm

GRONDSLAG = "rol: privacyfunctionaris"
SESSIE_SLEUTEL = "privacy_auditzoek"


@toont(perm="core.audit_inzien")
@permission_required("core.audit_inzien", raise_exception=True)
def audit(request):
    """Search the gemeente's audit trail by resident (name or BSN), medewerker, period and action.

    Reading it is audited too: one event for the page, and one per resident searched or named on
    it (audit_disclosure), so a resident's own trail shows that the privacy officer looked.
    """
    user = request.user
    # The search posts and is kept in the session: a resident's name or BSN never lands in a URL, the
    # browser's history or a proxy's log. The result pages are GET ?gezocht=1&pagina=N.
    if request.method == "POST":
        form = AuditZoekForm(request.POST, gemeente_id=user.gemeente_id)
        if form.is_valid():
            request.session[SESSIE_SLEUTEL] = {k: v for k, v in request.POST.items() if k in form.fields}
            return redirect(f"{reverse('privacy:audit')}?gezocht=1")
    elif request.GET.get("gezocht") and request.session.get(SESSIE_SLEUTEL):
        form = AuditZoekForm(request.session[SESSIE_SLEUTEL], gemeente_id=user.gemeente_id)
    else:
        form = AuditZoekForm(None, gemeente_id=user.gemeente_id)
    gezocht: list[int] = []
    if form.is_bound and not form.is_valid():
        events = AuditEvent.objects.none()
    else:
        data = form.cleaned_data if form.is_bound else {}
        inwoner = data.get("inwoner")
        if inwoner:
            gezocht = selectors.personen_gezocht(user, inwoner)
        medewerker = data.get("medewerker")
        events = selectors.auditevents_visible_to(
            user, client_ids=gezocht if inwoner else None, actor_id=medewerker.pk if medewerker else None,
            actie=data.get("actie", ""), van=data.get("van"), tot=data.get("tot"), bijzonder=data.get("bijzonder", ""),
        )
    # The pages are pinned to the trail as it was at the first page: her own reading (written below)
    # and everyone's new events would otherwise push rows of page 1 onto page 2.
    try:
        tot_id = int(request.GET.get("tot_id", ""))
    except ValueError:
        tot_id = AuditEvent.objects.aggregate(m=Max("pk"))["m"] or 0
    events = events.filter(pk__lte=tot_id)
    page = Paginator(events, 50).get_page(request.GET.get("pagina"))
    page.object_list = list(page.object_list)  # read the page first, so this reading is not on it
    rijen = selectors.in_woorden(user, page.object_list)
    signalen = selectors.in_woorden(user, selectors.signalen_visible_to(user))
    filters = sorted(name for name in ("inwoner", "medewerker", "actie", "van", "tot") if form.is_bound and form.data.get(name))
    with transaction.atomic():
        audit_log(
            actor=user, actie=AuditActie.READ, object_type="core.auditevent", grondslag=GRONDSLAG,
            doel=DOEL_VERANTWOORDING,
            # Which filters, never their values: a name or BSN typed here is not copied into the trail.
            omschrijving=f"auditlog ingezien, pagina {page.number}" + (f", gezocht op {', '.join(filters)}" if filters else ""),
        )
        audit_disclosure(
            actor=user, client_ids=gezocht + [r["event"].client_id for r in rijen if r["inwoner"]],
            object_type="core.auditevent", omschrijving="auditlog van inwoner ingezien", grondslag=GRONDSLAG,
            doel=DOEL_VERANTWOORDING,
        )
    return render(request, "privacy/audit.html", {
        "form": form, "page": page, "rijen": rijen, "querystring": ("gezocht=1&" if form.is_bound else "") + f"tot_id={tot_id}",
        "gezocht": form.is_bound and form.is_valid() and bool(form.cleaned_data.get("inwoner")),
        "gevonden": len(gezocht), "controle": audit_verification_last(), "signalen": signalen,
    })

