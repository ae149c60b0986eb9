"""Resetting someone's two-step login is the beheerder's audited action; the person activates again."""

import re

from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkregie.core.models import Accountactivatie, AuditEvent
from wijkregie.testing import login, totp_device


def test_the_beheerder_resets_it_and_the_person_must_activate_again(client, world):
    totp_device(world.collega)
    collega = client.__class__()
    login(collega, world.collega)
    assert collega.get("/").status_code == 200

    login(client, world.beheerder)
    bewerk = client.get(f"/beheer/medewerkers/{world.collega.pk}/").content.decode()
    assert f"/beheer/medewerkers/{world.collega.pk}/tweestaps-opnieuw/" in bewerk
    bevestig = client.get(f"/beheer/medewerkers/{world.collega.pk}/tweestaps-opnieuw/")
    assert bevestig.status_code == 200 and "auditlog" in bevestig.content.decode()
    assert TOTPDevice.objects.filter(user=world.collega).exists()  # a GET changes nothing

    response = client.post(f"/beheer/medewerkers/{world.collega.pk}/tweestaps-opnieuw/")
    assert response.status_code == 200
    link = re.search(r"/account/activeren/[A-Za-z0-9_-]{20,}/", response.content.decode()).group(0)
    assert not TOTPDevice.objects.filter(user=world.collega).exists()
    event = AuditEvent.objects.get(omschrijving__startswith="tweestapsinlog opnieuw ingesteld")
    assert event.actor == "beheer" and event.object_id == str(world.collega.pk) and event.actie == "U"
    assert event.gemeente_id == world.den_helder.pk

    # The open session lost its second step; the old password alone opens nothing now.
    assert collega.get("/").url == "/inloggen/tweestaps/"
    assert "nog niet geactiveerd" in collega.get("/inloggen/tweestaps/").content.decode()
    assert client.__class__().get(link).status_code == 302


def test_an_outsider_and_a_colleague_cannot_reset_it(client, world):
    totp_device(world.collega)
    url = f"/beheer/medewerkers/{world.collega.pk}/tweestaps-opnieuw/"
    login(client, world.buitenstaander)  # a beheerder, of another gemeente
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    login(client, world.medewerker)
    assert client.post(url).status_code == 403
    assert TOTPDevice.objects.filter(user=world.collega).count() == 1
    assert not Accountactivatie.objects.exists()


def test_the_technical_administrator_bootstraps_the_first_beheerder_with_a_command(world, capsys):
    call_command("account", "activeren", "beheer")
    out = capsys.readouterr().out
    assert re.search(r"/account/activeren/[A-Za-z0-9_-]{20,}/", out)
    assert Accountactivatie.objects.filter(medewerker=world.beheerder, gebruikt_op=None).count() == 1
    assert AuditEvent.objects.filter(actor="systeem", object_id=str(world.beheerder.pk),
                                     grondslag="technisch beheer").exists()
