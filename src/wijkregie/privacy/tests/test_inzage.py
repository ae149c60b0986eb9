"""The inzage: for one resident, everything wijkregie holds and who saw or changed it (role, organisation,
ground), as a PDF and as JSON with the same content, made by the privacy officer on a registered request."""

import datetime
import json
import shutil
import subprocess

import pytest
from django.db import transaction

from wijkregie.casus.models import Casus
from wijkregie.core.audit import audit_disclosure
from wijkregie.core.models import AuditEvent
from wijkregie.core.tests.achtergrond_hulp import via_achtergrond
from wijkregie.privacy.models import Inzageverzoek
from wijkregie.regie.models import Contactmoment
from wijkregie.testing import login, make_getekend_plan, make_persoon
from wijkregie.toegang.models import Aanmelding


def _anna(world):
    anna = make_persoon(world, "Anna", "de Boer", bsn="999993653", geboortedatum=datetime.date(1980, 3, 12),
                        telefoon="0612345678", team=world.team_noord, regisseur=world.medewerker)
    casus = Casus.objects.get(hoofdpersoon=anna)
    Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Hulp bij schulden gevraagd",
                              persoon=anna, huishouden=casus.huishouden, geregistreerd_door=world.kcc, casus=casus)
    Contactmoment.objects.create(gemeente=world.den_helder, casus=casus, met_wie="Anna", notitie="Huisbezoek gehad",
                                 door=world.medewerker)
    make_getekend_plan(world, casus)
    return anna, casus


def _verzoek(client, world):
    login(client, world.privacyfunctionaris)
    response = client.post("/audit/inzage/", {"bsn": "999993653", "ontvangen_op": "01-11-2026",
                                              "identiteit": "Paspoort gezien aan de balie"})
    verzoek = Inzageverzoek.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/audit/inzage/{verzoek.pk}/"
    return verzoek


def test_the_json_holds_the_file_and_who_saw_it_by_role_and_organisation(client, world):
    anna, casus = _anna(world)
    login(client, world.collega)  # a colleague reads the file (team consent) and a list names her
    assert client.get(f"/casussen/{casus.pk}/").status_code == 200
    with transaction.atomic():
        audit_disclosure(actor=world.bureaudienst, client_ids=[anna.pk], object_type="inwoners.persoon",
                         omschrijving="zoekresultaat")
    verzoek = _verzoek(client, world)
    assert verzoek.uiterlijk == datetime.date(2026, 12, 1) and verzoek.persoon == anna
    response = client.get(f"/audit/inzage/{verzoek.pk}/json/")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    g = json.loads(response.content)
    assert g["inwoner"]["bsn"] == "999993653" and g["inwoner"]["telefoon"] == "0612345678"
    assert g["aanmeldingen"][0]["vraag"] == "Hulp bij schulden gevraagd"
    c = g["casussen"][0]
    assert c["team"] == "Team Noord" and c["contactmomenten"][0]["notitie"] == "Huisbezoek gehad"
    assert c["plannen"][0]["doelen"][0]["doel"] == "Rekeningen zelf betalen"
    assert g["toestemmingen"][0]["waarvoor"]
    gelezen = [v for v in g["verwerkingen"] if v["gegevens"] == "casus" and v["actie"] == "inzien"]
    assert {"rol": "Medewerker", "organisatie": "De Wering"}.items() <= gelezen[-1].items()
    assert gelezen[-1]["grondslag"] == "toestemming: bespreken in het wijkteam"
    lijst = [v for v in g["verwerkingen"] if v["omschrijving"] == "zoekresultaat"]
    assert lijst and lijst[0]["rol"] == "Bureaudienst, Medewerker" and lijst[0]["organisatie"] == "Gemeente Den Helder"
    # Colleagues by role and organisation; their names are not in the trail part.
    assert "Pieter" not in json.dumps(g["verwerkingen"]) and "collega" not in json.dumps(g["verwerkingen"])
    # The production is audited under Anna, with the request as its ground.
    gemaakt = AuditEvent.objects.filter(actor="privacy", object_type="privacy.inzageverzoek", client_id=anna.pk,
                                        omschrijving__startswith="inzage gemaakt als json")
    assert gemaakt.count() == 1 and gemaakt.get().grondslag.startswith("AVG art. 15")
    verzoek.refresh_from_db()
    assert verzoek.gemaakt_op is not None


def test_the_pdf_says_the_same_in_plain_dutch(client, world, tmp_path):
    anna, casus = _anna(world)
    login(client, world.collega)
    client.get(f"/casussen/{casus.pk}/")
    verzoek = _verzoek(client, world)
    # Made by the background worker (core/achtergrond.py): fetched through its job.
    response = via_achtergrond(client, f"/audit/inzage/{verzoek.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    (tmp_path / "inzage.pdf").write_bytes(response.content)
    if shutil.which("pdftotext") is None:
        pytest.fail("poppler-utils (pdftotext) is installed by make test")
    tekst = " ".join(subprocess.run(["pdftotext", str(tmp_path / "inzage.pdf"), "-"], capture_output=True,
                                    text=True).stdout.split())
    for zin in ("Inzage in uw gegevens", "Anna de Boer", "999993653", "Hulp bij schulden gevraagd", "Huisbezoek gehad",
                "Rekeningen zelf betalen", "Wie heeft uw gegevens ingezien of gewijzigd", "De Wering",
                "toestemming: bespreken in het wijkteam", "Niemand heeft uw dossier met noodtoegang geopend."):
        assert zin in tekst, zin
    assert "Pieter" not in tekst
    assert AuditEvent.objects.filter(
        actor="privacy", client_id=anna.pk, omschrijving__startswith="inzage gemaakt als pdf"
    ).exists()


def test_a_request_for_someone_unknown_is_refused_at_the_field_and_audited(client, world):
    _anna(world)
    login(client, world.privacyfunctionaris)
    response = client.post("/audit/inzage/", {"bsn": "111222333", "ontvangen_op": "01-11-2026",
                                              "identiteit": "Paspoort"})
    assert response.status_code == 200
    assert response.context["form"].errors["bsn"] == ["Er is geen inwoner van deze gemeente met precies deze gegevens."]
    response = client.post("/audit/inzage/", {"achternaam": "de Boer", "geboortedatum": "12-03-1980",
                                              "ontvangen_op": "01-11-2026", "identiteit": ""})
    assert "identiteit" in response.context["form"].errors
    response = client.post(
        "/audit/inzage/", {"bsn": "999993653", "ontvangen_op": "01-11-2099", "identiteit": "Paspoort"}
    )
    assert "toekomst" in response.context["form"].errors["ontvangen_op"][0]
    assert not Inzageverzoek.objects.exists()
    assert (
        AuditEvent.objects.filter(actor="privacy", object_type="privacy.inzageverzoek", resultaat="geweigerd").count()
        == 1
    )


def test_break_the_glass_is_in_the_inzage_with_every_read_under_it(client, world):
    anna, casus = _anna(world)
    login(client, world.andere_teamlid)
    assert client.get(f"/casussen/{casus.pk}/").status_code == 404  # refused, before break-the-glass
    client.post("/noodtoegang/", {"stap": "zoeken", "bsn": "999993653"})
    client.post("/noodtoegang/", {"stap": "openen", "reden": "Crisis in de nacht, regisseur ziek."})
    assert client.get(f"/casussen/{casus.pk}/").status_code == 200
    assert client.get(f"/personen/{anna.pk}/").status_code == 200  # the person page records its own ground
    verzoek = _verzoek(client, world)
    g = json.loads(client.get(f"/audit/inzage/{verzoek.pk}/json/").content)
    assert g["noodtoegang"] == [{**g["noodtoegang"][0], "reden": "Crisis in de nacht, regisseur ziek.",
                                 "rol": "Medewerker", "organisatie": "Gemeente Den Helder"}]
    tijdens = [v for v in g["verwerkingen"] if v["noodtoegang"]]
    assert {v["gegevens"] for v in tijdens} >= {"noodtoegang", "casus", "persoon"}
    assert all(v["rol"] == "Medewerker" and v["organisatie"] == "Gemeente Den Helder" for v in tijdens)
    # Before break-the-glass the same medewerker's refused attempt is listed, and not marked.
    geweigerd = [v for v in g["verwerkingen"] if v["resultaat"] == "geweigerd" and v["gegevens"] == "casus"]
    assert len(geweigerd) == 1 and not geweigerd[0]["noodtoegang"]


def test_decisions_and_messages_with_providers_are_in_it(client, world):
    from wijkregie.backoffice.models import Bericht, Beschikking
    from wijkregie.organisatie.models import Mandaat
    from wijkregie.plan.models import BeschikkingVerzoek

    anna, casus = _anna(world)
    Beschikking.objects.create(
        gemeente=world.den_helder,
        verzoek=BeschikkingVerzoek.objects.get(regel__plan__casus=casus),
        casus=casus,
        persoon=anna,
        wet="wmo",
        besluit="toekenning",
        grondslag="artikel 2.3.5 Wmo 2015",
        motivering="Past bij het plan.",
        besloten_door=world.backoffice,
        mandaat=Mandaat.objects.get(besluit="MB-1"),
    )
    Bericht.objects.create(
        gemeente=world.den_helder,
        richting="uit",
        soort="WMO301",
        aanbieder_agb="12345678",
        identificatie="B1",
        dagtekening=datetime.date(2026, 11, 2),
        inhoud="<xml/>",
        status="verzonden",
        persoon=anna,
    )
    verzoek = _verzoek(client, world)
    g = json.loads(client.get(f"/audit/inzage/{verzoek.pk}/json/").content)
    assert [(b["besluit"], b["motivering"]) for b in g["besluiten"]] == [("Toekenning", "Past bij het plan.")]
    assert g["berichten"] == [{"richting": "Verstuurd", "soort": "WMO301",
                               "bericht": "Toewijzing van de gemeente aan de zorgaanbieder", "wet": "Wmo",
                               "aanbieder_agb": "12345678", "aanbieder": "", "dagtekening": "2026-11-02",
                               "status": "Verzonden"}]
