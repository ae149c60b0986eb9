"""The person search offers "Nieuwe inwoner registreren" only to who may register: the privacy officer reached the
search by its address and was offered a link that answered 403."""

from wijkregie.testing import login


def test_the_link_is_offered_only_to_who_may_register(client, world):
    login(client, world.privacyfunctionaris)
    response = client.get("/personen/")
    assert response.status_code == 200 and "/personen/nieuw/" not in response.content.decode()
    assert client.get("/personen/nieuw/").status_code == 403
    login(client, world.medewerker)
    assert '<a href="/personen/nieuw/">Nieuwe inwoner registreren</a>' in client.get("/personen/").content.decode()
