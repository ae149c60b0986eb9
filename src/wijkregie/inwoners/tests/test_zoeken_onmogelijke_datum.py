"""A birth date that does not exist ('31-02-2020') is a mistake to point out at the field, with what was typed
kept: answering "nobody found" sends the medewerker off to register a resident who may well exist."""

import datetime

from wijkregie.testing import login, make_persoon


def test_an_impossible_birth_date_is_an_error_at_the_field_and_not_nobody_found(client, world):
    make_persoon(world, "Pieter", "Jansen", team=world.team_noord, geboortedatum=datetime.date(2020, 2, 28))
    login(client, world.medewerker)
    pagina = client.post("/personen/", {"q": "Jansen 31-02-2020"}).content.decode()
    assert pagina.count("Deze datum bestaat niet") == 1
    assert "31-02-2020" in pagina.split('id="q-fout"')[1].split("</p>")[0]  # the error names the date
    assert 'id="q-fout"' in pagina and 'aria-invalid="true"' in pagina
    assert "Niemand gevonden" not in pagina
    assert 'value="Jansen 31-02-2020"' in pagina  # what was typed stays

    live = client.post("/personen/", {"q": "31-02-2020"}, headers={"HX-Request": "true"}).content.decode()
    assert live.count("Deze datum bestaat niet") == 1
    assert "Niemand gevonden" not in live


def test_the_date_error_comes_before_too_general_for_a_gemeente_wide_role(client, world):
    login(client, world.bureaudienst)
    pagina = client.post("/personen/", {"q": "31-02-2020"}).content.decode()
    assert "Deze datum bestaat niet" in pagina
    assert "Zoek specifieker" not in pagina


def test_a_possible_date_still_searches(client, world):
    make_persoon(world, "Pieter", "Jansen", team=world.team_noord, geboortedatum=datetime.date(2020, 2, 29))
    login(client, world.medewerker)
    pagina = client.post("/personen/", {"q": "Jansen 29-02-2020"}).content.decode()
    assert "Deze datum bestaat niet" not in pagina
    assert "Pieter Jansen" in pagina
