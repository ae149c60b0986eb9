"""A name of two words or more names one person: two of its kernwoorden must each be found. A mistyped
tussenvoegsel is no kernwoord (it is found in every 'van' or 'van der'), a short surname is."""

import pytest

from wijkregie.inwoners.search import kernwoorden
from wijkregie.inwoners.selectors import personen_zoeken
from wijkregie.testing import make_persoon


@pytest.mark.parametrize(("naam", "kern"), [
    ("amira vaa ham", ["amira", "ham"]),
    ("hanna vanider heijden", ["heijden", "hanna"]),
    ("nienke vanrder sande", ["nienke", "sande"]),  # 'sande' shares half its trigrams with 'vande'
    ("jan de vos", ["jan", "vos"]),  # 'vos' is found in 'von', and is a name
    ("jelle van hem", ["jelle", "hem"]),
    ("pieter var engels", ["pieter", "engels"]),
])
def test_kernwoorden(naam, kern):
    assert kernwoorden(naam) == kern


@pytest.fixture
def inwoners(world):
    for voornaam, tussenvoegsel, achternaam in [
        ("Hanna", "van der", "Heijden"), ("Piet", "van der", "Heijden"), ("Hanna", "de", "Vries"),
        ("Amira", "van", "Ham"), ("Karel", "van", "Ham"), ("Jan", "de", "Vos"), ("Jan", "de", "Vries"),
    ]:
        make_persoon(world, voornaam, achternaam, tussenvoegsel=tussenvoegsel, team=world.team_noord)


def _namen(user, zoek):
    return [p.naam for p in personen_zoeken(user, zoek)]


def test_both_names_must_be_found(world, inwoners):
    assert _namen(world.bureaudienst, "Hanna van der Heijden") == ["Hanna van der Heijden"]
    assert _namen(world.bureaudienst, "Jan de Vos") == ["Jan de Vos"]


def test_a_mistyped_tussenvoegsel_does_not_stand_in_for_a_name(world, inwoners):
    # 'vanider' is found in every 'van der': with it as a kernwoord every Van der Heijden was shown.
    assert _namen(world.bureaudienst, "Hanna vanider Heijden") == ["Hanna van der Heijden"]
    assert _namen(world.bureaudienst, "Amira vaa Ham") == ["Amira van Ham"]
