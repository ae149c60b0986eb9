"""Several short lists in one query (core.querying.eerste_rijen_van, issue 17): each list holds exactly
the rows its own ordered and limited queryset gives, with the same values (times as aware datetimes, dates
as dates) and who recorded them; the regie page reads its timeline and its closings that way."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkregie.casus.models import Casus, Statusovergang
from wijkregie.core.querying import eerste_rijen_van
from wijkregie.regie.models import Contactmoment, Schaling
from wijkregie.testing import make_persoon


def test_it_reads_each_list_as_its_own_query_would_in_one_query(world):
    casus = Casus.objects.get(hoofdpersoon=make_persoon(world, "Rijen", "Lezen", team=world.team_noord,
                                                        regisseur=world.medewerker))
    nu = timezone.now()
    for i in range(6):
        Contactmoment.objects.create(gemeente=world.den_helder, casus=casus, met_wie=f"Wie {i}", notitie=f"N {i}",
                                     duur_minuten=i or None, op=nu - datetime.timedelta(hours=i),
                                     door=world.medewerker if i % 2 else None)
        Schaling.objects.create(gemeente=world.den_helder, casus=casus, richting="op", naar="specialistisch",
                                reden=f"Reden {i}", op=timezone.localdate() - datetime.timedelta(days=i),
                                door=world.collega)
    bronnen = {
        "contact": (Contactmoment.objects.filter(casus=casus).order_by("-op"), 4,
                    ("op", "met_wie", "notitie", "duur_minuten")),
        "schaling": (Schaling.objects.filter(casus=casus).order_by("op"), 2, ("op", "reden")),
        "status": (Statusovergang.objects.filter(casus=casus, naar="afgesloten"), 5, ("op", "naar")),
    }
    with CaptureQueriesContext(connection) as ctx:
        rijen = eerste_rijen_van(bronnen, door=True)
    assert len(ctx.captured_queries) == 1
    assert rijen["status"] == []
    for naam, velden in (("contact", ("op", "met_wie", "notitie", "duur_minuten")), ("schaling", ("op", "reden"))):
        qs, aantal, _v = bronnen[naam]
        verwacht = list(qs.select_related("door")[:aantal])
        gelezen = {o.pk: o for o in rijen[naam]}
        assert set(gelezen) == {o.pk for o in verwacht}
        for o in verwacht:
            assert [getattr(gelezen[o.pk], v) for v in velden] == [getattr(o, v) for v in velden]
            assert str(gelezen[o.pk].door or "") == str(o.door or "")
    assert all(timezone.is_aware(o.op) for o in rijen["contact"])
    assert all(type(o.op) is datetime.date for o in rijen["schaling"])


def test_it_reads_the_related_objects_whole_and_none_where_there_is_none(world):
    from wijkregie.regie.models import Herinnering

    met = Casus.objects.get(hoofdpersoon=make_persoon(world, "Met", "Hoofdpersoon", team=world.team_noord,
                                                      regisseur=world.medewerker))
    zonder = Casus.objects.create(gemeente=world.den_helder, team=world.team_noord, huishouden=met.huishouden,
                                  status="afgesloten")
    for casus in (met, zonder):
        Herinnering.objects.create(gemeente=world.den_helder, medewerker=world.medewerker, casus=casus,
                                   sleutel=f"h:{casus.pk}", tekst="Bel terug")
    rijen = eerste_rijen_van({"h": (Herinnering.objects.order_by("pk"), 10, None, ("casus", "casus__hoofdpersoon"))})
    gelezen = {h.casus.pk: h for h in rijen["h"]}
    assert gelezen[met.pk].casus.hoofdpersoon.naam == met.hoofdpersoon.naam
    assert gelezen[met.pk].casus.hoofdpersoon.geboortedatum == met.hoofdpersoon.geboortedatum
    assert gelezen[met.pk].casus.status == met.status and gelezen[met.pk].tekst == "Bel terug"
    assert gelezen[zonder.pk].casus.hoofdpersoon is None
    assert gelezen[zonder.pk].casus.status == "afgesloten"


def test_reading_the_lists_is_no_write_of_the_request(world):
    """Setting a related object on an instance that knows no database asks the router where to write: the
    request then counted as one that wrote (no replica, no kept answers for the rest of it, and for a few
    seconds after). The instances know the database they were read from."""
    from wijkregie.core.routers import request_scope
    from wijkregie.regie.models import Herinnering

    casus = Casus.objects.get(hoofdpersoon=make_persoon(world, "Geen", "Schrijver", team=world.team_noord,
                                                        regisseur=world.medewerker))
    Herinnering.objects.create(gemeente=world.den_helder, medewerker=world.medewerker, casus=casus,
                               sleutel="lezen", tekst="Bel terug")
    Contactmoment.objects.create(gemeente=world.den_helder, casus=casus, met_wie="Inwoner", door=world.medewerker,
                                 op=timezone.now())
    with request_scope() as schreef:
        [herinnering] = eerste_rijen_van({"h": (Herinnering.objects.order_by("pk"), 10, None,
                                                {"casus": None, "casus__hoofdpersoon": ("voornamen",)})})["h"]
        [contact] = eerste_rijen_van({"c": (Contactmoment.objects.order_by("pk"), 10, ("op",))}, door=True)["c"]
        assert herinnering.casus.hoofdpersoon.voornamen == "Geen" and contact.door == world.medewerker
        assert not schreef()
