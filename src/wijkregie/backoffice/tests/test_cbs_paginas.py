"""The CBS Beleidsinformatie Jeugd page and download: the backoffice of the gemeente only (404 for everyone
else), counts and checks on the page without a person, the download audited per person, no BSN in a URL."""

import datetime

from wijkregie.core.models import AuditEvent
from wijkregie.testing import login

from .cbs_hulp import jeugd_toewijzing, kind

PAGINA = "/backoffice/cbs/jeugd/?periode=2026-1"
BESTAND = "/backoffice/cbs/jeugd/bestand/?periode=2026-1"


def test_the_backoffice_sees_counts_and_downloads_the_file(client, world):
    sem = kind(world)
    jeugd_toewijzing(world, sem, ingangsdatum=datetime.date(2026, 2, 1))
    login(client, world.backoffice)
    pagina = client.get(PAGINA)
    tekst = pagina.content.decode()
    assert pagina.status_code == 200 and pagina["Cache-Control"] == "no-store"
    assert "Levering januari t/m juni 2026" in tekst and "Herlevering juli t/m december 2025" in tekst
    assert "controle in orde" in tekst and "beleidsinformatie_jeugdhulp_0400_2026-1.csv" in tekst
    assert "Sem" not in tekst and sem.bsn not in tekst  # counts, no person
    bestand = client.get(BESTAND)
    assert bestand.status_code == 200 and bestand["Cache-Control"] == "no-store"
    assert 'filename="beleidsinformatie_jeugdhulp_0400_2026-1.csv"' in bestand["Content-Disposition"]
    assert sem.bsn in bestand.content.decode("ascii")
    # One disclosure per person in the file, on the Jeugdwet's ground; the audit names no BSN.
    events = AuditEvent.objects.filter(
        actor_id=world.backoffice.pk, object_type="backoffice.cbs_jeugd", client_id=sem.pk
    )
    assert events.count() == 1
    event = events.get()
    assert event.grondslag.startswith("Jeugdwet art. 7.4.4") and sem.bsn not in event.omschrijving


def test_a_delivery_with_errors_shows_them_and_is_not_downloadable(client, world):
    t = jeugd_toewijzing(
        world, kind(world), ingangsdatum=datetime.date(2026, 1, 1), einddatum=datetime.date(2026, 3, 31)
    )
    login(client, world.backoffice)
    tekst = client.get(PAGINA).content.decode()
    assert "De controle vond 1 fout." in tekst
    assert f"T{t.toewijzingnummer:09d}" in tekst and "de reden beëindiging ontbreekt" in tekst
    assert "beleidsinformatie_jeugdhulp_0400_2026-1.csv" not in tekst
    assert client.get(BESTAND).status_code == 409
    assert not AuditEvent.objects.filter(object_type="backoffice.cbs_jeugd", client_id=t.beschikking.persoon_id,
                                         omschrijving__contains="bsn").exists()


def test_a_bad_period_gets_a_dutch_message(client, world):
    login(client, world.backoffice)
    tekst = client.get("/backoffice/cbs/jeugd/?periode=2026-7").content.decode()
    assert "Kies een periode als 2026-1" in tekst
    assert client.get("/backoffice/cbs/jeugd/bestand/?periode=2026-7").status_code == 404


def test_nobody_else_learns_the_pages_exist(client, world):
    sem = kind(world)
    jeugd_toewijzing(world, sem, ingangsdatum=datetime.date(2026, 2, 1))
    for user in (world.medewerker, world.collega, world.beleidsmedewerker, world.privacyfunctionaris, world.kcc):
        login(client, user)
        assert client.get(PAGINA).status_code == 404, user
        assert client.get(BESTAND).status_code == 404, user
    client.logout()
    assert client.get(BESTAND).status_code in (302, 404)


def test_another_gemeentes_backoffice_gets_none_of_den_helder(client, world):
    sem = kind(world)
    jeugd_toewijzing(world, sem, ingangsdatum=datetime.date(2026, 2, 1))
    login(client, world.buitenstaander)  # backoffice of Voorbeeldgemeente
    bestand = client.get(BESTAND).content.decode("ascii")
    assert sem.bsn not in bestand and "0400" not in bestand
    assert bestand.split("\r\n")[1:] == [""]  # the header, and not one traject
    assert not AuditEvent.objects.filter(actor_id=world.buitenstaander.pk, client_id=sem.pk).exists()
