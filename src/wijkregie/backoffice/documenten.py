"""The beschikking letter as PDF (WeasyPrint, as plan.views.plan_pdf renders the plan), rendered on demand.

Plain Dutch (B1): what was decided, what, how much, from when to when, by which provider, why, and how
to object (Awb 6:7: six weeks; Awb 6:4/6:5: a signed letter to the college, naming the decision and why).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from wijkregie.core.pdf import html_naar_pdf

from .models import Beschikking


def beschikking_html(b: Beschikking, *, request=None) -> str:
    # A letter to the resident, in Dutch throughout (<html lang="nl">), labels included, whatever language
    # the backoffice worker reads.
    with translation.override("nl"):
        return render_to_string("backoffice/beschikking_pdf.html", {
            "b": b, "persoon": b.persoon, "gemeente": b.gemeente, "regel": b.verzoek.regel,
            "toewijzingen": list(b.toewijzingen.all()), "vandaag": timezone.localdate(),
        }, request=request)


def beschikking_pdf(b: Beschikking, *, request=None) -> bytes:
    base_url = request.build_absolute_uri("/") if request is not None else None
    return html_naar_pdf(beschikking_html(b, request=request), base_url=base_url)
