"""Demo mode keeps its quick logins: the demo password opens a demo account at once."""

from wijkregie.organisatie.models import Medewerker
from wijkregie.testing import TEST_WACHTWOORD, login


def test_demo_accounts_log_in_with_the_password_alone(client, world, settings):
    settings.REQUIRE_2FA = False
    response = client.post("/inloggen/", {"username": "collega", "password": TEST_WACHTWOORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_in_demo_mode_the_beheerder_still_gives_a_first_password(client, world, settings):
    settings.REQUIRE_2FA = False
    login(client, world.beheerder)
    assert 'name="wachtwoord"' in client.get("/beheer/medewerkers/nieuw/").content.decode()
    response = client.post("/beheer/medewerkers/nieuw/", {
        "username": "demo2", "first_name": "D", "last_name": "Emo", "rollen": ["medewerker"], "is_active": "on",
        "wachtwoord": "demo-wijkregie-lang",
    })
    assert response.status_code == 302
    assert Medewerker.objects.get(username="demo2").check_password("demo-wijkregie-lang")
