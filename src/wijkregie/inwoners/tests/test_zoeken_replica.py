"""Person search only reads: it goes to the replica (issue 17), unless this request or browser has just written.
On SQLite the router is inert and the search reads the one database."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from wijkregie.core import routers
from wijkregie.core.routers import request_scope
from wijkregie.core.tests.replica import ON_POSTGRESQL, replica_alias
from wijkregie.inwoners.selectors import personen_zoeken
from wijkregie.testing import make_persoon

pytestmark = pytest.mark.django_db(databases=["default", routers.REPLICA] if ON_POSTGRESQL else ["default"])


@pytest.fixture(scope="module", autouse=True)
def _replica():
    with replica_alias():
        yield


def _persoon_reads(alias):
    return CaptureQueriesContext(connections[alias])


def _zoekt_personen(captured) -> bool:
    return any('FROM "inwoners_persoon"' in q["sql"] for q in captured.captured_queries)


def test_it_searches_on_the_replica(world):
    make_persoon(world, "Pieter", "Jansen", team=world.team_noord)
    routers.forget_lag()
    with request_scope(), _persoon_reads("default") as primary:
        if ON_POSTGRESQL:
            # The test's replica is a second connection to the test database: it does not see the rows this
            # test's transaction made, so only where the search went is asserted here.
            with _persoon_reads(routers.REPLICA) as replica:
                personen_zoeken(world.medewerker, "pieter jansen")
            assert _zoekt_personen(replica)
            assert not _zoekt_personen(primary)
        else:
            gevonden = personen_zoeken(world.medewerker, "pieter jansen")
            assert _zoekt_personen(primary)
            assert [p.naam for p in gevonden] == ["Pieter Jansen"]


def test_after_a_write_the_search_reads_the_primary(world):
    persoon = make_persoon(world, "Pieter", "Jansen", team=world.team_noord)
    routers.forget_lag()
    with request_scope(), _persoon_reads("default") as primary:
        persoon.achternaam = "Janssen"
        persoon.save()  # the request has written: its reads see its own write
        gevonden = personen_zoeken(world.medewerker, "pieter janssen")
    assert _zoekt_personen(primary)
    assert [p.naam for p in gevonden] == ["Pieter Janssen"]
