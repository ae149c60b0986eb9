import pytest

from wijkregie.casus.services import casus_open
from wijkregie.testing import make_persoon


@pytest.fixture
def casus(world):
    """An allocated casus of team Noord for the Jansen household, with Sanne as medewerker."""
    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    huishouden = persoon.lidmaatschappen.first().huishouden
    return casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                      huishouden=huishouden, hoofdpersoon=persoon)
