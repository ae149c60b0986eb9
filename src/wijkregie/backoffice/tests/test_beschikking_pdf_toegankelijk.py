"""The beschikking letter as PDF is a tagged PDF/UA-1 document a screen reader can follow: its title, its
language (Dutch), headings in order and every table cell tied to its header (WCAG 2.1 AA; core/pdf.py)."""

import datetime

from wijkregie.backoffice.models import Beschikking
from wijkregie.core.tests.achtergrond_hulp import via_achtergrond
from wijkregie.core.tests.pdf_hulp import koppen_op_volgorde, toegankelijkheid
from wijkregie.testing import login

from .helpers import toekennen


def test_the_letter_is_tagged_with_its_title_and_language(client, world, getekend, tmp_path):
    toekennen(world, getekend, ingangsdatum=datetime.date(2026, 1, 5), einddatum=datetime.date(2026, 6, 30))
    beschikking = Beschikking.objects.get()
    login(client, world.backoffice)
    response = via_achtergrond(client, f"/backoffice/beschikkingen/{beschikking.pk}/pdf/")
    assert response.status_code == 200
    pdf = toegankelijkheid(response.content, tmp_path)
    assert pdf.tagged, "the letter's PDF is not tagged (PDF/UA-1)"
    assert pdf.titel == f"Besluit over uw aanvraag, kenmerk {beschikking.kenmerk}"
    assert pdf.taal == "nl"
    assert koppen_op_volgorde(pdf.koppen), pdf.koppen
    assert pdf.cellen_zonder_kop == 0, pdf.structuur
