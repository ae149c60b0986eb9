"""Person search: typo-tolerant on name, exact on BSN, birth date and postcode; only what the user may see."""

import datetime

import pytest

from wijkregie.inwoners.selectors import personen_zoeken
from wijkregie.testing import make_persoon


@pytest.fixture
def inwoners(world):
    return {
        "jansen": make_persoon(
            world,
            "Pieter",
            "Jansen",
            team=world.team_noord,
            geboortedatum=datetime.date(1980, 3, 12),
            bsn="999900006",
            postcode="1784 AB",
        ),
        "celik": make_persoon(world, "Ayşe", "Çelik", team=world.team_noord, geboortedatum=datetime.date(1975, 1, 2)),
        "zuid": make_persoon(world, "Karin", "Jansma", team=world.team_zuid),
        "elders": make_persoon(world, "Jan", "Jansen", gemeente=world.voorbeeld, team=world.team_dorp),
    }


def _namen(resultaat):
    return [p.naam for p in resultaat]


def test_it_tolerates_a_typo_in_the_name(world, inwoners):
    assert "Pieter Jansen" in _namen(personen_zoeken(world.medewerker, "jansem"))
    assert "Pieter Jansen" in _namen(personen_zoeken(world.medewerker, "Pieter Jnsen"))


def test_it_ignores_accents(world, inwoners):
    assert _namen(personen_zoeken(world.medewerker, "celik")) == ["Ayşe Çelik"]


def test_it_finds_by_bsn_birth_date_and_postcode(world, inwoners):
    assert _namen(personen_zoeken(world.medewerker, "999900006")) == ["Pieter Jansen"]
    assert _namen(personen_zoeken(world.medewerker, "12-03-1980")) == ["Pieter Jansen"]
    assert _namen(personen_zoeken(world.medewerker, "1784AB")) == ["Pieter Jansen"]
    assert _namen(personen_zoeken(world.medewerker, "jansen 02-01-1975")) == []
    assert personen_zoeken(world.medewerker, "31-02-1980") == []  # an impossible date finds nobody


def test_a_medewerker_finds_only_the_residents_of_their_team(world, inwoners):
    assert "Karin Jansma" not in _namen(personen_zoeken(world.medewerker, "jansma"))
    assert _namen(personen_zoeken(world.andere_teamlid, "jansma")) == ["Karin Jansma"]


def test_the_bureaudienst_and_kcc_find_the_whole_gemeente_but_not_another(world, inwoners):
    for user in (world.bureaudienst, world.kcc):
        namen = _namen(personen_zoeken(user, "jansen"))
        assert "Pieter Jansen" in namen and "Jan Jansen" not in namen


def test_policy_and_privacy_officers_and_outsiders_find_nobody(world, inwoners):
    for user in (world.beleidsmedewerker, world.privacyfunctionaris, world.buitenstaander):
        assert "Pieter Jansen" not in _namen(personen_zoeken(user, "jansen"))


def test_a_closed_casus_ends_the_sight_of_the_team(world, inwoners):
    from wijkregie.casus.models import Casus, Status

    Casus.objects.filter(hoofdpersoon=inwoners["jansen"]).update(status=Status.AFGESLOTEN)
    assert _namen(personen_zoeken(world.medewerker, "jansen")) == []


def test_odd_input_finds_nothing_instead_of_everyone_or_an_error(world, inwoners):
    for zoek in ['"""', "محمد", "*", "OR", "-", "'"]:
        assert personen_zoeken(world.kcc, zoek) == [], zoek


def test_letters_without_a_decomposition_are_transliterated(world, inwoners):
    yildiz = make_persoon(world, "Emre", "Yıldız", team=world.team_noord)
    assert personen_zoeken(world.medewerker, "yildiz") == [yildiz]
    assert personen_zoeken(world.medewerker, "Yıldız") == [yildiz]


def test_a_postcode_with_a_space_is_one_term(world, inwoners):
    assert _namen(personen_zoeken(world.medewerker, "1784 AB")) == ["Pieter Jansen"]


def test_a_policy_officer_in_a_team_still_sees_no_residents(world, inwoners):
    from wijkregie.organisatie.models import Teamlid

    Teamlid.objects.create(gemeente=world.den_helder, team=world.team_noord, medewerker=world.beleidsmedewerker,
                           uren_per_week=4)
    assert personen_zoeken(world.beleidsmedewerker, "jansen") == []
