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
    services.checkin_complete(actor=world.medewerker, checkin=checkin, notitie="gebeld")
    assert not Herinnering.objects.exists()


def test_a_member_turning_12_or_16_is_a_task_for_the_regisseur(world):
    """From the 12th birthday the child's own consent is needed, from the 16th the parents' no longer counts:
    the casus may have dropped out of the team's sight, so its medewerker is told (once)."""
    import datetime as dt

    from django.utils import timezone as tz

    from wijkregie.casus.models import Casus
    from wijkregie.inwoners.models import Lidmaatschap, Persoon
    from wijkregie.inwoners.services import persoon_create
    from wijkregie.regie.models import Herinnering
    from wijkregie.regie.tasks import herinneringen_aanmaken
    from wijkregie.testing import make_persoon

    moeder = make_persoon(world, "Ilse", "Bakker", team=world.team_noord, regisseur=world.medewerker)
    huishouden = Lidmaatschap.objects.get(persoon=moeder).huishouden
    vandaag = tz.localdate()
    for naam, jaren in (("Noor", 12), ("Sem", 16), ("Fien", 11)):
        persoon_create(actor=world.medewerker, persoon=Persoon(
            voornamen=naam, achternaam="Bakker",
            geboortedatum=vandaag.replace(year=vandaag.year - jaren) - dt.timedelta(days=3)),
            huishouden=huishouden, relatie="kind")
    Herinnering.objects.all().delete()  # the new-member tasks of persoon_create
    assert herinneringen_aanmaken() == 2
    teksten = sorted(
        Herinnering.objects.filter(casus=Casus.objects.get(huishouden=huishouden)).values_list("tekst", flat=True)
    )
    assert teksten[0].startswith("Noor is 12 geworden") and teksten[1].startswith("Sem is 16 geworden")
    assert herinneringen_aanmaken() == 0  # once
