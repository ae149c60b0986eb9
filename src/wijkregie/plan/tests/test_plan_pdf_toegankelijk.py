"""The plan as PDF is a tagged PDF/UA-1 document a screen reader can follow: its title, its language (Dutch),
headings in order and every table cell tied to its header (WCAG 2.1 AA; core/pdf.py)."""

from wijkregie.core.tests.achtergrond_hulp import via_achtergrond
from wijkregie.core.tests.pdf_hulp import koppen_op_volgorde, toegankelijkheid
from wijkregie.plan import services
from wijkregie.testing import login


def test_the_plan_pdf_is_tagged_with_its_title_and_language(client, world, getekend, tmp_path):
    casus = getekend.casus
    plan = services.plan_new_version(actor=world.medewerker, plan=getekend)  # a concept beside the signed one
    login(client, world.medewerker)
    for versie in (getekend.versie, plan.versie):
        response = via_achtergrond(client, f"/casussen/{casus.pk}/plan/{versie}/pdf/")
        assert response.status_code == 200
        pdf = toegankelijkheid(response.content, tmp_path, f"plan-{versie}.pdf")
        assert pdf.tagged, "the plan's PDF is not tagged (PDF/UA-1)"
        assert pdf.titel == f"Ondersteuningsplan versie {versie}"
        assert pdf.taal == "nl"
        assert koppen_op_volgorde(pdf.koppen), pdf.koppen
        assert pdf.cellen_zonder_kop == 0, pdf.structuur
