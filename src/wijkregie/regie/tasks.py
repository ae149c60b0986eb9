"""Background tasks (django-tasks, database backend): reminders for overdue evaluations and check-ins,
and for a member of a household with a running casus who reached an age at which consent changes."""

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from wijkregie.casus.models import Casus, Status
from wijkregie.casus.toestemming import LEEFTIJD_MEE, LEEFTIJD_ZELF, jaren_terug
from wijkregie.inwoners.models import Lidmaatschap

from .models import CheckIn, Evaluatie, Herinnering


def herinneringen_aanmaken() -> int:
    """One reminder per overdue evaluation and check-in, for whoever holds it; returns how many are new."""
    vandaag = timezone.localdate()
    nieuw = []
    # The key names the item and the person: after a handover the new holder is reminded too.
    for e in (
        Evaluatie.objects.filter(
            gehouden_op__isnull=True, vervallen=False, gepland_op__lt=vandaag, casus__medewerker__isnull=False
        )
        .exclude(casus__status=Status.AFGESLOTEN)
        .select_related("casus")
    ):
        nieuw.append(Herinnering(gemeente_id=e.gemeente_id, medewerker_id=e.casus.medewerker_id, casus=e.casus,
                                 sleutel=f"evaluatie:{e.pk}:{e.casus.medewerker_id}",
                                 tekst=f"Evaluatie van {e.gepland_op:%d-%m-%Y} is nog niet gehouden"))
    for c in CheckIn.objects.filter(gedaan_op__isnull=True, vervallen=False, gepland_op__lt=vandaag).exclude(
            casus__status=Status.AFGESLOTEN):
        nieuw.append(Herinnering(gemeente_id=c.gemeente_id, medewerker_id=c.medewerker_id, casus_id=c.casus_id,
                                 sleutel=f"checkin:{c.pk}:{c.medewerker_id}",
                                 tekst=f"Check-in van {c.gepland_op:%d-%m-%Y} is nog niet gedaan"))
    nieuw += _leeftijdsgrenzen(vandaag)
    with transaction.atomic():
        voor = Herinnering.objects.count()
        Herinnering.objects.bulk_create(nieuw, ignore_conflicts=True)
        return Herinnering.objects.count() - voor


#: Birthdays at which the consent rules change (casus/toestemming.py), with what the regisseur should do.
LEEFTIJDSGRENZEN = {
    LEEFTIJD_MEE: (
        "{naam} is 12 geworden: leg ook de eigen toestemming vast, "
        "anders zien collega's en partners de casus niet meer"
    ),
    LEEFTIJD_ZELF: "{naam} is 16 geworden: de toestemming van de ouders telt niet meer; vraag die van {naam} zelf",
}


def _leeftijdsgrenzen(vandaag, dagen: int = 30) -> list[Herinnering]:
    """A member of a household with a running casus who turned 12 or 16 in the last `dagen` days: from that
    birthday other people's consent counts, so the casus may have dropped out of the team's sight."""
    uit = []
    for leeftijd, tekst in LEEFTIJDSGRENZEN.items():
        grens = jaren_terug(vandaag, leeftijd)
        leden = list(Lidmaatschap.objects.huidig(vandaag).filter(
            persoon__geboortedatum__gt=grens - datetime.timedelta(days=dagen), persoon__geboortedatum__lte=grens)
            .values_list("persoon_id", "persoon__voornamen", "huishouden_id"))
        casussen = {c.huishouden_id: c for c in Casus.objects.filter(
            huishouden_id__in={h for _p, _n, h in leden}, medewerker__isnull=False).exclude(status=Status.AFGESLOTEN)}
        for persoon_id, voornaam, huishouden_id in leden:
            casus = casussen.get(huishouden_id)
            if casus is not None:
                uit.append(Herinnering(gemeente_id=casus.gemeente_id, medewerker_id=casus.medewerker_id, casus=casus,
                                       sleutel=f"leeftijd{leeftijd}:{persoon_id}:{casus.pk}",
                                       tekst=tekst.format(naam=voornaam)[:200]))
    return uit


@task()
def herinneringen_maken() -> int:
    return herinneringen_aanmaken()
