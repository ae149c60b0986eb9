"""Reads fall back to the primary while the replica's replay lag exceeds settings.REPLICA_MAX_LAG, or while
it cannot be asked; the lag is measured on the replica and cached briefly."""

import pytest
from django.db import OperationalError

from wijkregie.core import routers
from wijkregie.core.models import Gemeente
from wijkregie.core.routers import replica_reads, request_scope

from .replica import ON_POSTGRESQL, REPLICA_OR_INERT, replica_alias

# On SQLite the router never opens the replica connection: only PostgreSQL lists it.
pytestmark = pytest.mark.django_db(databases=["default", routers.REPLICA] if ON_POSTGRESQL else ["default"])


@pytest.fixture(scope="module", autouse=True)
def _replica():
    with replica_alias():
        yield


@pytest.fixture
def replica(settings):
    settings.REPLICA_MAX_LAG = 3
    routers.forget_lag()
    with request_scope():
        yield


def lag_of(monkeypatch, seconds):
    calls = []

    def measured():
        calls.append(seconds)
        if isinstance(seconds, Exception):
            raise seconds
        return seconds

    monkeypatch.setattr(routers, "measure_lag", measured)
    routers.forget_lag()
    return calls


def test_within_the_bound_reads_go_to_the_replica(replica, monkeypatch):
    lag_of(monkeypatch, 2.9)
    with replica_reads():
        assert Gemeente.objects.all().db == REPLICA_OR_INERT


def test_past_the_bound_reads_fall_back_to_the_primary(replica, monkeypatch):
    lag_of(monkeypatch, 3.5)
    with replica_reads():
        assert Gemeente.objects.all().db == "default"


def test_an_unreachable_replica_is_a_lagging_one(replica, monkeypatch):
    lag_of(monkeypatch, OperationalError("connection refused"))
    with replica_reads():
        assert Gemeente.objects.all().db == "default"


def test_the_lag_is_measured_once_a_second_not_per_read(replica, monkeypatch):
    calls = lag_of(monkeypatch, 0.5)
    with replica_reads():
        for _ in range(5):
            assert Gemeente.objects.all().db == REPLICA_OR_INERT
    assert len(calls) == (1 if ON_POSTGRESQL else 0)  # inert on SQLite: the replica is never asked


def test_the_lag_of_a_server_not_in_recovery_is_none(replica):
    # The tests' replica is the test database itself: not a standby, so nothing to replay.
    if ON_POSTGRESQL:
        assert routers.measure_lag() == 0
    else:
        assert not routers.replica_configured()
