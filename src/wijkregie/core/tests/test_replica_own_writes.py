"""Read your own writes: a request that wrote reads the primary, and so does the same browser for
settings.REPLICA_AFTER_WRITE seconds after (a cookie that expires by itself). Writing the audit trail or
the session is not a write that changes what a page reads."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from wijkregie.core import routers
from wijkregie.core.models import AuditEvent, Gemeente
from wijkregie.core.routers import COOKIE, PrimaryAfterWriteMiddleware, replica_reads, request_scope

from .replica import ON_POSTGRESQL, REPLICA_OR_INERT, replica_alias

# On SQLite the router never opens the replica connection: only PostgreSQL lists it.
pytestmark = pytest.mark.django_db(databases=["default", routers.REPLICA] if ON_POSTGRESQL else ["default"])


@pytest.fixture(scope="module", autouse=True)
def _replica():
    with replica_alias():
        yield


@pytest.fixture
def replica(settings, monkeypatch):
    settings.REPLICA_AFTER_WRITE = 5
    monkeypatch.setattr(routers, "measure_lag", lambda: 0.0)
    routers.forget_lag()


def page(writes: bool, seen: list):
    def view(request):
        if writes:
            Gemeente.objects.create(naam=f"Stad {len(seen)}", slug=f"stad-{len(seen)}")
        with replica_reads():
            seen.append(Gemeente.objects.all().db)
        return HttpResponse("ok")

    return PrimaryAfterWriteMiddleware(view)


def test_a_request_that_wrote_reads_the_primary(replica):
    seen = []
    page(True, seen)(RequestFactory().post("/"))
    assert seen == ["default"]


def test_after_a_write_the_same_browser_reads_the_primary_for_a_few_seconds(replica):
    seen = []
    response = page(True, seen)(RequestFactory().post("/"))
    if ON_POSTGRESQL:
        assert response.cookies[COOKIE]["max-age"] == 5
        assert response.cookies[COOKIE]["httponly"]
    else:
        assert COOKIE not in response.cookies  # inert without a PostgreSQL replica
    again = RequestFactory().get("/")
    again.COOKIES[COOKIE] = "1"
    page(False, seen)(again)
    page(False, seen)(RequestFactory().get("/"))  # another browser, or the cookie has expired
    assert seen == ["default", "default", REPLICA_OR_INERT]


def test_a_request_that_only_read_sets_no_marker(replica):
    seen = []
    response = page(False, seen)(RequestFactory().get("/"))
    assert COOKIE not in response.cookies
    assert seen == [REPLICA_OR_INERT]


def test_writing_the_audit_trail_or_the_session_is_not_a_write_of_the_page(replica):
    router = routers.ReplicaRouter()
    with request_scope() as wrote:
        router.db_for_write(AuditEvent)
        from django.contrib.sessions.models import Session

        router.db_for_write(Session)
        assert not wrote()
        with replica_reads():
            assert Gemeente.objects.all().db == REPLICA_OR_INERT
        router.db_for_write(Gemeente)
        assert wrote()
        with replica_reads():
            assert Gemeente.objects.all().db == "default"
