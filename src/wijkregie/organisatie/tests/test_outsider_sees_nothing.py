"""The outsider (a user of another gemeente, with every role) gets nothing of Den Helder on any page."""

import pytest

from wijkregie.testing import login


def _detail_urls(world):
    return [
        f"/wijken/{world.noord.slug}/",
        f"/teams/{world.team_noord.slug}/",
        f"/sociale-kaart/{world.voorziening_vrij.pk}/",
        f"/beheer/wijken/{world.noord.pk}/",
        f"/beheer/teams/{world.team_noord.pk}/",
        f"/beheer/medewerkers/{world.medewerker.pk}/",
        f"/beheer/voorzieningen/{world.voorziening_vrij.pk}/",
        f"/beheer/organisaties/{world.wering.pk}/",
        f"/beheer/mandaten/{world.medewerker.mandaten.first().pk}/",
    ]


LIST_URLS = [
    "/", "/wijken/", "/teams/", "/sociale-kaart/", "/sociale-kaart/?q=werk", "/mandaten/", "/audit/", "/beheer/",
    "/beheer/wijken/", "/beheer/locaties/", "/beheer/fasen/", "/beheer/teams/", "/beheer/teamleden/",
    "/beheer/medewerkers/", "/beheer/organisaties/", "/beheer/voorzieningen/", "/beheer/mandaten/",
]


def test_it_answers_404_for_every_den_helder_object(client, world):
    login(client, world.buitenstaander)
    for url in _detail_urls(world):
        assert client.get(url).status_code == 404, url


def test_it_shows_no_den_helder_data_on_any_list(client, world):
    login(client, world.buitenstaander)
    secrets = [
        world.noord.naam, world.zuid.naam, world.team_noord.naam, world.wering.naam, world.voorziening_vrij.naam,
        world.medewerker.last_name, world.collega.first_name, "12.508", "12,508", "MB-1", "MB-2",
    ]
    for url in LIST_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        for secret in secrets:
            assert secret not in content, (url, secret)


def test_it_sees_its_own_gemeente(client, world):
    login(client, world.buitenstaander)
    assert world.dorp.naam in client.get("/wijken/").content.decode()
    assert client.get(f"/wijken/{world.dorp.slug}/").status_code == 200


def test_it_cannot_write_into_den_helder_through_a_form(client, world):
    """Posting a Den Helder wijk as the team's wijk is refused: the choice is not among the options."""
    login(client, world.buitenstaander)
    response = client.post("/beheer/teams/nieuw/", {"naam": "Kaping", "slug": "kaping", "wijken": [world.noord.pk]})
    assert response.status_code == 200
    assert "wijken" in response.context["form"].errors
    from wijkregie.organisatie.models import Team

    assert not Team.objects.filter(slug="kaping").exists()


@pytest.mark.parametrize("url", ["/", "/wijken/", "/teams/", "/sociale-kaart/", "/mandaten/", "/beheer/", "/audit/"])
def test_anonymous_users_are_sent_to_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
