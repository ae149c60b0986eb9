"""The bureaudienst's contact persons per wijk in one query (issue 17): every wijk of the gemeente, each with
its active contact persons (focuswijk) by name, none of another gemeente, and nobody who left."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkregie.organisatie.selectors import contactpersonen_per_wijk


def test_it_lists_every_wijk_with_its_active_contact_persons_in_one_query(world):
    world.collega.focuswijken.add(world.noord)
    world.andere_teamlid.focuswijken.add(world.noord)
    world.andere_teamlid.is_active = False
    world.andere_teamlid.save()
    with CaptureQueriesContext(connection) as ctx:
        wijken = contactpersonen_per_wijk(world.bureaudienst)
        namen = {w.pk: [str(m) for m in w.contactpersonen.all()] for w in wijken}
    assert len(ctx.captured_queries) == 1
    assert [w.pk for w in wijken] == [world.zuid.pk, world.noord.pk]  # by name: Julianadorp, Nieuw Den Helder
    assert namen[world.zuid.pk] == []
    assert sorted(namen[world.noord.pk]) == sorted([str(world.medewerker), str(world.collega)])
    assert world.dorp.pk not in namen


def test_a_contact_person_added_after_the_statement_was_kept_counts_at_once(world, settings):
    settings.GECOMPILEERD_CONTROLE = False  # as in production: the kept statement is used, not built again
    def per_wijk():
        return {w.pk: [m.pk for m in w.contactpersonen.all()] for w in contactpersonen_per_wijk(world.bureaudienst)}

    voor = per_wijk()
    assert voor[world.zuid.pk] == []
    world.collega.focuswijken.add(world.zuid)
    assert per_wijk() == {**voor, world.zuid.pk: [world.collega.pk]}


def test_a_wijks_list_filtered_further_finds_nothing_rather_than_every_medewerker(world):
    world.collega.focuswijken.add(world.noord)
    noord = next(w for w in contactpersonen_per_wijk(world.bureaudienst) if w.pk == world.noord.pk)
    assert world.collega in list(noord.contactpersonen.all())
    assert list(noord.contactpersonen.all().filter(is_active=True)) == []
