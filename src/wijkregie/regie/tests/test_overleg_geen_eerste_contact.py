"""An overleg with betrokkenen is not a contact with the household (issue 15 review): it does not end the
aanmelding's wachttijd, nor tell a referrer that the team has spoken to the resident; a call does."""

import datetime

from django.utils import timezone

from wijkregie.regie import services
from wijkregie.regie.models import Contactmoment
from wijkregie.testing import make_persoon
from wijkregie.toegang.models import Aanmelding
from wijkregie.toegang.services import aanmelding_allocate


def test_only_a_contact_with_the_household_ends_the_wachttijd(world):
    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    aanmelding = Aanmelding.objects.create(
        gemeente=world.den_helder, kanaal="telefoon", vraag="Hulp", persoon=persoon, status="bureaudienst",
        huishouden=persoon.lidmaatschappen.first().huishouden, ontvangen_op=timezone.now() - datetime.timedelta(days=2))
    aanmelding_allocate(
        actor=world.bureaudienst, aanmelding=aanmelding, team=world.team_noord, medewerker=world.medewerker
    )
    aanmelding.refresh_from_db()
    casus = aanmelding.casus
    services.contactmoment_register(actor=world.medewerker, casus=casus, contact=Contactmoment(
        soort="overleg", met_wie="Huisarts", op=timezone.now() - datetime.timedelta(hours=2)))
    aanmelding.refresh_from_db()
    assert aanmelding.eerste_contact_op is None
    gebeld = timezone.now() - datetime.timedelta(hours=1)
    services.contactmoment_register(actor=world.medewerker, casus=casus, contact=Contactmoment(
        soort="telefoon", met_wie="Pieter", op=gebeld))
    aanmelding.refresh_from_db()
    assert aanmelding.eerste_contact_op == gebeld
