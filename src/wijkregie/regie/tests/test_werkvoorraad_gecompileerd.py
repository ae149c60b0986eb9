"""The werkvoorraad is one statement built and compiled once per process for the user's policy inputs and the day
(regie.selectors.werkvoorraad, issue 17). What the statement answers is the database's state at the request; what
the statement *is* follows from its key, so a change of who holds which relation gives a new key at once."""

import pytest
from django.db.models import Q

from wijkregie.casus.models import Casus
from wijkregie.core import querying
from wijkregie.organisatie.models import Medewerker
from wijkregie.regie import selectors
from wijkregie.regie.models import Houder, Regie
from wijkregie.testing import make_persoon


def _verzoek(user):
    """A new request's user object: nothing read in an earlier request is on it."""
    return Medewerker.objects.get(pk=user.pk)


@pytest.fixture
def zonder_controle(settings):
    """As in production: a kept statement is used, not built again to compare (the tests' default)."""
    settings.GECOMPILEERD_CONTROLE = False


def test_a_second_request_reads_the_kept_statement_without_building_it(world, zonder_controle, monkeypatch):
    make_persoon(world, "Pieter", "Jansen", team=world.team_noord, regisseur=world.medewerker)
    gebouwd = []
    echte = selectors._werkvoorraad_bronnen
    monkeypatch.setattr(selectors, "_werkvoorraad_bronnen", lambda *a, **k: gebouwd.append(1) or echte(*a, **k))
    querying._eerste_rijen.clear()

    eerste = selectors.werkvoorraad(_verzoek(world.medewerker), lopende=True)
    tweede = selectors.werkvoorraad(_verzoek(world.medewerker), lopende=True)

    assert gebouwd == [1]
    assert [c.hoofdpersoon.naam for c in eerste.lopende] == [c.hoofdpersoon.naam for c in tweede.lopende] == [
        "Pieter Jansen"]


def test_a_regie_taken_over_after_the_statement_was_kept_counts_at_once(world, zonder_controle):
    casus = Casus.objects.get(hoofdpersoon=make_persoon(world, "Sara", "Bakker", team=world.team_noord))
    regie = Regie.objects.create(gemeente=world.den_helder, casus=casus, houder=Houder.MEDEWERKER,
                                 medewerker=world.medewerker, uitleg_aan_inwoner="Sara vroeg het zelf")
    assert [c.pk for c in selectors.werkvoorraad(_verzoek(world.medewerker), lopende=True).lopende] == [casus.pk]

    Regie.objects.filter(pk=regie.pk).update(medewerker=world.collega)

    assert selectors.werkvoorraad(_verzoek(world.medewerker), lopende=True).lopende == []
    assert [c.pk for c in selectors.werkvoorraad(_verzoek(world.collega), lopende=True).lopende] == [casus.pk]


def test_one_users_statement_never_answers_for_another(world, zonder_controle):
    mijn = Casus.objects.get(hoofdpersoon=make_persoon(world, "Pieter", "Jansen", team=world.team_noord,
                                                       regisseur=world.medewerker))
    assert [c.pk for c in selectors.werkvoorraad(_verzoek(world.medewerker), lopende=True).lopende] == [mijn.pk]
    assert selectors.werkvoorraad(_verzoek(world.collega), lopende=True).lopende == []


def test_the_tests_find_a_key_that_misses_an_input(world):
    """With settings.GECOMPILEERD_CONTROLE (on in every test) a kept statement is built again and compared: a key
    without the user in it fails here, rather than giving one user another's list in production."""
    querying._eerste_rijen.clear()

    def lijst(user):
        return lambda: {"c": (Casus.objects.filter(Q(medewerker=user)).order_by("pk"), 10, ("status",))}

    querying.eerste_rijen_van(lijst(world.medewerker), sleutel=("test.zonder_gebruiker",), model=Casus)
    with pytest.raises(querying.GecompileerdVerschilt):
        querying.eerste_rijen_van(lijst(world.collega), sleutel=("test.zonder_gebruiker",), model=Casus)
