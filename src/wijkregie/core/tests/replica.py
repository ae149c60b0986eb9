"""A 'replica' alias for the router's tests (test_replica_*.py): a second connection to the test database
itself, as Django's TEST={'MIRROR': 'default'} makes one, so no second server is needed. On SQLite the
router is inert whatever the alias; on PostgreSQL reads marked `replica_reads` go to this connection.

The alias must exist before pytest-django sets up a test's databases (it refuses an unknown alias in
`databases`), so a test module adds it for its whole run with a module-scoped autouse fixture:

    pytestmark = pytest.mark.django_db(databases=["default", "replica"])

    @pytest.fixture(scope="module", autouse=True)
    def _replica():
        with replica_alias():
            yield
"""

from __future__ import annotations

import contextlib

from django.db import connection, connections

from wijkregie.core import routers

ON_POSTGRESQL = connection.vendor == "postgresql"
# Where a read marked `replica_reads` goes while the replica is usable: nowhere else than default on SQLite.
REPLICA_OR_INERT = routers.REPLICA if ON_POSTGRESQL else "default"


@contextlib.contextmanager
def replica_alias():
    added = routers.REPLICA not in connections.settings
    if added:
        settings_dict = dict(connections["default"].settings_dict)
        settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "MIRROR": "default"}
        connections.settings[routers.REPLICA] = settings_dict
    routers.forget_lag()
    try:
        yield
    finally:
        routers.forget_lag()
        if added:
            # An open connection would keep the test database from being dropped at the end of the run.
            connections[routers.REPLICA].close()
            del connections[routers.REPLICA]
            del connections.settings[routers.REPLICA]
