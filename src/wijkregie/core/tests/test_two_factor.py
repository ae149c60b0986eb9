from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkregie.core.models import AuditEvent
from wijkregie.testing import totp_code, totp_device


def test_every_page_waits_for_the_second_step(client, world):
    client.force_login(world.medewerker)
    for url in ["/", "/wijken/", "/sociale-kaart/", f"/teams/{world.team_noord.slug}/"]:
        response = client.get(url)
        assert response.status_code == 302 and response.url == "/inloggen/tweestaps/", url


def test_an_account_without_an_authenticator_is_sent_to_its_activation_link_not_offered_one(client, world):
    # Enrolment is the activation page's alone (core/accounts.py): here no QR code, no key, no device.
    client.force_login(world.medewerker)
    content = client.get("/inloggen/tweestaps/").content.decode()
    assert "nog niet geactiveerd" in content
    assert "data:image/svg+xml;base64," not in content and "Sleutel:" not in content
    assert not TOTPDevice.objects.filter(user=world.medewerker).exists()


def test_a_wrong_code_gets_a_dutch_error(client, world):
    totp_device(world.medewerker)
    client.force_login(world.medewerker)
    response = client.post("/inloggen/tweestaps/", {"code": "000000"})
    assert "Deze code klopt niet" in response.content.decode()
    response = client.post("/inloggen/tweestaps/", {"code": "12ab"})
    assert "Vul de zes cijfers in" in response.content.decode()
    assert client.get("/").status_code == 302


def test_the_right_code_opens_the_pages(client, world):
    device = totp_device(world.medewerker)
    client.force_login(world.medewerker)
    response = client.post("/inloggen/tweestaps/", {"code": totp_code(device)})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(actor="medewerker", omschrijving="tweede stap gelukt").exists()


def test_demo_mode_does_not_ask_for_it(client, world, settings):
    settings.REQUIRE_2FA = False
    client.force_login(world.medewerker)
    assert client.get("/").status_code == 200


def test_the_second_step_page_shows_no_menu_that_leads_nowhere(client, world):
    totp_device(world.medewerker)
    client.force_login(world.medewerker)
    content = client.get("/inloggen/tweestaps/").content.decode()
    assert 'aria-label="Hoofdmenu"' not in content


def test_after_the_second_step_it_never_redirects_to_another_site(client, world):
    device = totp_device(world.medewerker)
    client.force_login(world.medewerker)
    response = client.post("/inloggen/tweestaps/?next=https://evil.example/x", {"code": totp_code(device)})
    assert response.status_code == 302 and response.url == "/"


def test_a_wrong_code_is_audited(client, world):
    totp_device(world.medewerker)
    client.force_login(world.medewerker)
    client.post("/inloggen/tweestaps/", {"code": "000000"})
    assert AuditEvent.objects.filter(omschrijving="tweede stap mislukt", resultaat="mislukt").count() == 1
