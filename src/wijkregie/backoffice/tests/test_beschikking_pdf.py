"""The letter: plain Dutch with the decision, what, how much, from–to, which provider, why and how to object
(Awb 6:7); for the backoffice and, from the casus and the plan, for who may see the casus' documents."""

import datetime
import shutil
import subprocess

import pytest

from wijkregie.casus.models import Toestemming
from wijkregie.core.models import AuditEvent
from wijkregie.core.tests.achtergrond_hulp import via_achtergrond
from wijkregie.testing import login

from .helpers import toekennen


def _tekst(pdf: bytes, tmp_path) -> str:
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.fail("poppler-utils (pdftotext) is installed by make test")
    (tmp_path / "b.pdf").write_bytes(pdf)
    tekst = subprocess.run(["pdftotext", str(tmp_path / "b.pdf"), "-"], capture_output=True, text=True).stdout
    return " ".join(tekst.split())


def test_the_letter_says_what_was_decided_and_how_to_object(client, world, getekend, tmp_path):
    b = toekennen(
        world, getekend, ingangsdatum=datetime.date(2026, 1, 5), einddatum=datetime.date(2026, 6, 30)
    ).__class__
    beschikking = b.objects.get()
    login(client, world.backoffice)
    # Made by the background worker (core/achtergrond.py): fetched through its job.
    response = via_achtergrond(client, f"/backoffice/beschikkingen/{beschikking.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    tekst = _tekst(response.content, tmp_path)
    assert "U krijgt de hulp die u vroeg" in tekst and "Pieter Jansen" in tekst
    assert "Begeleiding" in tekst and "3 uur per week" in tekst
    assert "van 5 januari 2026 tot en met 30 juni 2026" in tekst and "Omring" in tekst
    assert "Past bij het plan." in tekst and "artikel 2.3.5 Wmo 2015" in tekst
    assert "zes weken" in tekst and beschikking.bezwaar_tot.strftime("%Y") in tekst
    assert "college van burgemeester en wethouders van Den Helder" in tekst and beschikking.kenmerk in tekst
    assert AuditEvent.objects.filter(actor_id=world.backoffice.pk, object_type="backoffice.beschikking",
                                     omschrijving="beschikking als pdf", client_id=beschikking.persoon_id).exists()


def test_the_regisseur_finds_it_in_the_casus_and_others_get_nothing(client, world, getekend):
    beschikking = toekennen(world, getekend)
    casus = getekend.casus
    login(client, world.medewerker)  # the regisseur
    casuspagina = client.get(f"/casussen/{casus.pk}/").content.decode()
    assert "Beschikkingen" in casuspagina and f"/backoffice/beschikkingen/{beschikking.pk}/pdf/" in casuspagina
    assert client.get(f"/backoffice/beschikkingen/{beschikking.pk}/").status_code == 200
    assert client.get(f"/backoffice/beschikkingen/{beschikking.pk}/pdf/").status_code == 302  # to its job
    plan = client.get(f"/casussen/{casus.pk}/plan/").content.decode()
    assert "Toekenning" in plan and f"/backoffice/beschikkingen/{beschikking.pk}/" in plan
    # A colleague of the team without the household's consent, another team, another gemeente: nothing.
    Toestemming.objects.filter(persoon=casus.hoofdpersoon, scope="team").delete()
    for user in (world.collega, world.andere_teamlid, world.buitenstaander, world.privacyfunctionaris):
        login(client, user)
        assert client.get(f"/backoffice/beschikkingen/{beschikking.pk}/").status_code == 404, user
        assert client.get(f"/backoffice/beschikkingen/{beschikking.pk}/pdf/").status_code == 404, user
        assert f"/backoffice/beschikkingen/{beschikking.pk}/" not in client.get("/").content.decode()
    # Reading is not deciding: the regisseur cannot change a toewijzing.
    login(client, world.medewerker)
    toewijzing = beschikking.toewijzingen.get()
    response = client.post(f"/backoffice/beschikkingen/{beschikking.pk}/", {
        "toewijzing": toewijzing.pk, "actie": "beeindigen", f"e{toewijzing.pk}-reden": "05",
        f"e{toewijzing.pk}-einddatum": toewijzing.ingangsdatum.isoformat()})
    assert response.status_code == 403
    toewijzing.refresh_from_db()
    assert toewijzing.status == "actief"
