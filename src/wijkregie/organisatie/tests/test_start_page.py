from wijkregie.testing import login


def test_a_medewerker_sees_team_mandaat_and_the_sociale_kaart(client, world):
    login(client, world.medewerker)
    content = client.get("/").content.decode()
    assert "Goedendag, Sanne" in content
    assert "Team Noord" in content and "32 uur per week" in content
    assert "Mijn mandaat" in content and "Wmo 2015" in content
    assert "Sociale kaart" in content
    assert "Gemeente in cijfers" not in content and "Naar beheer" not in content


def test_a_policy_officer_sees_aggregates(client, world):
    login(client, world.beleidsmedewerker)
    content = client.get("/").content.decode()
    assert "Gemeente in cijfers" in content and "27.210" in content


def test_the_privacy_officer_and_functional_admin_get_their_tools(client, world):
    login(client, world.privacyfunctionaris)
    assert "Naar het auditlog" in client.get("/").content.decode()
    login(client, world.beheerder)
    assert "Naar beheer" in client.get("/").content.decode()


def test_a_user_without_gemeente_sees_no_municipal_data(client, world):
    from wijkregie.organisatie.models import Medewerker

    tech = Medewerker.objects.create_superuser("tech", password="een-lang-wachtwoord-123")
    login(client, tech)
    content = client.get("/").content.decode()
    assert "Geen gemeente gekoppeld" in content
    assert client.get("/wijken/").content.decode().count("Nieuw Den Helder") == 0
