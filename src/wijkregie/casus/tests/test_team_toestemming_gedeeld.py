"""The team's consented casussen (half of the database's time per request, issue 17) are read once and kept a
few seconds for the pages that only read, as a replica read may be that old (core.routers.stale_read_allowed),
and for a read the code marks as a replica read (the person search, which posts): never for another request
that may write or has written, never after this browser wrote, never outside a request, and forgotten at once
when this process writes what the consent rule reads."""

import contextlib
from types import SimpleNamespace

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkregie.casus import selectors
from wijkregie.casus.models import Casus, Toestemming
from wijkregie.casus.selectors import casussen_visible_to
from wijkregie.core.context import RequestContext, current
from wijkregie.core.models import Gemeente
from wijkregie.core.routers import MEMORY_COOKIE, PrimaryAfterWriteMiddleware, replica_reads, request_scope
from wijkregie.organisatie.models import Medewerker
from wijkregie.testing import make_persoon


def _zichtbaar(user, *, methode="GET", changed_recently=False, replica_read=False) -> tuple[set[int], bool]:
    """What a new request of `user` sees, and whether it read the team's consent from the database."""
    user = Medewerker.objects.get(pk=user.pk)
    token = current.set(RequestContext(request=SimpleNamespace(method=methode)) if methode else RequestContext())
    try:
        with request_scope(changed_memory_recently=changed_recently), CaptureQueriesContext(connection) as ctx, \
                replica_reads() if replica_read else contextlib.nullcontext():
            pks = set(casussen_visible_to(user).values_list("pk", flat=True))
    finally:
        current.reset(token)
    return pks, any("team_toestemming" in q["sql"] for q in ctx.captured_queries)


@pytest.fixture
def casus(world):
    return Casus.objects.get(hoofdpersoon=make_persoon(world, "Pieter", "Jansen", team=world.team_noord))


def test_a_reading_page_takes_the_teams_consent_from_memory(world, casus):
    assert _zichtbaar(world.collega) == ({casus.pk}, True)
    # Another member of the same team, another request: the same answer, not read again.
    assert _zichtbaar(world.medewerker)[1] is False
    assert casus.pk in _zichtbaar(world.medewerker)[0]


def test_another_process_takes_the_answer_from_the_shared_cache(world, casus):
    # The test's rows as committed (its transaction never commits; until it does, this process reads its own).
    selectors.TEAM_TOESTEMMING._na_commit()
    assert _zichtbaar(world.collega) == ({casus.pk}, True)
    selectors.TEAM_TOESTEMMING._antwoorden.clear()  # another server process: its own memory is empty
    assert _zichtbaar(world.medewerker) == ({casus.pk}, False)


def test_a_consent_withdrawn_in_this_process_counts_at_once(world, casus):
    assert casus.pk in _zichtbaar(world.collega)[0]
    toestemming = Toestemming.objects.get(persoon=casus.hoofdpersoon, scope="team")
    toestemming.ingetrokken_op = timezone.now()
    toestemming.save()
    assert _zichtbaar(world.collega) == (set(), True)


def test_an_answer_older_than_the_replica_bound_is_read_again(world, casus, settings):
    settings.REPLICA_MAX_LAG = 0
    _zichtbaar(world.collega)
    assert _zichtbaar(world.collega)[1] is True


@pytest.mark.parametrize("wat", ["POST", "na eigen wijziging", "buiten een verzoek"])
def test_it_is_read_fresh_where_a_write_may_follow_or_just_happened(world, casus, wat):
    _zichtbaar(world.collega)  # in memory now
    # Another process withdrew the consent (no signal here: an UPDATE): a fresh read must see it.
    Toestemming.objects.filter(persoon=casus.hoofdpersoon, scope="team").update(ingetrokken_op=timezone.now())
    zichtbaar, gelezen = _zichtbaar(world.collega, methode=None if wat == "buiten een verzoek" else
                                    "POST" if wat == "POST" else "GET", changed_recently=wat == "na eigen wijziging")
    assert (zichtbaar, gelezen) == (set(), True)


def test_a_posted_search_a_replica_may_answer_takes_it_from_memory_too(world, casus):
    """The person search posts (no name or BSN in a URL) and reads as a replica read may: so may the memory."""
    _zichtbaar(world.collega)  # in memory now
    assert _zichtbaar(world.medewerker, methode="POST", replica_read=True) == ({casus.pk}, False)
    # The same POST outside such a read (it may write) reads the database.
    assert _zichtbaar(world.medewerker, methode="POST")[1] is True


def test_a_check_after_a_read_from_memory_in_the_same_request_reads_fresh(world, casus):
    _zichtbaar(world.collega)  # in memory now
    Toestemming.objects.filter(persoon=casus.hoofdpersoon, scope="team").update(ingetrokken_op=timezone.now())
    user = Medewerker.objects.get(pk=world.medewerker.pk)
    token = current.set(RequestContext(request=SimpleNamespace(method="POST")))
    try:
        with request_scope():
            with replica_reads():
                assert casus.pk in set(casussen_visible_to(user).values_list("pk", flat=True))
            # What guards a write in the same request is not answered by the read above.
            assert casus.pk not in set(casussen_visible_to(user).values_list("pk", flat=True))
    finally:
        current.reset(token)


def test_the_memory_never_answers_for_another_team(world, casus):
    _zichtbaar(world.collega)
    assert _zichtbaar(world.andere_teamlid) == (set(), True)
    assert len(selectors.TEAM_TOESTEMMING._antwoorden) == 2


def _pagina(schrijf):
    def view(request):
        schrijf()
        return HttpResponse("ok")

    return PrimaryAfterWriteMiddleware(view)


def test_a_browser_that_changed_consent_is_kept_off_every_processs_memory(world, casus):
    toestemming = Toestemming.objects.get(persoon=casus.hoofdpersoon, scope="team")

    def intrekken():
        toestemming.ingetrokken_op = timezone.now()
        toestemming.save()

    response = _pagina(intrekken)(RequestFactory().post("/"))
    assert response.cookies[MEMORY_COOKIE]["max-age"] == 5 and response.cookies[MEMORY_COOKIE]["httponly"]
    # A write the consent rule does not read (an audit event, a gemeente's name) leaves the browser on it.
    response = _pagina(lambda: Gemeente.objects.filter(pk=world.den_helder.pk).update(naam="Den Helder"))(
        RequestFactory().post("/"))
    assert MEMORY_COOKIE not in response.cookies
