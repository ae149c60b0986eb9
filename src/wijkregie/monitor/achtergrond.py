"""The management report (PDF) is made by the background worker (core/achtergrond.py): on the demo data it
takes about two seconds, more for a large gemeente, which must not hold a web worker (issue 16, item 2;
docs/achtergrond.md). The indicator exports (CSV, XLSX) take tens of milliseconds and stay in the request."""

from __future__ import annotations

import datetime

from django.http import Http404
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wijkregie.core.achtergrond import Document, Soort
from wijkregie.core.pdf import html_naar_pdf

from .views.exports import _audit_export, _bestandsnaam
from .views.inhoud import inhoud, lees_filter


class _Verzoek:
    """What the monitor's figures read of a request (the user and the filter's query string), in the worker."""

    def __init__(self, gebruiker, query: str):
        self.GET = RequestFactory().get("/", query).GET
        self.user = gebruiker


class Managementrapportage(Soort):
    """Indicators, trend and the nulmeting for the college: aggregates, no resident (suppressed as on the
    dashboard for who may not see small numbers)."""

    titel = _("Managementrapportage als pdf")
    object_type = "monitor.export"
    inline = True

    def object(self, gebruiker, parameters):
        verzoek = _Verzoek(gebruiker, parameters["query"])
        f, _form = lees_filter(verzoek)  # PermissionDenied for who may not see the monitor
        if f is None:
            raise Http404
        return verzoek, f

    def object_id(self, obj):
        return ""

    def personen(self, gebruiker, obj):
        return set()

    def maak(self, gebruiker, obj):
        verzoek, f = obj
        with translation.override("nl"):  # the report for the college is Dutch throughout, numbers included
            context = inhoud(verzoek, f)
            context.update(gebied=f.wijk or f.team or f.gemeente, vandaag=timezone.localdate(),
                           tot_en_met=f.tot - datetime.timedelta(days=1))
            html = render_to_string("monitor/rapport.html", context)
        # PDF/UA (core/pdf.py): a tagged PDF that screen readers can follow (a government document for the college).
        return Document(inhoud=html_naar_pdf(html),
                        bestandsnaam=_bestandsnaam(f, "managementrapportage", "pdf"))

    def audit_download(self, gebruiker, obj, bestand):
        verzoek, f = obj
        _audit_export(verzoek, f, "managementrapportage als pdf")

    def terug(self, parameters):
        return (
            f"{reverse('monitor:overzicht')}?{parameters['query']}"
            if parameters["query"]
            else reverse("monitor:overzicht")
        )
