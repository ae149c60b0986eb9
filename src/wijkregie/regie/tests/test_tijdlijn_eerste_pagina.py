"""The first page of a timeline reads its five sources (status changes, contactmomenten, schalingen, regies, held
evaluations) in one statement, built once per process for the casus, the length and the day (issue 17). What it
shows is the database's state at the request: a contactmoment registered after the statement was kept is on the
next page view, one dated after tomorrow is not (the first page runs until tomorrow, by the database's clock)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkregie.casus.models import Casus
from wijkregie.regie import selectors
from wijkregie.regie.models import Contactmoment, Houder, Regie
from wijkregie.testing import make_persoon


def test_the_first_page_is_one_statement_and_answers_from_the_data_of_the_moment(world, settings):
    settings.GECOMPILEERD_CONTROLE = False  # as in production: the kept statement is used
    casus = Casus.objects.get(hoofdpersoon=make_persoon(world, "Tijd", "Lijn", team=world.team_noord,
                                                        regisseur=world.medewerker))
    Regie.objects.create(gemeente=world.den_helder, casus=casus, houder=Houder.INWONER, door=world.medewerker)
    nu = timezone.now()
    Contactmoment.objects.create(gemeente=world.den_helder, casus=casus, met_wie="Tijd", op=nu - datetime.timedelta(
        hours=1), door=world.medewerker)
    selectors.tijdlijn(casus)

    Contactmoment.objects.create(gemeente=world.den_helder, casus=casus, met_wie="Later", op=nu, door=world.collega)
    Contactmoment.objects.create(gemeente=world.den_helder, casus=casus, met_wie="Overmorgen",
                                 op=nu + datetime.timedelta(days=2), door=world.collega)
    with CaptureQueriesContext(connection) as ctx:
        gebeurtenissen = selectors.tijdlijn(casus)

    assert len(ctx.captured_queries) == 1
    teksten = [g.tekst for g in gebeurtenissen]
    assert any("met Later" in t for t in teksten) and any("met Tijd" in t for t in teksten)
    assert not any("Overmorgen" in t for t in teksten)
    assert any(t.startswith("Regie: De inwoner zelf Tijd Lijn") for t in teksten)
    assert {str(g.door) for g in gebeurtenissen if "met " in g.tekst} == {str(world.medewerker), str(world.collega)}
