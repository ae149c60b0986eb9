"""A read the code marks `replica_reads` (monitor, exports, person search) goes to the replica; every other
read, and every write, goes to the primary. On SQLite the router is inert: everything stays on default."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

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
def replica():
    routers.forget_lag()
    with request_scope():
        yield


def test_a_marked_read_runs_on_the_replica(replica):
    with CaptureQueriesContext(connections["default"]) as primary:
        with replica_reads():
            assert Gemeente.objects.all().db == REPLICA_OR_INERT
            Gemeente.objects.exists()
    if ON_POSTGRESQL:
        with CaptureQueriesContext(connections[routers.REPLICA]) as on_replica, replica_reads():
            Gemeente.objects.exists()
        assert [q["sql"] for q in on_replica.captured_queries if "gemeente" in q["sql"]]
        assert not [q["sql"] for q in primary.captured_queries if "gemeente" in q["sql"]]
    else:
        assert [q["sql"] for q in primary.captured_queries if "gemeente" in q["sql"]]


def test_the_decorator_marks_a_function_reads_as_replica_reads(replica):
    @replica_reads
    def where():
        return Gemeente.objects.all().db

    assert where() == REPLICA_OR_INERT
    assert Gemeente.objects.all().db == "default"  # the mark ends with the function


def test_unmarked_reads_and_writes_stay_on_the_primary(replica):
    assert Gemeente.objects.all().db == "default"
    with replica_reads():
        gemeente = Gemeente.objects.create(naam="Schrijfstad", slug="schrijfstad")
    assert gemeente._state.db == "default"


def test_the_replica_gets_no_migrations():
    router = routers.ReplicaRouter()
    assert router.allow_migrate(routers.REPLICA, "core") is False
    assert router.allow_migrate("default", "core") is None


def test_the_monitors_figures_are_read_from_the_replica(replica, world, settings, monkeypatch):
    from wijkregie.monitor import computation
    from wijkregie.monitor.forms import standaard_periode
    from wijkregie.monitor.scope import Filter

    settings.MONITOR_CACHE_SECONDEN = 0  # computed here, not taken from the cache
    gelezen = []
    monkeypatch.setattr(computation, "bereken_rijen", lambda f: gelezen.append(Gemeente.objects.all().db) or [])
    monkeypatch.setattr(computation, "trend", lambda f: gelezen.append(Gemeente.objects.all().db) or [])
    computation.berekend(Filter(world.den_helder, *standaard_periode()))
    assert gelezen == [REPLICA_OR_INERT, REPLICA_OR_INERT]
