"""The teams' consented aanmeldingen without a casus (asked on almost every page, a tenth of the database's time,
issue 17) are read once and kept a few seconds for the pages that only read, as the teams' consented casussen
are (casus/tests/test_team_toestemming_gedeeld.py): never for a request that may write, and forgotten at once
when this process writes what their rule reads."""

from types import SimpleNamespace

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkregie.casus.models import Toestemming
from wijkregie.core.context import RequestContext, current
from wijkregie.core.routers import request_scope
from wijkregie.organisatie.models import Medewerker
from wijkregie.testing import make_persoon
from wijkregie.toegang.models import Aanmelding
from wijkregie.toegang.selectors import _zonder_casus_met_toestemming, beleid_teams


def _zichtbaar(user, *, methode="GET") -> tuple[set[int], bool]:
    """The teams' consented aanmeldingen in a new request of `user`, and whether they were read from the database
    (what the access policy builds the team's view of aanmeldingen without a casus on)."""
    user = Medewerker.objects.get(pk=user.pk)
    token = current.set(RequestContext(request=SimpleNamespace(method=methode)))
    try:
        with request_scope(), CaptureQueriesContext(connection) as ctx:
            pks = set(_zonder_casus_met_toestemming(user, beleid_teams(user)))
    finally:
        current.reset(token)
    gelezen = any('"casus_id" IS NULL' in q["sql"] and "casus_toestemming" in q["sql"] for q in ctx.captured_queries)
    return pks, gelezen


def test_a_reading_page_takes_them_from_memory_and_a_withdrawal_counts_at_once(world):
    persoon = make_persoon(world, "Ans", "Vraag", team=world.team_noord)
    aanmelding = Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Hulp", persoon=persoon,
                                           team=world.team_noord, status="toegedeeld")
    assert _zichtbaar(world.collega) == ({aanmelding.pk}, True)
    assert _zichtbaar(world.medewerker)[1] is False  # another member, another request: from memory
    assert _zichtbaar(world.collega, methode="POST")[1] is True  # a request that may write reads fresh

    toestemming = Toestemming.objects.get(persoon=persoon, scope="team")
    toestemming.ingetrokken_op = timezone.now()
    toestemming.save()
    assert _zichtbaar(world.collega) == (set(), True)


def test_only_a_write_the_rule_can_count_forgets_them(world):
    """A question registered for the bureaudienst (no team yet) changes nothing the rule counts: forgetting at every
    registration kept each registering browser off every kept answer (core.routers.MEMORY_COOKIE)."""
    persoon = make_persoon(world, "Ans", "Vraag", team=world.team_noord)
    assert _zichtbaar(world.collega) == (set(), True)
    Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Hulp", persoon=persoon,
                              status="bureaudienst")
    assert _zichtbaar(world.medewerker) == (set(), False)
    toegedeeld = Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Hulp", persoon=persoon,
                                           team=world.team_noord, status="toegedeeld")
    assert _zichtbaar(world.medewerker) == ({toegedeeld.pk}, True)


def test_a_write_forgets_what_another_process_may_have_counted(world, monkeypatch):
    """What another process may have counted and shared is judged by the aanmelding as it was loaded, not by this
    process's own copies; a new question joining a running casus was never counted and forgets nothing."""
    from wijkregie.casus.models import Casus
    from wijkregie.toegang.selectors import TEAM_AANMELDINGEN

    persoon = make_persoon(world, "Ans", "Vraag", team=world.team_noord)
    casus = Casus.objects.get(hoofdpersoon=persoon)
    wachtend = Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Hulp", persoon=persoon,
                                         team=world.team_noord, status="toegedeeld")  # the rule counts it
    vergeten = []
    monkeypatch.setattr(TEAM_AANMELDINGEN, "vergeet", lambda *args, **kwargs: vergeten.append(1))
    Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Nog een vraag", persoon=persoon,
                              team=world.team_noord, casus=casus, status="toegedeeld")
    assert vergeten == []
    geladen = Aanmelding.objects.get(pk=wachtend.pk)  # this process holds no answer with it (bevat: no)
    geladen.casus = casus
    geladen.save()
    assert vergeten == [1]
    geladen.eerste_contact_op = timezone.now()  # with its casus: counted neither before nor now
    geladen.save()
    assert vergeten == [1]
