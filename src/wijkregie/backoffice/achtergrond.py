"""The beschikking letter is made by the background worker (core/achtergrond.py), so that rendering it
never holds a web worker (issue 16, item 2; docs/achtergrond.md)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkregie.core.access import get_visible_or_404
from wijkregie.core.achtergrond import Document, Soort
from wijkregie.organisatie.toegangsbeleid import Gegevens

from . import documenten, selectors


class BeschikkingPdf(Soort):
    """The letter, for the backoffice that sends it and for who may see the casus' documents."""

    titel = _("Beschikking: brief als pdf")
    object_type = "backoffice.beschikking"
    inline = True

    def object(self, gebruiker, parameters):
        return get_visible_or_404(selectors.beschikkingen_visible_to(gebruiker, Gegevens.DOCUMENTEN),
                                  audit_actor=gebruiker, pk=parameters["pk"])

    def personen(self, gebruiker, b):
        return {b.persoon_id}

    def maak(self, gebruiker, b):
        return Document(inhoud=documenten.beschikking_pdf(b), bestandsnaam=f"beschikking-{b.kenmerk}.pdf",
                        client_ids=[b.persoon_id], omschrijving="beschikking als pdf")

    def terug(self, parameters):
        return reverse("backoffice:beschikking", kwargs={"pk": parameters["pk"]})
