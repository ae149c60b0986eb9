"""The team's side of partners' proposals: the regisseur takes a proposal over or declines it.

Staff pages (session, two-step login), not part of the API. Who may decide is who may change the plan:
`casus.bewerken` (the regisseur, and colleagues with the household's team consent), the same rule as
the plan page; taking over applies the change through plan's and regie's own services
(api.services.voorstel_adopt), so no rule of the plan is checked twice or differently here.
The casus page shows the waiting proposals through casus' panel register (`voorstellen_paneel`).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkregie.casus.selectors import casus_zichtbaar
from wijkregie.casus.services import casus_view
from wijkregie.core.access import get_visible_or_404, toont
from wijkregie.core.panelen import Paneel
from wijkregie.organisatie.toegangsbeleid import Gegevens

from . import selectors, services
from .forms import AfwijzenForm
from .models import Voorstel, VoorstelStatus


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, over="casus", perm="casus.bewerken")
@require_http_methods(["GET", "POST"])
def voorstellen(request, pk: int):
    casus = get_visible_or_404(casus_zichtbaar(request.user, pk, Gegevens.PLAN), pk=pk)
    if not request.user.has_perm("casus.bewerken", casus):
        raise PermissionDenied  # a consulent or teamleider reads the plan; who works in the file decides
    afwijzen_form, fout, gekozen = AfwijzenForm(), "", None
    if request.method == "POST":
        gekozen = Voorstel.objects.filter(casus=casus, status=VoorstelStatus.OPEN,
                                          publiek_id=_uuid(request.POST.get("voorstel"))).first()
        if gekozen is None:
            raise Http404  # another casus' proposal, or decided meanwhile
        actie = request.POST.get("actie")
        try:
            if actie == "overnemen":
                services.voorstel_adopt(actor=request.user, voorstel=gekozen)
                messages.success(request, _("Het voorstel van %(org)s is overgenomen.") % {"org": gekozen.organisatie})
                return redirect("apibeheer:voorstellen", pk=casus.pk)
            if actie == "afwijzen":
                afwijzen_form = AfwijzenForm(request.POST)
                if afwijzen_form.is_valid():
                    services.voorstel_reject(actor=request.user, voorstel=gekozen,
                                               reden=afwijzen_form.cleaned_data["reden"])
                    messages.success(
                        request, _("Het voorstel van %(org)s is afgewezen.") % {"org": gekozen.organisatie}
                    )
                    return redirect("apibeheer:voorstellen", pk=casus.pk)
            else:
                raise PermissionDenied
        except ValidationError as exc:
            if actie == "afwijzen" and hasattr(exc, "error_dict"):
                for veld, fouten in exc.message_dict.items():
                    afwijzen_form.add_error(veld if veld in afwijzen_form.fields else None, fouten)
            else:
                fout = " ".join(exc.messages)
    casus_view(actor=request.user, casus=casus, wat="voorstellen van partners ingezien")
    # One decline form per proposal, each with ids of its own; the one just posted keeps its errors.
    rijen = [(v, afwijzen_form if gekozen is not None and v.pk == gekozen.pk and afwijzen_form.is_bound
              else AfwijzenForm(auto_id=f"id_%s_{i}")) for i, v in enumerate(selectors.open_voorstellen(casus))]
    for i, (_voorstel, form) in enumerate(rijen):
        form.auto_id = f"id_%s_{i}"
    return render(request, "api/voorstellen.html", {
        "casus": casus, "open": rijen,
        "beoordeeld": list(selectors.beoordeelde_voorstellen(casus)), "afwijzen_form": afwijzen_form,
        "gekozen": gekozen, "fout": fout, "nav_section": "casussen",
    })


def _uuid(waarde):
    import uuid

    try:
        return uuid.UUID(str(waarde))
    except ValueError:
        return None


def voorstellen_paneel(request, casus) -> Paneel | None:
    """On the casus page, for who may decide: how many partners' proposals wait, with the way to them."""
    # Whether there are any, and how many wait: one query (issue 17).
    aantallen = casus.partnervoorstellen.aggregate(alle=Count("pk"),
                                                   open=Count("pk", filter=Q(status=VoorstelStatus.OPEN)))
    if not aantallen["alle"] or not request.user.has_perm("casus.bewerken", casus):
        return None
    return Paneel("api/_casus_voorstellen.html", {"open": aantallen["open"]}, volgorde=25, gegevens=(Gegevens.PLAN,))
