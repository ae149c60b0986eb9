"""The inzage as PDF (AVG art. 15, handed to the resident) is a tagged PDF/UA-1 document a screen reader can
follow: its title, its language (Dutch), headings in order and every table cell tied to its header
(WCAG 2.1 AA; core/pdf.py)."""

import datetime

from wijkregie.casus.models import Casus
from wijkregie.core.tests.achtergrond_hulp import via_achtergrond
from wijkregie.core.tests.pdf_hulp import koppen_op_volgorde, toegankelijkheid
from wijkregie.privacy.models import Inzageverzoek
from wijkregie.regie.models import Contactmoment
from wijkregie.testing import login, make_getekend_plan, make_persoon


def test_the_inzage_pdf_is_tagged_with_its_title_and_language(client, world, tmp_path):
    anna = make_persoon(world, "Anna", "de Boer", bsn="999993653", geboortedatum=datetime.date(1980, 3, 12),
                        team=world.team_noord, regisseur=world.medewerker)
    casus = Casus.objects.get(hoofdpersoon=anna)
    Contactmoment.objects.create(gemeente=world.den_helder, casus=casus, met_wie="Anna", notitie="Huisbezoek gehad",
                                 door=world.medewerker)
    make_getekend_plan(world, casus)
    verzoek = Inzageverzoek.objects.create(gemeente=world.den_helder, persoon=anna, identiteit="Paspoort",
                                           ontvangen_op=datetime.date(2026, 11, 1),
                                           geregistreerd_door=world.privacyfunctionaris)
    login(client, world.privacyfunctionaris)
    response = via_achtergrond(client, f"/audit/inzage/{verzoek.pk}/pdf/")
    assert response.status_code == 200
    pdf = toegankelijkheid(response.content, tmp_path)
    assert pdf.tagged, "the inzage PDF is not tagged (PDF/UA-1)"
    assert pdf.titel == "Inzage in uw gegevens"
    assert pdf.taal == "nl"
    assert koppen_op_volgorde(pdf.koppen), pdf.koppen
    assert pdf.cellen_zonder_kop == 0, pdf.structuur
