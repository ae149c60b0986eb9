"""Background tasks (django-tasks, database backend): reminders for overdue evaluations and check-ins."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from wijkregie.casus.models import Status

from .models import CheckIn, Evaluatie, Herinnering


def herinneringen_aanmaken() -> int:
    """One reminder per overdue evaluation and check-in, for whoever holds it; returns how many are new."""
    vandaag = timezone.localdate()
    nieuw = []
    # The key names the item and the person: after a handover the new holder is reminded too.
    for e in Evaluatie.objects.filter(gehouden_op__isnull=True, vervallen=False, gepland_op__lt=vandaag,
                                      casus__medewerker__isnull=False).exclude(casus__status=Status.AFGESLOTEN).select_related("casus"):
        nieuw.append(Herinnering(gemeente_id=e.gemeente_id, medewerker_id=e.casus.medewerker_id, casus=e.casus,
                                 sleutel=f"evaluatie:{e.pk}:{e.casus.medewerker_id}",
                                 tekst=f"Evaluatie van {e.gepland_op:%d-%m-%Y} is nog niet gehouden"))
    for c in CheckIn.objects.filter(gedaan_op__isnull=True, vervallen=False, gepland_op__lt=vandaag).exclude(
            casus__status=Status.AFGESLOTEN):
        nieuw.append(Herinnering(gemeente_id=c.gemeente_id, medewerker_id=c.medewerker_id, casus_id=c.casus_id,
                                 sleutel=f"checkin:{c.pk}:{c.medewerker_id}",
                                 tekst=f"Check-in van {c.gepland_op:%d-%m-%Y} is nog niet gedaan"))
    with transaction.atomic():
        voor = Herinnering.objects.count()
        Herinnering.objects.bulk_create(nieuw, ignore_conflicts=True)
        return Herinnering.objects.count() - voor


@task()
def herinneringen_maken() -> int:
    return herinneringen_aanmaken()
