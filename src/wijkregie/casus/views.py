from django.db import transaction
from django.shortcuts import render

from wijkregie.core.access import get_visible_or_404
from wijkregie.core.audit import AuditActie, audit_object

from .selectors import casussen_visible_to


def casus(request, pk: int):
    """The casus as far as the toegang builds it: household, team, medewerker, status history."""
    casus = get_visible_or_404(casussen_visible_to(request.user), pk=pk)
    with transaction.atomic():
        audit_object(actor=request.user, actie=AuditActie.READ, obj=casus, client_id=casus.hoofdpersoon_id,
                     omschrijving="casus ingezien")
    return render(request, "casus/casus.html", {
        "casus": casus, "overgangen": casus.overgangen.select_related("door"),
    })


def mijn_casussen(request):
    casussen = casussen_visible_to(request.user).exclude(status="afgesloten").order_by("-geopend_op")[:200]
    return render(request, "casus/casussen.html", {"casussen": casussen})
