import pytest

from wijkregie.casus.services import casus_open
from wijkregie.testing import make_getekend_plan, make_persoon


@pytest.fixture
def casus(world):
    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    return casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                      huishouden=persoon.lidmaatschappen.first().huishouden, hoofdpersoon=persoon)


@pytest.fixture
def getekend(world, casus):
    """The casus with a signed plan (one goal, one Wmo maatwerk line): it is in uitvoering."""
    plan = make_getekend_plan(world, casus)
    casus.refresh_from_db()
    return plan
