"""The inzage tells the resident about decisions and messages with providers in words, not in the exchange's
codes: the kind of message ("toewijzing van de gemeente aan de zorgaanbieder", not "WMO301"), the provider by
name (not its AGB code) and what was assigned by its name and amount (not "productcategorie 02"). A provider the
gemeente never assigned to has no known name: only then its AGB code stays, for the resident to ask about it."""

import datetime
import json
import shutil
import subprocess

import pytest
from django.db import transaction

from wijkregie.backoffice.models import Bericht
from wijkregie.backoffice.tests.helpers import toekennen
from wijkregie.casus.models import Casus
from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.core.tests.achtergrond_hulp import via_achtergrond
from wijkregie.privacy.models import Inzageverzoek
from wijkregie.testing import login, make_getekend_plan, make_persoon


def _bericht(world, anna, soort, agb, richting, status):
    bericht = Bericht.objects.create(gemeente=world.den_helder, richting=richting, soort=soort, aanbieder_agb=agb,
                                     identificatie=f"B{Bericht.objects.count() + 1}",
                                     dagtekening=datetime.date(2026, 11, 2), inhoud="<xml/>", status=status,
                                     persoon=anna)
    with transaction.atomic():  # as backoffice.berichten records it
        audit_log(actor=world.backoffice, actie=AuditActie.CREATE, object_type="backoffice.bericht",
                  object_id=bericht.pk, client_id=anna.pk, grondslag="wettelijke taak",
                  omschrijving=f"{soort} ontvangen: Verwerkt (0200)" if richting == "in"
                  else f"{soort} klaargezet (1 toewijzing(en))")


@pytest.fixture
def verzoek(world):
    anna = make_persoon(world, "Anna", "de Boer", bsn="999993653", team=world.team_noord, regisseur=world.medewerker)
    plan = make_getekend_plan(world, Casus.objects.get(hoofdpersoon=anna))
    toekennen(world, plan, ingangsdatum=datetime.date(2026, 1, 5), einddatum=datetime.date(2026, 6, 30))
    _bericht(world, anna, "WMO301", "12345678", "uit", "verzonden")  # to Omring, the provider assigned
    _bericht(world, anna, "WMO305", "12345678", "in", "verwerkt")
    _bericht(world, anna, "JW315", "87654321", "in", "verwerkt")  # a provider the gemeente never assigned to
    return Inzageverzoek.objects.create(gemeente=world.den_helder, persoon=anna, identiteit="Paspoort",
                                        ontvangen_op=datetime.date(2026, 11, 3))


def test_the_pdf_names_messages_providers_and_products_in_words(client, world, verzoek, tmp_path):
    login(client, world.privacyfunctionaris)
    response = via_achtergrond(client, f"/audit/inzage/{verzoek.pk}/pdf/")
    assert response.status_code == 200
    if shutil.which("pdftotext") is None:
        pytest.fail("poppler-utils (pdftotext) is installed by make test")
    (tmp_path / "inzage.pdf").write_bytes(response.content)
    tekst = " ".join(subprocess.run(["pdftotext", str(tmp_path / "inzage.pdf"), "-"], capture_output=True,
                                    text=True, check=True).stdout.split())
    for code in ("WMO301", "WMO305", "JW315", "12345678", "(0200)", "productcategorie 02", "omvang 3", "iWmo",
                 "AGB-code)"):
        assert code not in tekst, code
    for woorden in ("Toewijzing van de gemeente aan de zorgaanbieder",
                    "Melding van de zorgaanbieder dat de hulp is begonnen",
                    "Verzoek van de zorgaanbieder om hulp toe te wijzen",
                    "Begeleiding, 3 uur per week, door Omring",
                    "zorgaanbieder met AGB-code 87654321",
                    # the trail: what the backoffice did with the messages, in the same words
                    "Toewijzing van de gemeente aan de zorgaanbieder klaargezet",
                    "Melding van de zorgaanbieder dat de hulp is begonnen ontvangen: Verwerkt"):
        assert woorden in tekst, woorden


def test_the_json_keeps_the_codes_beside_the_words(client, world, verzoek):
    login(client, world.privacyfunctionaris)
    g = json.loads(client.get(f"/audit/inzage/{verzoek.pk}/json/").content)
    berichten = {b["soort"]: b for b in g["berichten"]}
    assert berichten["WMO301"]["bericht"] == "Toewijzing van de gemeente aan de zorgaanbieder"
    assert (berichten["WMO301"]["aanbieder"], berichten["WMO301"]["aanbieder_agb"]) == ("Omring", "12345678")
    assert (berichten["JW315"]["aanbieder"], berichten["JW315"]["wet"]) == ("", "Jeugdwet")
    toewijzing = g["besluiten"][0]["toewijzingen"][0]
    assert {"productcategorie": "02", "wat": "Begeleiding", "omvang": "3 uur per week",
            "aanbieder": "Omring"}.items() <= toewijzing.items()
