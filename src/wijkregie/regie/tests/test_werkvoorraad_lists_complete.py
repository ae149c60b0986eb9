"""Two lists read in one query stay complete when one of them has many more rows than the other."""

import datetime

from django.utils import timezone

from wijkregie.casus.models import Toestemming
from wijkregie.regie.selectors import werkvoorraad
from wijkregie.testing import make_persoon
from wijkregie.toegang.models import Aanmelding, AanmeldingStatus, Triage


def _aanmelding(world, *, dagen_geleden, alarm, medewerker=None):
    persoon = make_persoon(world, "Anna", f"Test{dagen_geleden}")
    # The household agreed to the team: colleagues see the triage's alarm (docs/toegangsbeleid.md).
    Toestemming.objects.create(gemeente=world.den_helder, persoon=persoon, scope="team")
    aanmelding = Aanmelding.objects.create(
        gemeente=world.den_helder, kanaal="telefoon", vraag="Hulp", persoon=persoon, team=world.team_noord,
        medewerker=medewerker, status=AanmeldingStatus.TOEGEDEELD,
        ontvangen_op=timezone.now() - datetime.timedelta(days=dagen_geleden),
    )
    if alarm:
        Triage.objects.create(gemeente=world.den_helder, aanmelding=aanmelding, urgentie="acuut", veiligheid="nee",
                              aard="meervoudig_zonder", uitkomst="specialistisch")
    return aanmelding


def test_it_shows_every_new_allocation_when_older_alarms_fill_the_shared_read(world):
    for i in range(45):  # older alarms of the team, allocated to nobody in particular
        _aanmelding(world, dagen_geleden=100 + i, alarm=True)
    mijn = [_aanmelding(world, dagen_geleden=10 - i, alarm=False, medewerker=world.medewerker) for i in range(5)]
    werk = werkvoorraad(world.medewerker)
    assert len(werk.alarmen) == 20
    assert [a.pk for a in werk.nieuw_toegedeeld] == [a.pk for a in mijn]


def test_it_lists_an_alarm_allocated_to_me_in_both_lists(world):
    beide = _aanmelding(world, dagen_geleden=2, alarm=True, medewerker=world.medewerker)
    werk = werkvoorraad(world.medewerker)
    assert [a.pk for a in werk.alarmen] == [beide.pk]
    assert [a.pk for a in werk.nieuw_toegedeeld] == [beide.pk]
