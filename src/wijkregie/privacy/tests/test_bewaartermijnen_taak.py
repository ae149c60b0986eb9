"""The daily retention run is a background task: queued from cron, run by the worker."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from wijkregie.casus.models import Casus
from wijkregie.core.models import AuditEvent
from wijkregie.regie.services import casus_close


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_queued_retention_task(world, casus, getekend, monkeypatch):
    casus_close(actor=world.medewerker, casus=casus, reden="01")
    later = timezone.now() + datetime.timedelta(days=365 * 11)
    monkeypatch.setattr(timezone, "now", lambda: later)
    out = io.StringIO()
    call_command("bewaartermijnen", "--wachtrij", stdout=out)
    assert "wachtrij" in out.getvalue() and Casus.objects.filter(pk=casus.pk).exists()  # queued, not yet run
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO())
    assert not Casus.objects.filter(pk=casus.pk).exists()
    assert AuditEvent.objects.filter(object_type="bewaartermijn", actie="D").count() == 1
