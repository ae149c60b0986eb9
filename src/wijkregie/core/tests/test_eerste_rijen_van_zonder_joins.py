"""eerste_rijen_van reads each related object by a subquery of its own, not a join (issue 17): PostgreSQL spent
two thirds of the werkvoorraad's database time choosing an order for five joined tables per list; a subquery on
one table by its key is planned in a tenth of that. The objects read are the same as select_related's."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkregie.casus.models import Casus
from wijkregie.core.querying import eerste_rijen_van
from wijkregie.regie.models import Herinnering
from wijkregie.testing import make_persoon


def test_related_objects_two_steps_deep_are_read_without_a_join(world):
    casus = Casus.objects.get(hoofdpersoon=make_persoon(world, "Zonder", "Join", team=world.team_noord,
                                                        regisseur=world.medewerker))
    Herinnering.objects.create(gemeente=world.den_helder, medewerker=world.medewerker, casus=casus,
                               sleutel="h:join", tekst="Bel terug")
    zonder = Casus.objects.create(gemeente=world.den_helder, team=world.team_noord, huishouden=casus.huishouden,
                                  status="afgesloten")  # a casus without a hoofdpersoon: the second step is empty
    Herinnering.objects.create(gemeente=world.den_helder, medewerker=world.medewerker, casus=zonder,
                               sleutel="h:geen", tekst="Zonder hoofdpersoon")
    qs = Herinnering.objects.order_by("pk")
    with CaptureQueriesContext(connection) as ctx:
        rijen = eerste_rijen_van({"h": (qs, 10, None, ("casus", "casus__hoofdpersoon"), None)})
    sql = ctx.captured_queries[0]["sql"].upper()
    assert len(ctx.captured_queries) == 1
    assert " JOIN " not in sql
    verwacht = {h.pk: h for h in qs.select_related("casus__hoofdpersoon")}
    gelezen = {h.pk: h for h in rijen["h"]}
    assert set(gelezen) == set(verwacht)
    with CaptureQueriesContext(connection) as ctx:
        for pk, h in gelezen.items():
            v = verwacht[pk]
            assert (h.casus_id, h.tekst) == (v.casus_id, v.tekst)
            assert h.casus.status == v.casus.status
            naam = getattr(v.casus.hoofdpersoon, "achternaam", None)
            assert getattr(h.casus.hoofdpersoon, "achternaam", None) == naam
    assert ctx.captured_queries == []  # everything above was read in the one statement
