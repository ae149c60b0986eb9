"""Without a replica alias (no WIJKREGIE_REPLICA_URL) the router changes nothing: marked reads, and every
other read and write, go to the primary, and a write sets no marker cookie."""

from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory

from wijkregie.core import routers
from wijkregie.core.models import Gemeente
from wijkregie.core.routers import COOKIE, PrimaryAfterWriteMiddleware, replica_reads


def test_without_a_replica_everything_stays_on_the_primary(db):
    assert routers.REPLICA not in connections.settings
    seen = []

    def view(request):
        Gemeente.objects.create(naam="Eenstad", slug="eenstad")
        seen.append(Gemeente.objects.all().db)
        with replica_reads():
            seen.append(Gemeente.objects.all().db)
        return HttpResponse("ok")

    response = PrimaryAfterWriteMiddleware(view)(RequestFactory().post("/"))
    assert seen == ["default", "default"]
    assert COOKIE not in response.cookies
