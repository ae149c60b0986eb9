from django.db import transaction
from django.shortcuts import render

from wijkregie.core.access import get_visible_or_404
from wijkregie.core.audit import AuditActie, audit_log, audit_object

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
    casussen = list(casussen_visible_to(request.user).exclude(status="afgesloten").order_by("-geopend_op")[:200])
    if casussen:
        # Names in a list are a disclosure too: one event names the clients shown.
        with transaction.atomic():
            audit_log(actor=request.user, actie=AuditActie.READ, object_type="casus.casus",
                      omschrijving="casuslijst: " + ",".join(str(c.hoofdpersoon_id) for c in casussen if c.hoofdpersoon_id))
    return render(request, "casus/casussen.html", {"casussen": casussen})
