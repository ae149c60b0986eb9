"""Lockout per address across usernames: one password tried on many accounts is stopped too."""

from wijkregie.core.models import AuditEvent
from wijkregie.core.views import IP_FAILURE_LIMIT_DEFAULT
from wijkregie.testing import TEST_WACHTWOORD, totp_device


def test_many_usernames_from_one_address_lock_that_address(client, world):
    totp_device(world.medewerker)
    for i in range(IP_FAILURE_LIMIT_DEFAULT):
        # Each username stays below axes' limit of five per username.
        client.post("/inloggen/", {"username": f"gok{i}", "password": "Welkom01!"}, REMOTE_ADDR="203.0.113.9")
    response = client.post("/inloggen/", {"username": "medewerker", "password": TEST_WACHTWOORD},
                           REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429 and "Tijdelijk geblokkeerd" in response.content.decode()
    assert AuditEvent.objects.filter(omschrijving__startswith="inloggen geblokkeerd", resultaat="geweigerd").exists()
    # Colleagues elsewhere are not locked out.
    response = client.post("/inloggen/", {"username": "medewerker", "password": TEST_WACHTWOORD},
                           REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302


def test_a_few_typing_errors_at_a_location_lock_nobody_out(client, world):
    totp_device(world.medewerker)
    for naam in ("collega", "zuid", "kcc"):
        client.post("/inloggen/", {"username": naam, "password": "fout"}, REMOTE_ADDR="203.0.113.9")
    response = client.post("/inloggen/", {"username": "medewerker", "password": TEST_WACHTWOORD},
                           REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
