"""The inzage PDF is made by the background worker (core/achtergrond.py): for a resident with a long
history it takes seconds, which must not hold a web worker (issue 16, item 2; docs/achtergrond.md)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wijkregie.core.access import get_visible_or_404
from wijkregie.core.achtergrond import Document, Soort
from wijkregie.core.audit import DOEL_VERANTWOORDING
from wijkregie.core.pdf import html_naar_pdf

from . import inzage as inzage_services
from .models import Inzageverzoek


class InzagePdf(Soort):
    """AVG art. 15: the resident's whole record and its audit trail, for the privacy officer to hand over."""

    titel = _("Inzage als pdf")
    object_type = inzage_services.OBJECT_TYPE
    grondslag = inzage_services.GRONDSLAG
    doel = DOEL_VERANTWOORDING

    def object(self, gebruiker, parameters):
        return get_visible_or_404(inzage_services.inzageverzoeken_visible_to(gebruiker), audit_actor=gebruiker,
                                  pk=parameters["pk"])

    def personen(self, gebruiker, verzoek):
        return {verzoek.persoon_id}

    def maak(self, gebruiker, verzoek):
        # For the resident, in Dutch throughout (<html lang="nl">): the content's words too, whatever language
        # the privacy officer reads.
        with translation.override("nl"):
            gegevens = inzage_services.inzage_gegevens(verzoek)
            html = render_to_string("privacy/inzage_pdf.html", {"g": gegevens})
        return Document(
            inhoud=html_naar_pdf(html),
            bestandsnaam=f"inzage-{verzoek.pk}.pdf",
            client_ids=[verzoek.persoon_id],
            # The same words as inzage_services.inzage_gemaakt, so the privacy officer's trail reads alike.
            omschrijving="inzage gemaakt als pdf "
            f"({inzage_services._aantal(len(gegevens['casussen']), 'casus', 'casussen')}, "
            f"{inzage_services._aantal(len(gegevens['verwerkingen']), 'verwerking', 'verwerkingen')})",
        )

    def audit_download(self, gebruiker, verzoek, bestand):
        super().audit_download(gebruiker, verzoek, bestand)
        # As inzage_services.inzage_gemaakt: the request remembers when it was first produced.
        Inzageverzoek.objects.filter(pk=verzoek.pk, gemaakt_op__isnull=True).update(gemaakt_op=timezone.now())

    def terug(self, parameters):
        return reverse("privacy:inzageverzoek", kwargs={"pk": parameters["pk"]})
