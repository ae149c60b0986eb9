"""A search by name on PostgreSQL is one statement kept per process for what the user's visible residents are built
from, the number of the name's words and the other terms' kinds; the name, its words and the terms are filled in at
each search (issue 17: compiling the access policy's conditions into every search was a third of its Python time).
It finds exactly what the search built anew finds; a colleague of another team still finds nobody of ours; SQLite
keeps nothing. (The tests' GECOMPILEERD_CONTROLE also builds every filled-in statement from the values and compares.)"""

import datetime
from collections import OrderedDict

import pytest
from django.db import connection

from wijkregie.core import querying
from wijkregie.inwoners import selectors
from wijkregie.inwoners.search import naam_zoeken
from wijkregie.inwoners.selectors import personen_visible_to, personen_zoeken
from wijkregie.testing import make_persoon


@pytest.fixture
def bewaard(monkeypatch) -> OrderedDict:
    kept: OrderedDict = OrderedDict()
    monkeypatch.setattr(querying, "_eerste_rijen", kept)
    return kept


@pytest.fixture
def inwoners(world):
    make_persoon(world, "Pieter", "Jansen", team=world.team_noord, geboortedatum=datetime.date(1980, 3, 12),
                 bsn="999900006", postcode="1784 AB")
    make_persoon(world, "Petra", "Jansen", team=world.team_noord, geboortedatum=datetime.date(1982, 5, 1))
    make_persoon(world, "Pieter", "de Vries", team=world.team_noord)
    make_persoon(world, "Karin", "Jansma", team=world.team_zuid)


def _zoekers(bewaard):
    return [k for k in bewaard if "inwoners.zoeken" in k]


@pytest.mark.parametrize("zoek", ["jansen", "pieter jansen", "Pieter Jnsen", "jansen 12-03-1980", "jansen 1784AB",
                                  "jansen 999900006", "pieter de vries", "jansma"])
def test_it_finds_what_the_search_built_anew_finds(world, inwoners, bewaard, zoek):
    gevonden = [p.pk for p in personen_zoeken(world.medewerker, zoek)]
    # The same search without a kept statement: the visible residents, the terms as filters, the name searched.
    selectors_filters = {"jansen 12-03-1980": {"geboortedatum": datetime.date(1980, 3, 12)},
                         "jansen 1784AB": {"postcode__startswith": "1784 AB"},
                         "jansen 999900006": {"bsn": "999900006"}}.get(zoek, {})
    naam = selectors.zoeknaam(*[w for w in zoek.split() if not w[0].isdigit()])
    los = naam_zoeken(personen_visible_to(world.medewerker).filter(**selectors_filters), naam, limit=25,
                      gemeente_id=world.den_helder.pk)
    assert gevonden == [p.pk for p in sorted(los, key=lambda p: (-p.gelijkenis, p.achternaam, p.voornamen, p.pk))]
    assert gevonden  # every query here finds someone
    assert len(_zoekers(bewaard)) == (1 if connection.vendor == "postgresql" else 0)


def test_other_names_fill_in_the_same_statement(world, inwoners, bewaard):
    assert [p.naam for p in personen_zoeken(world.medewerker, "pieter jansen")][0] == "Pieter Jansen"
    assert [p.naam for p in personen_zoeken(world.medewerker, "petra jansen")][0] == "Petra Jansen"
    assert [p.naam for p in personen_zoeken(world.medewerker, "pieter vries")][0] == "Pieter de Vries"
    assert personen_zoeken(world.medewerker, "henk bakker") == []
    assert len(_zoekers(bewaard)) == (1 if connection.vendor == "postgresql" else 0)
    # The result carries its similarity, as the search built anew does.
    assert personen_zoeken(world.medewerker, "pieter jansen")[0].gelijkenis == pytest.approx(1.0)


def test_a_colleague_of_another_team_fills_in_nothing_of_ours(world, inwoners, bewaard):
    assert [p.naam for p in personen_zoeken(world.medewerker, "jansen")][:2] == ["Petra Jansen", "Pieter Jansen"]
    zuid = [p.naam for p in personen_zoeken(world.andere_teamlid, "jansen")]
    assert "Pieter Jansen" not in zuid and "Petra Jansen" not in zuid and "Karin Jansma" in zuid
    assert personen_zoeken(world.buitenstaander, "jansen") == []
