from wijkregie.testing import login


def test_it_finds_provisions_by_every_word(client, world):
    login(client, world.medewerker)
    content = client.get("/sociale-kaart/", {"q": "geldzorgen wering"}).content.decode()
    assert world.voorziening_vrij.naam in content
    assert world.voorziening_maatwerk.naam not in content
    assert "1 voorziening gevonden" in content


def test_it_filters_on_access_and_wijk(client, world):
    login(client, world.medewerker)
    content = client.get("/sociale-kaart/", {"toegang": "maatwerk"}).content.decode()
    assert world.voorziening_maatwerk.naam in content and world.voorziening_vrij.naam not in content
    # A provision for the whole gemeente is found in every wijk; one for Julianadorp not in Nieuw Den Helder.
    content = client.get("/sociale-kaart/", {"wijk": world.noord.pk}).content.decode()
    assert world.voorziening_vrij.naam in content and world.voorziening_maatwerk.naam not in content


def test_it_never_shows_another_gemeentes_map(client, world):
    login(client, world.medewerker)
    content = client.get("/sociale-kaart/", {"q": "Voorbeeld"}).content.decode()
    assert world.voorziening_elders.naam not in content
    assert "0 voorzieningen gevonden" in content


def test_it_answers_htmx_with_only_the_results(client, world):
    login(client, world.medewerker)
    response = client.get("/sociale-kaart/", {"q": "huishouden"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content
    assert world.voorziening_maatwerk.naam in content


def test_a_bad_filter_value_is_ignored_not_an_error(client, world):
    login(client, world.medewerker)
    response = client.get("/sociale-kaart/", {"wijk": "999999", "toegang": "onzin"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
