"""Reminders are made by a background task (django-tasks, database backend) and run by the worker."""

import datetime
import io

import pytest

from django.core.management import call_command
from django.utils import timezone

from wijkregie.regie.models import CheckIn, Evaluatie, Herinnering
from wijkregie.testing import login


# The worker closes its database connection when the batch is done, as a real worker process does;
# outside a test transaction Django simply reconnects.
@pytest.mark.django_db(transaction=True)
def test_the_worker_turns_overdue_work_into_reminders_once(client, world, getekend):
    Evaluatie.objects.filter(casus=getekend.casus).update(gepland_op=timezone.localdate() - datetime.timedelta(days=5))
    CheckIn.objects.create(gemeente=world.den_helder, casus=getekend.casus, medewerker=world.collega,
                           gepland_op=timezone.localdate() - datetime.timedelta(days=1))
    out = io.StringIO()
    call_command("herinneringen", stdout=out)
    assert "wachtrij" in out.getvalue() and not Herinnering.objects.exists()  # queued, not yet run
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO())
    assert set(Herinnering.objects.values_list("medewerker__username", flat=True)) == {"medewerker", "collega"}
    call_command("herinneringen", "--direct", stdout=out)
    assert Herinnering.objects.count() == 2  # once per overdue item
    login(client, world.medewerker)
    assert "nog niet gehouden" in client.get("/").content.decode()


def test_a_reminder_goes_away_when_the_work_is_done(world, getekend):
    from wijkregie.regie import services
    from wijkregie.regie.tasks import herinneringen_aanmaken

    checkin = CheckIn.objects.create(gemeente=world.den_helder, casus=getekend.casus, medewerker=world.medewerker,
                                     gepland_op=timezone.localdate() - datetime.timedelta(days=1))
    assert herinneringen_aanmaken() == 1
    services.checkin_doen(actor=world.medewerker, checkin=checkin, notitie="gebeld")
    assert not Herinnering.objects.exists()
