"""The upload page for the functioneel beheerder: check a sheet (a report per row and column), then import it.

The pages show row numbers, columns and what to fix, never a resident's data (toont without kinds of data):
the beheerder needs no names to fix a sheet. The file waits server-side between the two steps (bewaren.py).
"""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkregie.organisatie.toegangsbeleid import toont

from . import bewaren, services
from .forms import CaseloadForm
from .lezen import KOLOMMEN, SJABLOON_KOLOMMEN
from .sjabloon import sjabloon_csv, sjabloon_xlsx, voorbeeld_van

SESSIE = "overstap_bestand"
# The page imports inside the request: at the measured ~50 ms a row (docs/overstap.md, Speed) a larger
# file would run into the worker's 30-second timeout. It would be rolled back whole, but the beheerder
# would see an error page: such a file is checked here and imported with the command (or per team).
PAGINA_MAX_RIJEN = 400


def _pagina(request, *, form=None, rapport=None, token="", klaar=False, fout="", status=200):
    return render(request, "overstap/inlezen.html", {
        "form": form or CaseloadForm(), "rapport": rapport, "token": token, "klaar": klaar, "fout": fout,
        "max_rijen": PAGINA_MAX_RIJEN,
        "kolommen": [(k, KOLOMMEN[k][1:4]) for k in KOLOMMEN], "sjabloon_kolommen": SJABLOON_KOLOMMEN,
    }, status=status)


@toont(perm="organisatie.beheren")
@permission_required("organisatie.beheren", raise_exception=True)
@require_http_methods(["GET", "POST"])
def inlezen(request):
    """Step 1: upload and check. Nothing is written; a sheet without faults waits for step 2."""
    form = CaseloadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _pagina(request, form=form, status=400 if request.method == "POST" else 200)
    data = form.cleaned_data["bestand"]
    rapport = services.caseload_check(actor=request.user, data=data)
    vorige = request.session.pop(SESSIE, "")
    if vorige:
        bewaren.verwijder(request.user, vorige)
    token = ""
    if rapport.ok and rapport.rijen <= PAGINA_MAX_RIJEN:
        token = bewaren.bewaar(request.user, data)
        request.session[SESSIE] = token
    return _pagina(request, rapport=rapport, token=token)


@toont(perm="organisatie.beheren")
@permission_required("organisatie.beheren", raise_exception=True)
@require_POST
def importeren(request):
    """Step 2: the checked file, whole or not at all. The token must be this session's own."""
    token = request.POST.get("token", "")
    data = bewaren.haal(request.user, token) if token and token == request.session.get(SESSIE) else None
    if data is None:
        return _pagina(request, status=400, fout=_(
            "Het gecontroleerde bestand is er niet meer (verlopen of al ingelezen). Kies het bestand opnieuw."))
    rapport = services.caseload_import(actor=request.user, data=data)
    if not rapport.toegepast:
        # Nothing imported, nothing lost: the report says why; the beheerder fixes the sheet and checks again.
        return _pagina(request, rapport=rapport, status=400)
    bewaren.verwijder(request.user, token)
    request.session.pop(SESSIE, None)
    return _pagina(request, rapport=rapport, klaar=True)


@toont(perm="organisatie.beheren")
@permission_required("organisatie.beheren", raise_exception=True)
@require_GET
def sjabloon(request, formaat: str):
    if formaat == "xlsx":
        antwoord = HttpResponse(sjabloon_xlsx(**voorbeeld_van(request.user.gemeente_id)),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        antwoord = HttpResponse(
            sjabloon_csv(**voorbeeld_van(request.user.gemeente_id)), content_type="text/csv; charset=utf-8"
        )
    antwoord["Content-Disposition"] = f'attachment; filename="wijkregie-caseload-sjabloon.{formaat}"'
    return antwoord
