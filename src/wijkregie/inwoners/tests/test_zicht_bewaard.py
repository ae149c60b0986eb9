"""The residents a user may see (personen_visible_to) are built once per process per policy input and day, a copy
per use (issue 17: building the policy's conditions was a quarter of a search's Python time). The key is what the
file rules build from, so a relation gained or lost counts at the next request, and one user's conditions never
answer for another's."""

from wijkregie.casus.models import Casus
from wijkregie.core import querying
from wijkregie.inwoners import selectors
from wijkregie.organisatie.models import Medewerker
from wijkregie.regie.models import Houder, Regie
from wijkregie.testing import make_persoon


def _verzoek(user):
    """A new request's user object: nothing read in an earlier request is on it."""
    return Medewerker.objects.get(pk=user.pk)


def test_a_second_request_builds_nothing_and_a_new_relation_counts_at_once(world, settings, monkeypatch):
    settings.GECOMPILEERD_CONTROLE = False  # as in production: the kept tree is used
    querying._querysets.clear()
    gebouwd = []
    echte = selectors._zicht_op_personen
    monkeypatch.setattr(selectors, "_zicht_op_personen", lambda *a: gebouwd.append(1) or echte(*a))
    eigen = make_persoon(world, "Kees", "Eigen", team=world.team_noord, regisseur=world.medewerker)
    ander = make_persoon(world, "Anna", "Anders", team=world.team_zuid, toestemming=False)

    def zichtbaar(user):
        return set(selectors.personen_visible_to(_verzoek(user)).filter(pk__in=[eigen.pk, ander.pk])
                   .values_list("pk", flat=True))

    assert zichtbaar(world.medewerker) == {eigen.pk}
    assert zichtbaar(world.medewerker) == {eigen.pk}
    assert gebouwd == [1]

    casus = Casus.objects.get(hoofdpersoon=ander)
    Regie.objects.create(gemeente=world.den_helder, casus=casus, houder=Houder.MEDEWERKER, medewerker=world.medewerker,
                         uitleg_aan_inwoner="overgedragen")
    assert zichtbaar(world.medewerker) == {eigen.pk, ander.pk}
    assert len(gebouwd) == 2  # another relation is another key


def test_one_users_conditions_never_answer_for_another(world):
    """The tests' guard (GECOMPILEERD_CONTROLE) builds the kept tree again at every use and compares."""
    eigen = make_persoon(world, "Kees", "Eigen", team=world.team_zuid, regisseur=world.medewerker, toestemming=False)
    assert selectors.personen_visible_to(_verzoek(world.medewerker)).filter(pk=eigen.pk).exists()
    assert not selectors.personen_visible_to(_verzoek(world.collega)).filter(pk=eigen.pk).exists()
    assert selectors.personen_visible_to(_verzoek(world.medewerker)).filter(pk=eigen.pk).exists()
