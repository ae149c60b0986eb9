"""The pages of a document made in the background (core/achtergrond.py): its status, its download, and
trying again. Only the job's owner gets anything; anybody else gets 404, as for a file that does not exist.
The status page shows no personal data (what kind of document, its state), only the download does."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import achtergrond
from .access import get_visible_or_404, toont
from .models import Achtergrondbestand

Status = achtergrond.Status


def _eigen(request, id):
    """The user's own job, or 404 (a refusal for someone else's job is audited)."""
    return get_visible_or_404(Achtergrondbestand.objects.filter(eigenaar_id=request.user.pk), pk=id)


def naar_achtergrond(request, soort: type[achtergrond.Soort], **parameters):
    """For a view of a long document: request the job and send the user to its status page."""
    bestand = achtergrond.bestand_aanvragen(actor=request.user, soort=soort, parameters=parameters)
    return redirect("core:bestand", id=bestand.pk)


def _context(bestand: Achtergrondbestand) -> dict:
    soort = achtergrond.soort_van(bestand)
    bezig = bestand.status in (Status.WACHTRIJ, Status.BEZIG)
    return {
        "bestand": bestand,
        "Status": Status,
        "titel": soort.beschrijving(bestand.parameters),
        "terug": soort.terug(bestand.parameters),
        "bezig": bezig,
        "te_lang": achtergrond.te_lang(bestand),
        "fout": achtergrond.foutmelding(bestand),
        "bewaaruren": int(achtergrond.BESTAND_BEWAARDUUR.total_seconds() // 3600),
    }


@toont(over="achtergrondbestand")
def bestand(request, id):
    """The job's state: 'wordt gemaakt' (htmx asks again every 2 s; without JavaScript a refresh link),
    then a download button, or a Dutch message with a button to try again."""
    b = achtergrond.verlopen_als_nodig(_eigen(request, id))
    context = _context(b)
    sjabloon = "core/bestand_voortgang.html" if getattr(request, "htmx", False) else "core/bestand_status.html"
    response = render(request, sjabloon, context)
    response["Cache-Control"] = "no-store"
    return response


@toont("documenten", over="achtergrondbestand")
def bestand_downloaden(request, id):
    b = _eigen(request, id)
    inhoud = achtergrond.bestand_downloaden(actor=request.user, bestand=b)
    soort = achtergrond.soort_van(b)
    response = HttpResponse(inhoud, content_type=b.content_type or "application/octet-stream")
    wijze = "inline" if soort.inline else "attachment"
    response["Content-Disposition"] = f'{wijze}; filename="{b.bestandsnaam}"'
    response["Cache-Control"] = "no-store"
    return response


@toont(over="achtergrondbestand")
@require_POST
def bestand_opnieuw(request, id):
    b = _eigen(request, id)
    nieuw = achtergrond.bestand_opnieuw(actor=request.user, bestand=b)
    return redirect(reverse("core:bestand", kwargs={"id": nieuw.pk}))
