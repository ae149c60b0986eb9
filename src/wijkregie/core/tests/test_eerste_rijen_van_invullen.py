"""eerste_rijen_van with `invullen`: one statement kept for every value of a key (a casus, a user), built with a
stand-in number and filled in at each use (issue 17: a timeline was compiled anew for every casus). Each casus gets
its own rows, the stand-in never reaches the database, and the tests' guard fails a builder that reads more than
the value it is given."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkregie.casus.models import Casus
from wijkregie.core import querying
from wijkregie.core.querying import GecompileerdVerschilt, eerste_rijen_van
from wijkregie.regie import selectors
from wijkregie.regie.models import Contactmoment
from wijkregie.testing import make_persoon


def _casus(world, naam, team):
    casus = Casus.objects.get(hoofdpersoon=make_persoon(world, naam, "Invul", team=team, regisseur=world.medewerker))
    Contactmoment.objects.create(gemeente=world.den_helder, casus=casus, met_wie=f"contact van {naam}",
                                 op=timezone.now() - datetime.timedelta(hours=1), door=world.medewerker)
    return casus


def test_one_statement_answers_every_casus_with_its_own_rows(world, gebouwd):
    anna, bert = _casus(world, "Anna", world.team_noord), _casus(world, "Bert", world.team_zuid)

    with CaptureQueriesContext(connection) as ctx:
        van_anna = [g.tekst for g in selectors.tijdlijn(anna)]
        van_bert = [g.tekst for g in selectors.tijdlijn(bert)]

    assert gebouwd == [1]  # built once, for both
    assert any("contact van Anna" in t for t in van_anna) and not any("Bert" in t for t in van_anna)
    assert any("contact van Bert" in t for t in van_bert) and not any("Anna" in t for t in van_bert)
    assert len(ctx.captured_queries) == 2
    assert all(str(querying._PLAATSHOUDER) not in q["sql"] for q in ctx.captured_queries)


def test_the_guard_fails_a_builder_that_reads_more_than_its_value(world, settings):
    """A builder that takes the casus' team from the casus it was first called for (not from its argument) would
    answer the next casus with the first one's team: the guard builds the statement from the value and compares."""
    settings.GECOMPILEERD_CONTROLE = True
    querying._eerste_rijen.clear()
    anna, bert = _casus(world, "Anna", world.team_noord), _casus(world, "Bert", world.team_zuid)

    def tijdlijn_van(casus):
        def bronnen(casus_id):
            return {"contact": (Contactmoment.objects.filter(casus=casus_id, casus__team=casus.team_id)
                                .order_by("-op"), 5, ("op", "met_wie"))}
        return eerste_rijen_van(bronnen, model=Casus, sleutel=("proef.invullen",), invullen={"casus_id": casus.pk})

    assert [c.met_wie for c in tijdlijn_van(anna)["contact"]] == ["contact van Anna"]
    with pytest.raises(GecompileerdVerschilt):
        tijdlijn_van(bert)
