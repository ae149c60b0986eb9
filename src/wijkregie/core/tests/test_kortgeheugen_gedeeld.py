"""An answer kept for seconds (core.querying.KortGeheugen) with `gedeeld` is shared by the server's processes through
Django's cache: one worker reads what another read a moment ago, no older than REPLICA_MAX_LAG seconds, only where
a read may be that old, and never what was kept before a write of any process (issue 17: each of four workers read
the teams' consented casussen once per team every few seconds)."""

import time
from types import SimpleNamespace

import pytest

from wijkregie.core.context import RequestContext, current
from wijkregie.core.querying import KortGeheugen
from wijkregie.core.routers import request_scope


@pytest.fixture
def verzoek():
    """Runs a function inside a request of `methode` (a GET may read seconds-old answers, a POST may not)."""
    def doe(functie, methode="GET"):
        token = current.set(RequestContext(request=SimpleNamespace(method=methode)))
        try:
            with request_scope():
                return functie()
        finally:
            current.reset(token)
    return doe


def test_another_process_takes_the_answer_while_it_is_young_enough(verzoek, settings, monkeypatch):
    eerste, tweede = KortGeheugen(gedeeld="proef"), KortGeheugen(gedeeld="proef")  # two workers
    verzoek(lambda: eerste.bewaar(("gemeente", 1), [3, 5]))
    assert verzoek(lambda: tweede.geef(("gemeente", 1))) == [3, 5]
    assert verzoek(lambda: tweede.geef(("gemeente", 2))) is None
    assert verzoek(lambda: KortGeheugen(gedeeld="ander").geef(("gemeente", 1))) is None
    assert verzoek(lambda: KortGeheugen().geef(("gemeente", 1))) is None  # not shared: its own memory only

    # Older than the bound: not taken, however it was kept.
    echt = time.time
    monkeypatch.setattr(time, "time", lambda: echt() + settings.REPLICA_MAX_LAG + 0.5)  # the cache keeps it 1 s more
    assert verzoek(lambda: KortGeheugen(gedeeld="proef").geef(("gemeente", 1))) is None


def test_a_request_that_may_write_neither_takes_nor_shares(verzoek):
    eerste, tweede = KortGeheugen(gedeeld="proef"), KortGeheugen(gedeeld="proef")
    verzoek(lambda: eerste.bewaar(("gemeente", 1), [3]), methode="POST")
    assert verzoek(lambda: tweede.geef(("gemeente", 1))) is None
    verzoek(lambda: eerste.bewaar(("gemeente", 1), [3]))
    assert verzoek(lambda: tweede.geef(("gemeente", 1)), methode="POST") is None
    assert tweede.geef(("gemeente", 1)) is None  # outside a request: never


def test_a_write_in_any_process_ends_what_was_kept_before_it(verzoek):
    eerste, tweede = KortGeheugen(gedeeld="proef"), KortGeheugen(gedeeld="proef")
    verzoek(lambda: eerste.bewaar(("gemeente", 1), [3]))
    tweede.vergeet()  # the other process wrote what the answer depends on
    assert verzoek(lambda: KortGeheugen(gedeeld="proef").geef(("gemeente", 1))) is None
    assert verzoek(lambda: eerste.geef(("gemeente", 1))) == [3]  # its own copy, for seconds at most
    verzoek(lambda: eerste.bewaar(("gemeente", 1), [4]))  # read again after the write: shared again
    assert verzoek(lambda: KortGeheugen(gedeeld="proef").geef(("gemeente", 1))) == [4]


def test_another_database_never_shares(verzoek, settings, monkeypatch):
    """Two installations (or test runs) with one cache directory: the databases' names are in the key."""
    eerste = KortGeheugen(gedeeld="proef")
    verzoek(lambda: eerste.bewaar(("gemeente", 1), [3]))
    monkeypatch.setitem(settings.DATABASES["default"], "NAME", "een-andere-database")
    assert verzoek(lambda: KortGeheugen(gedeeld="proef").geef(("gemeente", 1))) is None


def test_an_answer_read_before_another_process_wrote_is_taken_by_nobody(verzoek):
    """Missed, read from the database, kept: if another process wrote in between, what was read may be from before
    its write, and it is kept under the generation of the miss, which that write ended."""
    eerste, tweede = KortGeheugen(gedeeld="proef"), KortGeheugen(gedeeld="proef")
    assert verzoek(lambda: eerste.geef(("gemeente", 1))) is None  # missed: the caller reads the database
    tweede.vergeet()  # meanwhile another process writes
    verzoek(lambda: eerste.bewaar(("gemeente", 1), [3]))  # the answer read before that write
    assert verzoek(lambda: KortGeheugen(gedeeld="proef").geef(("gemeente", 1))) is None
