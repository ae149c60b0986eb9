from wijkregie.testing import login


def test_dutch_is_the_default_whatever_the_browser_prefers(client, world):
    login(client, world.medewerker)
    response = client.get("/wijken/", headers={"accept-language": "en-GB,en;q=0.9"})
    content = response.content.decode()
    assert 'lang="nl"' in content and "Wijken" in content and "12.508" in content


def test_english_can_be_chosen_in_the_page(client, world):
    login(client, world.medewerker)
    response = client.post("/taal/", {"language": "en", "next": "/wijken/"})
    assert response.status_code == 302
    content = client.get("/wijken/").content.decode()
    assert 'lang="en"' in content
    assert "Neighbourhoods" in content and "12,508" in content
    assert "Per 1.000 inwoners" not in content


def test_the_login_page_offers_the_choice_before_logging_in(client, db):
    client.post("/taal/", {"language": "en", "next": "/inloggen/"})
    content = client.get("/inloggen/").content.decode()
    assert "Log in" in content and "Gebruikersnaam" not in content
