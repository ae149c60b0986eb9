"""Answers kept for seconds are shared between the server's processes (core.querying.KortGeheugen with a name):
one process's read serves the others while it is of the current generation and not REPLICA_MAX_LAG seconds old,
a committed write starts a new generation (once per transaction), and where a read must be current nothing is
taken or kept. Two instances with one name stand for two processes: each has its own memory, both the one
shared cache (settings.CACHES "kortgeheugen", a directory of its own)."""

import logging
import zlib
from types import SimpleNamespace

import pytest
from django.core.cache import caches

from wijkregie.core import querying
from wijkregie.core.context import RequestContext, current
from wijkregie.core.querying import KortGeheugen
from wijkregie.core.routers import request_scope

SLEUTEL = ("default", 1, (3, 4), "2026-12-04")


def _proces() -> KortGeheugen:
    return KortGeheugen(gedeeld="test.gedeeld")


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


@pytest.fixture
def schrijven(django_capture_on_commit_callbacks):
    """A write that commits (the test's own transaction never does): its commit callbacks run at the end."""

    def schrijf(*geheugens):
        with django_capture_on_commit_callbacks(execute=True):
            for geheugen in geheugens:
                geheugen.vergeet()

    return schrijf


def test_an_answer_one_process_read_is_given_to_another(db, verzoek):
    eerste, tweede = _proces(), _proces()
    assert _lezen(eerste, verzoek, [7, 8]) is None  # read from the database
    assert _lezen(tweede, verzoek) == [7, 8]
    # Unnamed, a process keeps its answers to itself.
    alleen, ander = KortGeheugen(), KortGeheugen()
    _lezen(alleen, verzoek, [7, 8])
    assert _lezen(ander, verzoek) is None


def test_a_committed_write_starts_a_new_generation(db, verzoek, schrijven):
    eerste, tweede, derde = _proces(), _proces(), _proces()
    _lezen(eerste, verzoek, [7, 8])
    schrijven(tweede)  # a process wrote what the answer is read from
    assert _lezen(derde, verzoek) is None
    # The process that read keeps its own copy for seconds, as it did before the answers were shared.
    assert _lezen(eerste, verzoek) == [7, 8]


def test_an_answer_read_before_the_write_committed_is_not_taken_after_it(db, verzoek,
                                                                        django_capture_on_commit_callbacks):
    schrijver, lezer, later = _proces(), _proces(), _proces()
    with django_capture_on_commit_callbacks(execute=True):
        schrijver.vergeet()  # saved, not yet committed: another process still reads the old rows
        _lezen(lezer, verzoek, [7, 8])
        assert _lezen(later, verzoek) == [7, 8]  # (before the commit the old answer is as good as any)
    assert _lezen(_proces(), verzoek) is None


def test_an_answer_is_kept_under_the_generation_its_read_began_in(db, verzoek, schrijven):
    """A read that began before a commit and ends after it holds the old rows, whatever the generation is by
    the time it is kept."""
    lezer, schrijver = _proces(), _proces()

    def lees_traag():
        assert lezer.geef(SLEUTEL) is None  # the miss: the database is read now ...
        schrijven(schrijver)  # ... while another process's write commits
        lezer.bewaar(SLEUTEL, [7, 8])  # the answer of the rows before it

    verzoek("GET", lees_traag)
    assert _lezen(_proces(), verzoek) is None


def test_a_process_that_wrote_reads_its_own_write_before_the_commit(db, verzoek, django_capture_on_commit_callbacks):
    eerste, schrijver = _proces(), _proces()
    _lezen(eerste, verzoek, [7, 8])
    with django_capture_on_commit_callbacks(execute=True):
        schrijver.vergeet()
        assert _lezen(schrijver, verzoek, [8]) is None  # not the shared answer of the rows before its write
        assert _lezen(eerste, verzoek) == [7, 8]  # (the others' answers are as good as any until the commit)
    assert _lezen(_proces(), verzoek) is None  # (and the uncommitted answer was not shared)


def test_a_transaction_starts_one_generation_however_many_rows_it_writes(db, django_capture_on_commit_callbacks):
    geheugen = _proces()
    with django_capture_on_commit_callbacks() as callbacks:
        for _ in range(500):  # an import
            geheugen.vergeet()
    assert callbacks.count(geheugen._na_commit) == 1


def test_a_cleared_shared_cache_counts_nothing_kept_before(db, verzoek):
    eerste = _proces()
    _lezen(eerste, verzoek, [7, 8])
    caches["kortgeheugen"].delete("test.gedeeld:generatie")  # pruned, or cleared
    assert _lezen(_proces(), verzoek) is None


def test_an_answer_older_than_the_replica_bound_is_not_given(db, verzoek, monkeypatch, settings):
    eerste, tweede = _proces(), _proces()
    _lezen(eerste, verzoek, [7, 8])
    nu = querying.time.time()
    monkeypatch.setattr(querying, "time", SimpleNamespace(time=lambda: nu + settings.REPLICA_MAX_LAG + 0.5))
    assert _lezen(tweede, verzoek) is None
    assert _lezen(eerste, verzoek) is None
    # A clock set back does not make an answer fresh either.
    monkeypatch.setattr(querying, "time", SimpleNamespace(time=lambda: nu - 60))
    assert _lezen(_proces(), verzoek) is None


def test_a_request_that_may_write_neither_takes_nor_shares(db, verzoek):
    eerste, tweede = _proces(), _proces()
    assert _lezen(eerste, verzoek, [7, 8], methode="POST") is None
    assert _lezen(tweede, verzoek) is None  # nothing was shared
    _lezen(tweede, verzoek, [7, 8])
    assert _lezen(eerste, verzoek, methode="POST") is None  # and nothing is taken


@pytest.mark.parametrize("fout", [OSError("schijf vol"), zlib.error("afgebroken bestand")])
def test_without_the_shared_cache_the_database_answers(db, verzoek, monkeypatch, caplog, schrijven, fout):
    eerste, tweede = _proces(), _proces()
    _lezen(eerste, verzoek, [7, 8])

    def kapot(*args, **kwargs):
        raise fout

    cache = caches["kortgeheugen"]
    monkeypatch.setattr(cache, "get", kapot)
    monkeypatch.setattr(cache, "set", kapot)
    with caplog.at_level(logging.WARNING, logger="wijkregie.core.querying"):
        assert _lezen(tweede, verzoek, [7, 8]) is None
        schrijven(tweede)
    assert [r.getMessage() for r in caplog.records] == ["gedeeld geheugen test.gedeeld niet leesbaar",
                                                        "gedeeld geheugen test.gedeeld niet te vernieuwen"]


def test_an_answer_that_cannot_be_shared_is_still_kept_here(db, verzoek, monkeypatch, caplog):
    eerste = _proces()
    kapot = SimpleNamespace(get=caches["kortgeheugen"].get, add=caches["kortgeheugen"].add,
                            set=lambda *a, **k: (_ for _ in ()).throw(OSError("schijf vol")))
    monkeypatch.setattr(KortGeheugen, "_cache", staticmethod(lambda: kapot))
    with caplog.at_level(logging.WARNING, logger="wijkregie.core.querying"):
        _lezen(eerste, verzoek, [7, 8])
    assert [r.getMessage() for r in caplog.records] == ["gedeeld geheugen test.gedeeld niet beschrijfbaar"]
    assert _lezen(eerste, verzoek) == [7, 8]


def test_a_rollback_to_a_savepoint_does_not_end_the_writing_transaction(db, verzoek):
    from django.db import transaction

    eerste, schrijver = _proces(), _proces()
    _lezen(eerste, verzoek, [7, 8])
    schrijver.vergeet()  # this thread's transaction (the test's) wrote
    try:
        with transaction.atomic():
            raise ValueError("a savepoint rolled back")
    except ValueError:
        pass
    assert _lezen(schrijver, verzoek, [8]) is None  # still its own rows, not the shared answer
    assert _lezen(_proces(), verzoek) == [7, 8]  # and its uncommitted answer was not shared


def test_an_answer_read_from_a_replica_is_not_shared(db, verzoek):
    eerste = _proces()
    verzoek("GET", lambda: eerste.geef(SLEUTEL) or eerste.bewaar(SLEUTEL, [7, 8], delen=False))
    assert _lezen(_proces(), verzoek) is None
    assert _lezen(eerste, verzoek) == [7, 8]  # kept here, as before


@pytest.mark.parametrize("gedeeld", ["test.gedeeld", None])
def test_a_read_that_began_before_this_process_forgot_is_not_kept(db, verzoek, gedeeld):
    """On a threaded server: one thread reads the old rows while another's write commits and forgets; the first
    must not put what it read back into the process's memory (a withdrawal bites at once in that process)."""
    geheugen = KortGeheugen(gedeeld=gedeeld)

    def lees_traag():
        assert geheugen.geef(SLEUTEL) is None  # the miss: the database is read now ...
        geheugen._vergeet_lokaal()  # ... while another thread's write commits here
        geheugen.bewaar(SLEUTEL, [7, 8])

    verzoek("GET", lees_traag)
    assert _lezen(geheugen, verzoek) is None
    assert _lezen(KortGeheugen(gedeeld=gedeeld), verzoek) is None
