"""The exchange's pages: the backoffice uploads messages and sees a Dutch outcome per file, downloads what is
due, reads a client's message log and answers a request; an outsider (other gemeente) and a colleague without
need to know get nothing, and every resident shown is audited."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wijkregie.backoffice import berichten
from wijkregie.backoffice.models import Bericht, BerichtStatus, Berichttaak
from wijkregie.core.models import AuditEvent
from wijkregie.testing import login

from .bericht_hulp import jw_toewijzing, voorbeeld

OVERZICHT = reverse("backoffice:berichten")


def _tekst(response) -> str:
    if response.get("Content-Type") == "application/zip":
        with zipfile.ZipFile(io.BytesIO(response.content)) as zf:
            return "".join(zf.read(n).decode() for n in zf.namelist())
    return response.content.decode()


def _upload(client, *namen):
    bestanden = [SimpleUploadedFile(n, voorbeeld(n), content_type="text/xml") for n in namen]
    return client.post(OVERZICHT, {"bestanden": bestanden})


def test_bericht_upload_reports_each_file_in_dutch(client, world):
    t = jw_toewijzing(world)
    login(client, world.backoffice)
    response = _upload(client, "jw305_start_geldig.xml", "jw305_onbekend_toewijzingnummer.xml", "geen_xml.xml",
                       "jw305_xsd_fout.xml")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Uitkomst van het inlezen" in html
    assert "verwerkt" in html and "9019 Het regiebericht kan niet gekoppeld worden aan een toewijzing." in html
    assert "geen_xml.xml" in html and "niet leesbaar: Geen geldige XML" in html
    # The XSD failure names the element.
    assert "XSD (0001): Bericht/Client/StartProducten/StartProduct/Begindatum" in html
    t.refresh_from_db()
    assert t.gestart_op is not None
    assert AuditEvent.objects.filter(client_id=t.beschikking.persoon_id, object_type="backoffice.bericht",
                                     actor_id=world.backoffice.pk).exists()


def test_bericht_upload_without_a_file_is_a_clear_error(client, world):
    login(client, world.backoffice)
    response = client.post(OVERZICHT, {})
    assert response.status_code == 200 and "Kies ten minste één bestand." in response.content.decode()


def test_bericht_download_one_and_all_due(client, world):
    t = jw_toewijzing(world)
    bericht = berichten.toewijzing_klaarzetten(t)
    login(client, world.backoffice)
    assert t.beschikking.persoon.naam in client.get(OVERZICHT).content.decode()
    een = client.get(reverse("backoffice:bericht_download") + f"?bericht={bericht.pk}")
    assert een.status_code == 200 and een.content.decode() == bericht.inhoud and een["Cache-Control"] == "no-store"
    alles = client.post(reverse("backoffice:berichten_downloaden"))
    with zipfile.ZipFile(io.BytesIO(alles.content)) as zf:
        assert zf.namelist() == [bericht.bestandsnaam]
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERZONDEN


def test_bericht_log_per_client_and_answering_a_request(client, world):
    t = jw_toewijzing(world)
    berichten.bericht_importeren(inhoud=voorbeeld("jw317_wijziging_geldig.xml"), gemeente=world.den_helder)
    login(client, world.backoffice)
    persoon = t.beschikking.persoon
    log = client.get(reverse("backoffice:persoon_berichten", kwargs={"pk": persoon.pk}))
    assert log.status_code == 200 and "JW317 S317-1" in log.content.decode() and "JW318" in log.content.decode()
    taak = Berichttaak.objects.get()
    url = reverse("backoffice:bericht_taak") + f"?taak={taak.pk}"
    fout = client.post(url, {"antwoord": "1"})
    assert "Kies een reden van afwijzing." in fout.content.decode()
    response = client.post(url, {"antwoord": "1", "reden": "4"})
    assert response.status_code == 302
    taak.refresh_from_db()
    assert taak.afgehandeld_met.soort == "JW319"


@pytest.mark.parametrize("wie", ["buitenstaander", "collega", "medewerker"])
def test_bericht_pages_give_nothing_to_an_outsider_or_a_colleague_without_need(client, world, wie):
    """The outsider holds every role in another gemeente, the backoffice's too: it reaches its own gemeente's
    (empty) exchange page, never ours; the team's medewerkers have no part in the exchange at all."""
    t = jw_toewijzing(world)
    bericht = berichten.toewijzing_klaarzetten(t)
    berichten.bericht_importeren(inhoud=voorbeeld("jw315_verzoek_geldig.xml"), gemeente=world.den_helder)
    taak = Berichttaak.objects.get()
    login(client, getattr(world, wie))
    naam = t.beschikking.persoon.achternaam
    eigen_gemeente = [client.get(OVERZICHT), _upload(client, "jw305_start_geldig.xml"),
                      client.post(reverse("backoffice:berichten_downloaden"))]
    over_de_onze = [
        client.get(reverse("backoffice:bericht_download") + f"?bericht={bericht.pk}"),
        client.get(reverse("backoffice:persoon_berichten", kwargs={"pk": t.beschikking.persoon_id})),
        client.get(reverse("backoffice:bericht_taak") + f"?taak={taak.pk}"),
        client.post(reverse("backoffice:bericht_taak") + f"?taak={taak.pk}", {"antwoord": "2"}),
    ]
    for response in over_de_onze + (eigen_gemeente if wie != "buitenstaander" else []):
        assert response.status_code in (403, 404)
    for response in eigen_gemeente + over_de_onze:
        assert naam not in _tekst(response)
    t.refresh_from_db()
    assert t.gestart_op is None and Bericht.objects.get(pk=bericht.pk).status == BerichtStatus.KLAAR
    assert not Bericht.objects.filter(soort="JW319").exists()
    if wie == "buitenstaander":  # its upload was its own gemeente's: a message not for it (S300)
        assert set(
            Bericht.objects.filter(gemeente=world.voorbeeld, soort="JW305").values_list("retourcodes", flat=True)
        ) == {"S300"}


def test_bericht_another_gemeentes_backoffice_sees_none_of_ours(client, world):
    from wijkregie.organisatie.models import Rol
    from wijkregie.testing import make_medewerker

    t = jw_toewijzing(world)
    bericht = berichten.toewijzing_klaarzetten(t)
    ander = make_medewerker(world.voorbeeld, "backoffice_vb", Rol.BACKOFFICE)
    login(client, ander)
    assert client.get(reverse("backoffice:bericht_download") + f"?bericht={bericht.pk}").status_code == 404
    assert t.beschikking.persoon.achternaam not in client.get(OVERZICHT).content.decode()
    assert (
        client.get(reverse("backoffice:persoon_berichten", kwargs={"pk": t.beschikking.persoon_id})).status_code == 404
    )


def test_bericht_a_request_answered_with_a_toewijzing_from_its_page(client, world):
    t = jw_toewijzing(world)
    berichten.bericht_importeren(inhoud=voorbeeld("jw315_verzoek_geldig.xml"), gemeente=world.den_helder)
    taak = Berichttaak.objects.get()
    login(client, world.backoffice)
    url = reverse("backoffice:bericht_taak") + f"?taak={taak.pk}"
    assert f'value="{t.pk}"' in client.get(url).content.decode()
    assert "Kies een toewijzing" in client.post(url, {"toewijzing": "0"}).content.decode()
    assert client.post(url, {"toewijzing": str(t.pk)}).status_code == 302
    taak.refresh_from_db()
    assert taak.afgehandeld_met.soort == "JW301" and "<ReferentieAanbieder>VOT-2026-001<" in taak.afgehandeld_met.inhoud


def test_bericht_a_start_not_reported_within_five_working_days_is_shown(client, world):
    t = jw_toewijzing(world)  # ingangsdatum 2 November 2026, long before today
    bericht = berichten.toewijzing_klaarzetten(t)
    login(client, world.backoffice)
    assert "Start nog niet gemeld" not in client.get(OVERZICHT).content.decode()  # not yet sent
    client.post(reverse("backoffice:berichten_downloaden"))
    assert Bericht.objects.get(pk=bericht.pk).status == BerichtStatus.VERZONDEN
    html = client.get(OVERZICHT).content.decode()
    assert "Start nog niet gemeld" in html and str(t.toewijzingnummer) in html
    berichten.bericht_importeren(inhoud=voorbeeld("jw305_start_geldig.xml"), gemeente=world.den_helder)
    assert "Start nog niet gemeld" not in client.get(OVERZICHT).content.decode()


def test_bericht_an_uploaded_files_odd_name_is_quoted_in_the_download(client, world):
    login(client, world.backoffice)
    client.post(OVERZICHT, {"bestanden": [SimpleUploadedFile("v.xml", voorbeeld("jw315_verzoek_geldig.xml"))]})
    bericht = Bericht.objects.get(soort="JW315")
    Bericht.objects.filter(pk=bericht.pk).update(bestandsnaam='a"b; filename=evil.exe')
    response = client.get(reverse("backoffice:bericht_download") + f"?bericht={bericht.pk}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="a\\"b; filename=evil.exe"'
