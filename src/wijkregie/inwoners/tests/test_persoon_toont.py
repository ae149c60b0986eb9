"""What a user may see of one resident is read once per request (inwoners.selectors.persoon_toont), and
is the policy's own answer: the same as asking the visible queryset, for every persona and kind."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkregie.inwoners.selectors import personen_visible_to, persoon_toont
from wijkregie.organisatie.toegangsbeleid import Gegevens
from wijkregie.testing import make_persoon

PERSONAS = ("medewerker", "collega", "andere_teamlid", "bureaudienst", "kcc", "gedragswetenschapper", "backoffice",
            "beleidsmedewerker", "privacyfunctionaris", "buitenstaander")


def test_it_answers_as_the_visible_queryset(world):
    personen = [make_persoon(world, "Anna", "Met", team=world.team_noord, regisseur=world.medewerker),
                make_persoon(world, "Bert", "Zonder", team=world.team_noord, toestemming=False),
                make_persoon(world, "Cor", "Nergens"),
                make_persoon(world, "Dirk", "Elders", team=world.team_dorp, gemeente=world.voorbeeld)]
    for persona in PERSONAS:
        user = getattr(world, persona)
        for persoon in personen:
            for soort in Gegevens:
                verwacht = personen_visible_to(user, soort).filter(pk=persoon.pk).exists()
                assert persoon_toont(user, persoon, soort) == verwacht, (persona, persoon, soort)


def test_it_reads_a_resident_once_per_user_object(world):
    anna = make_persoon(world, "Anna", "Met", team=world.team_noord, regisseur=world.medewerker)
    persoon_toont(world.medewerker, anna, Gegevens.IDENTITEIT)
    with CaptureQueriesContext(connection) as ctx:
        assert all(persoon_toont(world.medewerker, anna, soort) for soort in (Gegevens.CONTACT, Gegevens.PLAN))
    assert len(ctx.captured_queries) == 0
