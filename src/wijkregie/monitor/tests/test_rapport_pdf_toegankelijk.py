"""The management report as PDF is a tagged PDF/UA-1 document a screen reader can follow: its title, its
language (Dutch), headings in order and every table cell tied to its header (WCAG 2.1 AA; core/pdf.py)."""

from django.urls import reverse

from wijkregie.core.tests.achtergrond_hulp import via_achtergrond
from wijkregie.core.tests.pdf_hulp import koppen_op_volgorde, toegankelijkheid
from wijkregie.testing import login

from .conftest import maak_aanmeldingen


def test_the_report_is_tagged_with_its_title_and_language(client, world, tmp_path):
    maak_aanmeldingen(world.den_helder, world.team_noord, 12)
    login(client, world.beleidsmedewerker)
    pdf = toegankelijkheid(via_achtergrond(client, reverse("monitor:rapport")).content, tmp_path)
    assert pdf.tagged
    assert pdf.titel == "Managementrapportage sociaal wijkteam"
    assert pdf.taal == "nl"
    assert koppen_op_volgorde(pdf.koppen), pdf.koppen
    assert pdf.cellen_zonder_kop == 0, pdf.structuur
