"""The start page's one statement is kept per shape of the access policy's inputs on PostgreSQL (the gemeente,
roles, number of teams, which id lists hold ids), the user, teams and ids filled in at each use: a colleague's
first start page in a server process fills in the statement another compiled (issue 17). Each still sees only
their own lists; on SQLite, where an id list's length shapes the statement, it stays one statement per user.
(The tests' GECOMPILEERD_CONTROLE also builds every filled-in statement from the user itself and compares.)"""

from collections import OrderedDict

from django.db import connection

from wijkregie.core import querying
from wijkregie.testing import login, make_persoon


def test_colleagues_of_one_shape_share_the_statement_and_see_their_own_lists(client, world, monkeypatch):
    make_persoon(world, "Anna", "Eerste", team=world.team_noord, regisseur=world.medewerker)
    make_persoon(world, "Bram", "Tweede", team=world.team_noord, regisseur=world.collega)
    bewaard: OrderedDict = OrderedDict()
    monkeypatch.setattr(querying, "_eerste_rijen", bewaard)
    login(client, world.medewerker)
    sanne = client.get("/").content.decode()
    login(client, world.collega)
    collega = client.get("/").content.decode()
    # The contact line offers the casussen whose regie the user holds: the user's pk, filled in.
    assert ">Anna Eerste</option>" in sanne and ">Bram Tweede</option>" not in sanne
    assert ">Bram Tweede</option>" in collega and ">Anna Eerste</option>" not in collega
    werkvoorraad = [k for k in bewaard if "regie.werkvoorraad" in k]
    assert len(werkvoorraad) == (1 if connection.vendor == "postgresql" else 2)
    # The shared statement's key is the shape: gemeente, roles, number of teams, which id lists hold ids; the
    # names of the values filled in follow it. No user, team or id.
    if connection.vendor == "postgresql":
        sleutel = werkvoorraad[0]
        i = sleutel.index("vorm")
        assert sleutel[i + 1:i + 5] == (world.den_helder.pk, ("medewerker",), 1, ("relatie_team_toestemming",))
        assert sleutel[i + 5:] == ("invullen", "gebruiker", "relatie_team_toestemming", "team_0")


def test_a_colleague_of_another_team_fills_in_their_own_team(client, world, monkeypatch):
    make_persoon(world, "Anna", "Eerste", team=world.team_noord, regisseur=world.medewerker)
    make_persoon(world, "Zeger", "Zuid", team=world.team_zuid, regisseur=world.andere_teamlid)
    monkeypatch.setattr(querying, "_eerste_rijen", OrderedDict())
    login(client, world.medewerker)
    assert ">Anna Eerste</option>" in client.get("/").content.decode()
    login(client, world.andere_teamlid)
    zuid = client.get("/").content.decode()
    assert ">Zeger Zuid</option>" in zuid and "Anna Eerste" not in zuid
