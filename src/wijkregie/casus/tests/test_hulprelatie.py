"""The team sees a household while a casus runs: closing ends it, reopening restores it, moving one casus
leaves the old team's other casus alone."""

from wijkregie.casus.services import casus_move, casus_open, casus_transition
from wijkregie.inwoners.selectors import personen_visible_to
from wijkregie.testing import make_persoon


def test_closing_a_casus_ends_the_sight_and_reopening_restores_it(world):
    persoon = make_persoon(world, "Pieter", "Jansen")
    casus = casus_open(actor=world.bureaudienst, team=world.team_noord, hoofdpersoon=persoon)
    assert persoon in personen_visible_to(world.collega)
    casus_transition(actor=world.medewerker, casus=casus, naar="afgesloten", reden="doelen bereikt")
    assert persoon not in personen_visible_to(world.collega)
    casus_transition(actor=world.medewerker, casus=casus, naar="vraagverheldering", reden="terugval")
    assert persoon in personen_visible_to(world.collega)


def test_moving_one_casus_keeps_the_other(world):
    persoon = make_persoon(world, "Pieter", "Jansen")
    eerste = casus_open(actor=world.bureaudienst, team=world.team_noord, hoofdpersoon=persoon)
    casus_open(actor=world.bureaudienst, team=world.team_noord, hoofdpersoon=persoon)
    casus_move(actor=world.bureaudienst, casus=eerste, team=world.team_zuid, medewerker=None, reden="verhuisd")
    assert persoon in personen_visible_to(world.collega)  # the second casus still runs in team Noord
    assert persoon in personen_visible_to(world.andere_teamlid)


def test_a_transition_outside_the_table_is_refused(world):
    import pytest
    from django.core.exceptions import ValidationError

    casus = casus_open(actor=world.bureaudienst, team=world.team_noord)
    with pytest.raises(ValidationError, match="kan niet van"):
        casus_transition(actor=world.medewerker, casus=casus, naar="afgeschaald")
