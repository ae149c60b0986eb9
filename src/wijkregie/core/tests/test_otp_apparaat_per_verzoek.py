"""The session's TOTP device is read by a statement built once per process, the device's id filled in
(core.middleware.OTPMiddleware, issue 17). django-otp's rules still hold: the device must be the user's own and
confirmed, and a device removed (a reset second factor) ends the verification at the next request."""

import pytest
from django.test import override_settings
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkregie.testing import login, totp_device


@pytest.fixture
def tweestaps(settings):
    settings.REQUIRE_2FA = True


def test_a_verified_session_reaches_the_start_page_without_djangos_device_query(client, world, tweestaps,
                                                                                  monkeypatch, gebouwd):
    login(client, world.medewerker)
    monkeypatch.setattr(Device, "from_persistent_id",
                        classmethod(lambda *a, **k: pytest.fail("the device was read by django-otp's query")))
    for _ in range(2):
        antwoord = client.get("/")
        assert antwoord.status_code == 200
        assert antwoord.wsgi_request.user.otp_device == totp_device(world.medewerker)
    assert gebouwd.count(1) >= 1


def test_a_removed_device_ends_the_verification(client, world, tweestaps):
    login(client, world.medewerker)
    assert client.get("/").status_code == 200
    TOTPDevice.objects.filter(user=world.medewerker).delete()
    assert client.get("/").url.endswith("/inloggen/tweestaps/")


def test_an_unconfirmed_device_does_not_verify(client, world, tweestaps):
    login(client, world.medewerker)
    TOTPDevice.objects.filter(user=world.medewerker).update(confirmed=False)
    assert client.get("/").url.endswith("/inloggen/tweestaps/")


def test_another_users_device_does_not_verify(client, world, tweestaps):
    login(client, world.medewerker)
    session = client.session
    session["otp_device_id"] = totp_device(world.collega).persistent_id
    session.save()
    assert client.get("/").url.endswith("/inloggen/tweestaps/")


@override_settings(GECOMPILEERD_CONTROLE=True)
def test_each_session_gets_its_own_device(client, world, tweestaps):
    """With the tests' guard, the kept statement filled in is compared with one built from the id itself."""
    from django.test import Client

    login(client, world.medewerker)
    ander = login(Client(), world.collega)
    assert client.get("/").wsgi_request.user.otp_device.user_id == world.medewerker.pk
    assert ander.get("/").wsgi_request.user.otp_device.user_id == world.collega.pk
