"""Signing: the resident's agreement and a mandaat covering every maatwerk line (scope and dates)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wijkregie.organisatie.models import Leefgebied, Mandaat
from wijkregie.plan import selectors, services
from wijkregie.plan.models import Arrangementregel, BeschikkingVerzoek, Doel
from wijkregie.testing import login


def _plan_met_maatwerk(world, casus, *, kosten=Decimal("8000"), wet="wmo", code="02"):
    plan = services.plan_create(actor=world.medewerker, casus=casus)
    Doel.objects.create(gemeente=world.den_helder, plan=plan, omschrijving="Weer zelf de administratie doen",
                        leefgebied=Leefgebied.objects.get(gemeente=world.den_helder, naam="Financiën"))
    Arrangementregel.objects.create(
        gemeente=world.den_helder,
        plan=plan,
        soort="maatwerk",
        omschrijving="Begeleiding thuis",
        wet=wet,
        productcategorie=code,
        volume=Decimal("3"),
        eenheid="04",
        ingangsdatum=datetime.date.today(),
        geraamde_kosten=kosten,
    )
    plan.akkoord_wijze, plan.akkoord_op = "mondeling", datetime.date.today()
    plan.save()
    return plan


def test_signing_without_a_mandaat_for_the_line_is_refused_with_a_clear_message(world, casus):
    plan = _plan_met_maatwerk(world, casus, wet="jeugdwet", code="45")
    with pytest.raises(ValidationError) as error:
        services.plan_sign(actor=world.medewerker, plan=plan)  # her mandaat: Wmo only
    assert "U heeft geen geldig mandaat voor: Jeugdwet – 45" in error.value.messages[0]
    assert "collega met mandaat" in error.value.messages[0]
    plan.refresh_from_db()
    assert plan.status == "concept"


def test_a_covering_mandaat_signs_and_sends_maatwerk_to_the_backoffice(world, casus):
    plan = _plan_met_maatwerk(world, casus)
    services.plan_sign(actor=world.medewerker, plan=plan)  # MB-2: Wmo, no maximum
    plan.refresh_from_db()
    casus.refresh_from_db()
    assert plan.status == "ondertekend" and plan.mandaat.besluit == "MB-2"
    assert BeschikkingVerzoek.objects.filter(regel__plan=plan).count() == 1
    assert casus.status == "uitvoering"
    assert [o.naar for o in casus.overgangen.all()] == ["vraagverheldering", "plan", "uitvoering"]


def test_the_amount_and_the_dates_of_the_mandaat_count(world, casus):
    Mandaat.objects.filter(houder=world.medewerker).update(maximum_bedrag=Decimal("5000"))
    plan = _plan_met_maatwerk(world, casus, kosten=Decimal("8000"))
    with pytest.raises(ValidationError, match="€ 8.000"):
        services.plan_sign(actor=world.medewerker, plan=plan)
    Mandaat.objects.filter(houder=world.medewerker).update(maximum_bedrag=None, geldig_tot=datetime.date(2024, 12, 31))
    with pytest.raises(ValidationError, match="geen geldig mandaat"):
        services.plan_sign(actor=world.medewerker, plan=plan)


def test_without_agreement_or_goals_it_cannot_be_signed(world, casus):
    plan = services.plan_create(actor=world.medewerker, casus=casus)
    with pytest.raises(ValidationError) as error:
        services.plan_sign(actor=world.medewerker, plan=plan)
    assert "Het plan heeft nog geen doel." in error.value.messages
    assert "Leg eerst vast hoe en wanneer het huishouden akkoord gaf." in error.value.messages


def test_offered_to_a_colleague_with_mandaat_who_signs(client, world, casus):
    plan = _plan_met_maatwerk(world, casus, wet="jeugdwet", code="45")
    assert selectors.tekenbevoegden(plan) == [world.backoffice]  # MB-1: Wmo and Jeugdwet
    login(client, world.medewerker)
    response = client.post(
        f"/casussen/{casus.pk}/plan/{plan.versie}/ter-ondertekening/", {"teken-bij": world.backoffice.pk}
    )
    assert response.status_code == 302
    login(client, world.backoffice)
    assert f"/casussen/{casus.pk}/plan/" in client.get("/ter-ondertekening/").content.decode()
    response = client.post(f"/casussen/{casus.pk}/plan/{plan.versie}/ondertekenen/")
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.ondertekend_door == world.backoffice and plan.mandaat.besluit == "MB-1"


def test_the_page_says_why_signing_is_refused(client, world, casus):
    plan = _plan_met_maatwerk(world, casus, wet="jeugdwet", code="45")
    login(client, world.medewerker)
    content = client.post(f"/casussen/{casus.pk}/plan/{plan.versie}/ondertekenen/").content.decode()
    assert "U heeft geen geldig mandaat voor" in content and "Ter ondertekening aanbieden" in content
