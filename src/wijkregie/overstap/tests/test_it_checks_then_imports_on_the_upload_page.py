"""The upload page: the functioneel beheerder uploads, sees a report per row (row number, column, Dutch
message, no resident's data), and 'Importeren' applies the same file, kept server-side under a token that
is in the form and the session, never in a URL."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wijkregie.casus.models import Casus
from wijkregie.inwoners.models import Persoon
from wijkregie.testing import login

from .blad import als_csv, als_xlsx, huishoudens


def _upload(client, data, naam="caseload.csv"):
    return client.post(reverse("overstap:inlezen"), {"bestand": SimpleUploadedFile(naam, data)})


def test_it_reports_faults_per_row_without_names_and_imports_nothing(client, world):
    login(client, world.beheerder)
    rijen = huishoudens(5)
    rijen[6]["BSN"] = "123456789"
    antwoord = _upload(client, als_csv(rijen))
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "elfproef" in html and "<th scope=\"row\">8</th>" in html and ">BSN<" in html
    assert "Overstap" not in html and "123456789" not in html  # rows and columns, no resident's data
    assert 'name="token"' not in html  # nothing to import
    assert not Persoon.objects.exists()


def test_it_checks_then_imports_the_same_file(client, world):
    login(client, world.beheerder)
    antwoord = _upload(client, als_xlsx(huishoudens(4)), "caseload.xlsx")
    html = antwoord.content.decode()
    assert "Geen fouten in 8 rijen" in html and "Overstap" not in html
    token = client.session["overstap_bestand"]
    assert f'value="{token}"' in html
    assert not Persoon.objects.exists()  # checking writes nothing

    antwoord = client.post(reverse("overstap:importeren"), {"token": token})

    assert antwoord.status_code == 200 and "De caseload is ingelezen" in antwoord.content.decode()
    assert Persoon.objects.filter(achternaam__startswith="Overstap").count() == 8 and Casus.objects.count() == 4
    assert "overstap_bestand" not in client.session
    # The same token again imports nothing twice.
    opnieuw = client.post(reverse("overstap:importeren"), {"token": token})
    assert opnieuw.status_code == 400 and Persoon.objects.count() == 8


def test_it_keeps_the_file_and_imports_nothing_when_the_import_finds_a_fault(client, world):
    """Between the check and the import someone registered one of the sheet's residents: the import refuses
    the lot, says which row, and the file is still there to import once fixed elsewhere."""
    from wijkregie.testing import make_persoon

    login(client, world.beheerder)
    rijen = huishoudens(3)
    _upload(client, als_csv(rijen))
    token = client.session["overstap_bestand"]
    make_persoon(world, "Iemand", "Anders", bsn=rijen[4]["BSN"])

    antwoord = client.post(reverse("overstap:importeren"), {"token": token})

    assert antwoord.status_code == 400 and "al in wijkregie" in antwoord.content.decode()
    assert not Persoon.objects.filter(achternaam__startswith="Overstap").exists()
    assert client.session["overstap_bestand"] == token


def test_it_says_plainly_when_the_upload_is_no_spreadsheet(client, world):
    login(client, world.beheerder)
    html = _upload(client, b"%PDF-1.4 nope", "brief.pdf").content.decode()
    assert "geen spreadsheet" in html and 'name="token"' not in html


def test_it_offers_the_template(client, world):
    login(client, world.beheerder)
    csv = client.get(reverse("overstap:sjabloon_csv"))
    xlsx = client.get(reverse("overstap:sjabloon_xlsx"))
    assert csv.status_code == 200 and csv.content.startswith(b"\xef\xbb\xbfHuishouden;")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_it_checks_a_large_file_but_sends_its_import_to_the_command(client, world, monkeypatch):
    """The page imports within the request; a file too large for the worker's timeout is checked, and the
    beheerder is told to split it or use the command, with no import button and no file kept."""
    from wijkregie.overstap import views

    monkeypatch.setattr(views, "PAGINA_MAX_RIJEN", 5)
    login(client, world.beheerder)
    html = _upload(client, als_csv(huishoudens(3))).content.decode()
    assert "Geen fouten in 6 rijen" in html and "wijkregie import" in html
    assert 'name="token"' not in html and "overstap_bestand" not in client.session
