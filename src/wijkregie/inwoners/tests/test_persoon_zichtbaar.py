"""A resident named by key (a form's hidden field, ?persoon=N) is found by one kept statement
(inwoners.selectors.persoon_zichtbaar): the same resident, or none, as the visible queryset, for every persona
and kind of data; a text that is not a key finds nobody."""

import pytest

from wijkregie.inwoners.selectors import personen_visible_to, persoon_zichtbaar
from wijkregie.organisatie.toegangsbeleid import Gegevens
from wijkregie.testing import make_persoon

PERSONAS = ("medewerker", "collega", "andere_teamlid", "bureaudienst", "kcc", "gedragswetenschapper", "backoffice",
            "beleidsmedewerker", "buitenstaander")


@pytest.fixture
def personen(world):
    return [
        make_persoon(world, "Anna", "Met", team=world.team_noord, regisseur=world.medewerker),
        make_persoon(world, "Bert", "Zonder", team=world.team_noord, toestemming=False),
        make_persoon(world, "Cor", "Elders", team=world.team_dorp, gemeente=world.voorbeeld),
    ]


def test_it_answers_as_the_visible_queryset(world, personen):
    getoond, verborgen = set(), set()
    for persona in PERSONAS:
        user = getattr(world, persona)
        for persoon in personen:
            for soort in Gegevens:
                verwacht = personen_visible_to(user, soort).filter(pk=persoon.pk).first()
                # As a form gives it (a text); a number, once per persona and resident.
                gevonden = persoon_zichtbaar(user, str(persoon.pk), soort)
                assert gevonden == verwacht, (persona, persoon, soort)
                if soort == Gegevens.IDENTITEIT:
                    assert persoon_zichtbaar(user, persoon.pk, soort) == verwacht, (persona, persoon)
                (verborgen if verwacht is None else getoond).add((persona, persoon.pk))
                if verwacht is not None:
                    # Read whole, with its wijk: what the form shows and the aanmelding is saved with.
                    assert (gevonden.bsn, gevonden.geboortedatum, gevonden.wijk) == (
                        verwacht.bsn, verwacht.geboortedatum, verwacht.wijk)
    # The fixture shows each resident to some personas and hides them from others: both sides were compared.
    assert {pk for _p, pk in getoond} == {pk for _p, pk in verborgen} == {p.pk for p in personen}


@pytest.mark.parametrize("sleutel", ["", " 1", "1_0", "\u0663", "-1", "1.0", "x", None, "9" * 30])
def test_a_text_that_is_not_a_key_finds_nobody(world, personen, sleutel):
    assert persoon_zichtbaar(world.bureaudienst, sleutel) is None


def test_a_key_of_nobody_finds_nobody(world, personen):
    assert persoon_zichtbaar(world.bureaudienst, max(p.pk for p in personen) + 1000) is None
