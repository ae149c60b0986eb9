"""The members of a casus' household as a page shows them (issue 17): one query gives the members the
user may see with their relation, the same answer as asking the policy for each member
(casus_leden_visible_to) and the household's memberships for their relation (gezinsleden)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkregie.casus.models import Casus, Toestemming
from wijkregie.inwoners.models import Lidmaatschap
from wijkregie.plan import selectors
from wijkregie.testing import make_persoon

from .huishouden import voeg_gezin_toe

PERSONAS = ("medewerker", "collega", "andere_teamlid", "buitenstaander", "backoffice", "bureaudienst", "kcc",
            "gedragswetenschapper", "privacyfunctionaris", "beleidsmedewerker", "beheerder")


def _casus(world, *, toestemming: bool):
    persoon = make_persoon(world, "Pieter", "Jansen", team=world.team_noord, regisseur=world.medewerker,
                           toestemming=toestemming)
    casus = Casus.objects.get(hoofdpersoon=persoon)
    leden = voeg_gezin_toe(world, casus)
    if toestemming:
        for lid in leden[1:]:
            Toestemming.objects.create(gemeente=world.den_helder, persoon=lid, scope="team")
    return casus, leden


def _zoals_voorheen(user, casus):
    leden = selectors.gezinsleden(casus, selectors.casus_leden_visible_to(user, casus))
    return [(lid.pk, lid.relatie) for lid in leden]


def test_it_gives_every_persona_the_members_the_policy_gives_it(world):
    for toestemming in (True, False):
        casus, _leden = _casus(world, toestemming=toestemming)
        for naam in PERSONAS:
            user = getattr(world, naam)
            nu = [(lid.pk, lid.relatie) for lid in selectors.gezinsleden_visible_to(user, casus)]
            assert nu == _zoals_voorheen(user, casus), (naam, toestemming)


def test_it_names_each_members_relation_and_the_hoofdpersoon_first(world):
    casus, (pieter, sara, tim) = _casus(world, toestemming=True)
    leden = selectors.gezinsleden_visible_to(world.medewerker, casus)
    assert [(lid.pk, lid.relatie) for lid in leden] == [(pieter.pk, "Hoofdbewoner"), (sara.pk, "Partner"),
                                                        (tim.pk, "Kind")]


def test_it_leaves_out_who_left_the_household(world):
    casus, (_pieter, sara, _tim) = _casus(world, toestemming=True)
    Lidmaatschap.objects.filter(persoon=sara).update(tot=datetime.date(2000, 1, 1))
    assert sara.pk not in {lid.pk for lid in selectors.gezinsleden_visible_to(world.medewerker, casus)}
    assert _zoals_voorheen(world.medewerker, casus) == [
        (lid.pk, lid.relatie) for lid in selectors.gezinsleden_visible_to(world.medewerker, casus)]


def test_it_reads_them_in_one_query_once_the_casus_is_known(world):
    casus, leden = _casus(world, toestemming=True)
    selectors.gezinsleden_visible_to(world.medewerker, casus)  # the user's relations with the casus, per request
    with CaptureQueriesContext(connection) as ctx:
        assert len(selectors.gezinsleden_visible_to(world.medewerker, casus)) == len(leden)
    assert len(ctx.captured_queries) == 1
