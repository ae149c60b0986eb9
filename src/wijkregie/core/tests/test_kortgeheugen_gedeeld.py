"""Answers kept for seconds are shared between the server's processes (core.querying.KortGeheugen with a name):
one process's read serves the others until it is REPLICA_MAX_LAG seconds old, a write gives the shared answers a
new version (at once and when it commits), and where a read must be current nothing is taken or kept. Two
instances with one name stand for two processes: each has its own memory, both the one shared cache."""

import logging
from types import SimpleNamespace

import pytest

from wijkregie.core import querying
from wijkregie.core.context import RequestContext, current
from wijkregie.core.querying import KortGeheugen
from wijkregie.core.routers import request_scope

SLEUTEL = ("default", 1, (3, 4), "2026-12-04")


@pytest.fixture
def verzoek():
    """Runs its function inside a request of the given method, as the server would."""

    def binnen(methode, functie):
        token = current.set(RequestContext(request=SimpleNamespace(method=methode)))
        try:
            with request_scope():
                return functie()
        finally:
            current.reset(token)

    return binnen


def _lezen(geheugen, verzoek, antwoord=None, methode="GET"):
    """A page's read: the kept answer, or (when none) `antwoord` as read from the database, then kept."""

    def lees():
        gevonden = geheugen.geef(SLEUTEL)
        if gevonden is None and antwoord is not None:
            geheugen.bewaar(SLEUTEL, antwoord)
        return gevonden

    return verzoek(methode, lees)


def test_an_answer_one_process_read_is_given_to_another(db, verzoek):
    eerste, tweede = KortGeheugen(gedeeld="test.gedeeld"), KortGeheugen(gedeeld="test.gedeeld")
    assert _lezen(eerste, verzoek, [7, 8]) is None  # read from the database
    assert _lezen(tweede, verzoek) == [7, 8]
    # Unnamed, a process keeps its answers to itself.
    alleen, ander = KortGeheugen(), KortGeheugen()
    _lezen(alleen, verzoek, [7, 8])
    assert _lezen(ander, verzoek) is None


def test_a_write_gives_the_shared_answers_a_new_version(db, verzoek):
    eerste, tweede, derde = (KortGeheugen(gedeeld="test.gedeeld") for _ in range(3))
    _lezen(eerste, verzoek, [7, 8])
    tweede.vergeet()  # a process wrote what the answer is read from
    assert _lezen(derde, verzoek) is None
    # The process that read keeps its own copy for seconds, as it did before the answers were shared.
    assert _lezen(eerste, verzoek) == [7, 8]


def test_an_answer_read_before_the_write_committed_is_not_shared_after_it(db, verzoek,
                                                                         django_capture_on_commit_callbacks):
    schrijver, lezer, later = (KortGeheugen(gedeeld="test.gedeeld") for _ in range(3))
    with django_capture_on_commit_callbacks(execute=True):
        schrijver.vergeet()  # saved, not yet committed: another process still reads the old rows
        _lezen(lezer, verzoek, [7, 8])
        assert _lezen(later, verzoek) == [7, 8]  # (before the commit the old answer is as good as any)
    assert _lezen(KortGeheugen(gedeeld="test.gedeeld"), verzoek) is None


def test_an_answer_older_than_the_replica_bound_is_not_given(db, verzoek, monkeypatch, settings):
    eerste, tweede = KortGeheugen(gedeeld="test.gedeeld"), KortGeheugen(gedeeld="test.gedeeld")
    _lezen(eerste, verzoek, [7, 8])
    nu = querying.time.time()
    monkeypatch.setattr(querying.time, "time", lambda: nu + settings.REPLICA_MAX_LAG + 0.5)
    assert _lezen(tweede, verzoek) is None
    assert _lezen(eerste, verzoek) is None
    # A clock set back does not make an answer fresh either.
    monkeypatch.setattr(querying.time, "time", lambda: nu - 60)
    assert _lezen(KortGeheugen(gedeeld="test.gedeeld"), verzoek) is None


def test_a_request_that_may_write_neither_takes_nor_shares(db, verzoek):
    eerste, tweede = KortGeheugen(gedeeld="test.gedeeld"), KortGeheugen(gedeeld="test.gedeeld")
    assert _lezen(eerste, verzoek, [7, 8], methode="POST") is None
    assert _lezen(tweede, verzoek) is None  # nothing was shared
    _lezen(tweede, verzoek, [7, 8])
    assert _lezen(eerste, verzoek, methode="POST") is None  # and nothing is taken


def test_without_the_shared_cache_the_database_answers(db, verzoek, monkeypatch, caplog):
    eerste, tweede = KortGeheugen(gedeeld="test.gedeeld"), KortGeheugen(gedeeld="test.gedeeld")
    _lezen(eerste, verzoek, [7, 8])

    def kapot(*args, **kwargs):
        raise OSError("schijf vol")

    cache = KortGeheugen._cache()
    monkeypatch.setattr(cache, "get", kapot)
    monkeypatch.setattr(cache, "set", kapot)
    with caplog.at_level(logging.WARNING, logger="wijkregie.core.querying"):
        assert _lezen(tweede, verzoek, [7, 8]) is None
        tweede.vergeet()
    assert [r.getMessage() for r in caplog.records] == ["gedeeld geheugen test.gedeeld niet leesbaar",
                                                        "gedeeld geheugen test.gedeeld niet te vernieuwen"]
