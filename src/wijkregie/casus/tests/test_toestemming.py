"""Toestemming: recorded per scope, asked through one service, withdrawn with immediate effect."""

from django.core.files.uploadedfile import SimpleUploadedFile

from wijkregie.casus.models import Toestemming
from wijkregie.casus.services import toestemming_geldig
from wijkregie.core.models import AuditEvent
from wijkregie.testing import login, make_persoon


def test_consent_for_the_team_and_for_sharing_with_a_named_organisation(client, world):
    persoon = make_persoon(world, "Pieter", "Jansen", team=world.team_noord, toestemming=False,
                           regisseur=world.medewerker)
    login(client, world.medewerker)
    assert (
        client.post(
            f"/personen/{persoon.pk}/toestemming/",
            {"scope": "team", "wijze": "mondeling", f"gever_{persoon.pk}": "zelf"},
        ).status_code
        == 302
    )
    assert toestemming_geldig(persoon, scope="team")
    assert not toestemming_geldig(persoon, scope="delen", organisatie=world.wering)
    response = client.post(
        f"/personen/{persoon.pk}/toestemming/",
        {
            "scope": "delen",
            "organisatie": world.wering.pk,
            "doel": "schuldhulp afstemmen",
            "wijze": "schriftelijk",
            f"gever_{persoon.pk}": "zelf",
            "document": SimpleUploadedFile("verklaring.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    assert toestemming_geldig(persoon, scope="delen", organisatie=world.wering)
    assert not toestemming_geldig(persoon, scope="delen", organisatie=world.gemeente_org)


def test_withdrawal_takes_effect_immediately_and_is_audited(client, world):
    persoon = make_persoon(world, "Pieter", "Jansen", team=world.team_noord, toestemming=False,
                           regisseur=world.medewerker)
    login(client, world.medewerker)
    client.post(
        f"/personen/{persoon.pk}/toestemming/", {"scope": "team", "wijze": "mondeling", f"gever_{persoon.pk}": "zelf"}
    )
    toestemming = Toestemming.objects.get()
    response = client.post(
        f"/personen/{persoon.pk}/toestemming/{toestemming.pk}/intrekken/", {"reden": "wil het niet meer"}
    )
    assert response.status_code == 302
    assert not toestemming_geldig(persoon, scope="team")
    assert AuditEvent.objects.filter(object_type="casus.toestemming", omschrijving="toestemming ingetrokken").exists()
    assert "ingetrokken" in client.get(f"/personen/{persoon.pk}/").content.decode()


def test_the_form_asks_what_is_missing(client, world):
    persoon = make_persoon(world, "Pieter", "Jansen", team=world.team_noord, toestemming=False,
                           regisseur=world.medewerker)
    login(client, world.medewerker)
    content = client.post(f"/personen/{persoon.pk}/toestemming/", {
        "scope": "delen", "wijze": "schriftelijk"}).content.decode()
    assert "Met welke organisatie mogen de gegevens gedeeld worden?" in content
    assert "Schrijf op waarvoor de gegevens gedeeld worden." in content
    assert "Vink aan wie toestemming geeft." in content
    assert "Voeg de getekende verklaring toe" in content
    assert not Toestemming.objects.exists()


def test_an_expired_consent_does_not_count(world):
    import datetime

    from django.utils import timezone

    persoon = make_persoon(world, "Pieter", "Jansen", team=world.team_noord, toestemming=False,
                           regisseur=world.medewerker)
    Toestemming.objects.create(gemeente=world.den_helder, persoon=persoon, scope="team",
                               geldig_tot=timezone.localdate() - datetime.timedelta(days=1))
    assert not toestemming_geldig(persoon, scope="team")
    client = __import__("django.test", fromlist=["Client"]).Client()
    login(client, world.medewerker)
    assert "verlopen" in client.get(f"/personen/{persoon.pk}/").content.decode()


def test_another_team_cannot_see_or_withdraw(client, world):
    persoon = make_persoon(world, "Pieter", "Jansen", team=world.team_noord)
    t = Toestemming.objects.create(gemeente=world.den_helder, persoon=persoon, scope="team")
    for user in (world.andere_teamlid, world.buitenstaander):
        login(client, user)
        assert client.get(f"/personen/{persoon.pk}/").status_code == 404
        assert client.post(f"/personen/{persoon.pk}/toestemming/{t.pk}/intrekken/").status_code == 404
    assert toestemming_geldig(persoon, scope="team")


def test_the_signed_form_is_downloaded_only_by_those_who_see_the_person(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    persoon = make_persoon(world, "Pieter", "Jansen", team=world.team_noord, toestemming=False,
                           regisseur=world.medewerker)
    login(client, world.medewerker)
    client.post(f"/personen/{persoon.pk}/toestemming/", {
        "scope": "team", "wijze": "schriftelijk", f"gever_{persoon.pk}": "zelf",
        "document": SimpleUploadedFile("verklaring.pdf", b"%PDF-1.4 handtekening", content_type="application/pdf"),
    })
    t = Toestemming.objects.get()
    url = f"/personen/{persoon.pk}/toestemming/{t.pk}/document/"
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 handtekening"
    assert response["Cache-Control"] == "no-store"
    assert AuditEvent.objects.filter(omschrijving="getekende verklaring gedownload", client_id=persoon.pk).exists()
    for user in (world.andere_teamlid, world.buitenstaander):
        login(client, user)
        assert client.get(url).status_code == 404
    # Never reachable as a plain file.
    assert client.get(f"/documenten/{t.document.name}").status_code == 404
