from wijkregie.core.models import AuditEvent
from wijkregie.testing import TEST_WACHTWOORD, totp_device


def test_it_shows_a_dutch_login_page(client, db):
    response = client.get("/inloggen/")
    content = response.content.decode()
    assert response.status_code == 200
    assert 'lang="nl"' in content and "Gebruikersnaam" in content and "Wachtwoord" in content


def test_a_wrong_password_gets_a_dutch_error_and_keeps_the_username(client, world):
    response = client.post("/inloggen/", {"username": "medewerker", "password": "fout"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet" in content
    assert 'value="medewerker"' in content
    event = AuditEvent.objects.get(resultaat="mislukt")
    # Attributed to the account's gemeente, so that its privacy officer sees attempts on it.
    assert event.gemeente_id == world.den_helder.pk and "medewerker" in event.omschrijving


def test_it_logs_in_and_asks_for_the_second_step(client, world):
    totp_device(world.medewerker)  # activated (core/tests/test_account_activatie.py)
    response = client.post("/inloggen/", {"username": "medewerker", "password": TEST_WACHTWOORD})
    assert response.status_code == 302
    assert client.get("/").url == "/inloggen/tweestaps/"
    assert AuditEvent.objects.filter(actor="medewerker", omschrijving="ingelogd").exists()


def test_it_locks_out_after_five_failures(client, world):
    totp_device(world.medewerker)
    for _ in range(5):
        client.post("/inloggen/", {"username": "medewerker", "password": "fout"})
    response = client.post("/inloggen/", {"username": "medewerker", "password": TEST_WACHTWOORD})
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()


def test_logout_is_a_post_and_ends_the_session(client, world):
    from wijkregie.testing import login

    login(client, world.medewerker)
    assert client.get("/uitloggen/").status_code == 405
    response = client.post("/uitloggen/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302
