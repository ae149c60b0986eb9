"""A search refused as too general (a gemeente-wide role typing one surname) says why once, at the field, on the
page and in the live results: not also "nobody found", which would send the bureaudienst off to register a
resident who may well exist."""

from wijkregie.testing import login, make_persoon


def test_a_refused_search_says_why_at_the_field_and_not_that_nobody_was_found(client, world):
    make_persoon(world, "Karin", "Jansen")
    login(client, world.bureaudienst)
    pagina = client.post("/personen/", {"q": "Jansen"}).content.decode()
    assert pagina.count("Zoek specifieker") == 1
    assert 'id="q-fout"' in pagina and 'aria-invalid="true"' in pagina
    assert "Niemand gevonden" not in pagina
    assert 'value="Jansen"' in pagina  # what was typed stays

    live = client.post("/personen/", {"q": "Jansen"}, headers={"HX-Request": "true"}).content.decode()
    assert live.count("Zoek specifieker") == 1
    assert "Niemand gevonden" not in live


def test_a_search_that_finds_nobody_says_so(client, world):
    login(client, world.bureaudienst)
    pagina = client.post("/personen/", {"q": "Wietske Zonderdossier"}).content.decode()
    assert "Niemand gevonden" in pagina
    assert "Zoek specifieker" not in pagina
