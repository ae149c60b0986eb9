import datetime

import pytest
from django.utils import timezone

from wijkregie.toegang.models import Aanmelding, Triage


def maak_aanmeldingen(gemeente, team, aantal, *, kanaal="telefoon", dagen_geleden=10, aard="informatie"):
    op = timezone.now() - datetime.timedelta(days=dagen_geleden)
    for _ in range(aantal):
        a = Aanmelding.objects.create(gemeente=gemeente, kanaal=kanaal, vraag="vraag", ontvangen_op=op, team=team,
                                      eerste_contact_op=op + datetime.timedelta(days=2))
        Triage.objects.create(gemeente=gemeente, aanmelding=a, aard=aard, uitkomst="kortdurend")


@pytest.fixture
def cijfers(world):
    """Team Noord: 7 by phone and 3 by e-mail; team Zuid: 2 from partners; Voorbeeldgemeente: 6 by phone."""
    maak_aanmeldingen(world.den_helder, world.team_noord, 7)
    maak_aanmeldingen(world.den_helder, world.team_noord, 3, kanaal="email")
    maak_aanmeldingen(world.den_helder, world.team_zuid, 2, kanaal="partner")
    maak_aanmeldingen(world.voorbeeld, world.team_dorp, 6, kanaal="inloop")
