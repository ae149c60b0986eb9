"""Responses to a logged-in user are never stored by a browser or proxy (Cache-Control: no-store)."""

from wijkregie.testing import login


def test_it_forbids_storing_pages_for_a_logged_in_user(client, world):
    login(client, world.medewerker)
    for url in ("/", "/wijken/", f"/wijken/{world.noord.slug}/", "/bestaat-niet/", "/audit/"):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url

