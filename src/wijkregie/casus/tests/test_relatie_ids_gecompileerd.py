"""A team member's relations with casussen are read by one statement compiled once a day per process
(core.querying.gecompileerd, issue 17): the statement is the same for every request, the answer is not.
What the database holds at the moment of the request decides, and one user's statement never answers
for another."""

from django.utils import timezone

from wijkregie.casus.models import Casus, Toestemming
from wijkregie.casus.selectors import casussen_visible_to
from wijkregie.core import querying
from wijkregie.organisatie.models import Medewerker
from wijkregie.testing import make_persoon


def _verzoek(user):
    """A new request's user object: nothing read in an earlier request is on it."""
    return Medewerker.objects.get(pk=user.pk)


def _zichtbaar(user) -> set[int]:
    return set(casussen_visible_to(_verzoek(user)).values_list("pk", flat=True))


def test_a_consent_withdrawn_after_the_statement_was_compiled_counts_at_once(world):
    hoofd = make_persoon(world, "Pieter", "Jansen", team=world.team_noord)
    casus = Casus.objects.get(hoofdpersoon=hoofd)
    assert casus.pk in _zichtbaar(world.collega)
    sleutels = {k for k in querying._gecompileerd if "casus._relatie_ids" in k}
    assert any(world.collega.pk in k for k in sleutels)

    Toestemming.objects.filter(persoon=hoofd, scope="team").update(ingetrokken_op=timezone.now())
    assert casus.pk not in _zichtbaar(world.collega)
    # The same statement answered: compiled once, its answer read again.
    assert {k for k in querying._gecompileerd if "casus._relatie_ids" in k} == sleutels


def test_one_users_statement_never_answers_for_another(world):
    noord = Casus.objects.get(hoofdpersoon=make_persoon(world, "Pieter", "Jansen", team=world.team_noord))
    zuid = Casus.objects.get(hoofdpersoon=make_persoon(world, "Sara", "Bakker", team=world.team_zuid))
    assert noord.pk in _zichtbaar(world.collega) and zuid.pk not in _zichtbaar(world.collega)
    assert zuid.pk in _zichtbaar(world.andere_teamlid) and noord.pk not in _zichtbaar(world.andere_teamlid)
    assert noord.pk in _zichtbaar(world.collega)


def test_the_cache_keeps_the_most_recently_used_statements(monkeypatch, settings):
    settings.GECOMPILEERD_CONTROLE = False  # as in production: a kept statement is not built again to compare
    monkeypatch.setattr(querying, "GECOMPILEERD_MAX", 2)
    monkeypatch.setattr(querying, "_gecompileerd", querying.OrderedDict())
    gebouwd = []

    def bouw(n):
        def maak():
            gebouwd.append(n)
            return Casus.objects.filter(pk=n)
        return maak

    for n in (1, 2, 1, 3, 1, 2):
        sql, params = querying.gecompileerd(("test", n), bouw(n), "default")
        assert params == (n,)
    # 1 stays (used again before 3 came); 2 was the least recently used when 3 came, so it is compiled again.
    assert gebouwd == [1, 2, 3, 2]
