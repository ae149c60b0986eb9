import datetime
from decimal import Decimal

import pytest

from wijkregie.casus.services import casus_open
from wijkregie.organisatie.models import Leefgebied
from wijkregie.plan import services as plan_services
from wijkregie.plan.models import Arrangementregel, Doel
from wijkregie.testing import make_persoon


@pytest.fixture
def casus(world):
    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    return casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                      huishouden=persoon.lidmaatschappen.first().huishouden, hoofdpersoon=persoon)


@pytest.fixture
def getekend(world, casus):
    """The casus with a signed plan (one goal, one Wmo maatwerk line): it is in uitvoering."""
    plan = plan_services.plan_maken(actor=world.medewerker, casus=casus)
    Doel.objects.create(gemeente=world.den_helder, plan=plan, omschrijving="Rekeningen zelf betalen",
                        leefgebied=Leefgebied.objects.get(gemeente=world.den_helder, naam="Financiën"))
    Arrangementregel.objects.create(gemeente=world.den_helder, plan=plan, soort="maatwerk", omschrijving="Begeleiding",
                                    wet="wmo", productcategorie="02", volume=Decimal("2"), eenheid="04",
                                    ingangsdatum=datetime.date.today())
    plan.akkoord_wijze, plan.akkoord_op = "mondeling", datetime.date.today()
    plan.save()
    plan = plan_services.plan_ondertekenen(actor=world.medewerker, plan=plan)
    casus.refresh_from_db()
    return plan
