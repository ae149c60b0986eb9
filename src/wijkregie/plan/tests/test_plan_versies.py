"""A signed plan is never edited: only a new version, with the difference visible."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from wijkregie.organisatie.models import Leefgebied
from wijkregie.plan import selectors, services
from wijkregie.plan.models import Arrangementregel, Doel, Ondersteuningsplan
from wijkregie.testing import login


@pytest.fixture
def getekend(world, casus):
    plan = services.plan_create(actor=world.medewerker, casus=casus)
    Doel.objects.create(gemeente=world.den_helder, plan=plan, omschrijving="Schulden op orde",
                        leefgebied=Leefgebied.objects.get(gemeente=world.den_helder, naam="Financiën"))
    Arrangementregel.objects.create(gemeente=world.den_helder, plan=plan, soort="eigen_kracht",
                                    omschrijving="Post samen openen", wie="dochter Anna")
    plan.akkoord_wijze, plan.akkoord_op = "mondeling", datetime.date.today()
    plan.save()
    return services.plan_sign(actor=world.medewerker, plan=plan)


def test_a_signed_plan_refuses_every_change(world, getekend):
    with pytest.raises(ValidationError, match="nieuwe versie"):
        services.doel_save(
            actor=world.medewerker,
            plan=getekend,
            doel=Doel(omschrijving="x", leefgebied=getekend.doelen.first().leefgebied),
        )
    with pytest.raises(ValidationError):
        services.plan_update(actor=world.medewerker, plan=getekend, velden=["matched_care"])
    getekend.matched_care = "achteraf aangepast"
    with pytest.raises(ValueError):
        getekend.save()
    with pytest.raises(ValueError):
        getekend.doelen.first().delete()
    assert Ondersteuningsplan.objects.get(pk=getekend.pk).matched_care == ""


def test_a_new_version_copies_and_shows_the_difference(client, world, getekend):
    nieuw = services.plan_new_version(actor=world.medewerker, plan=getekend)
    assert nieuw.versie == 2 and nieuw.status == "concept" and nieuw.vorige == getekend
    assert nieuw.doelen.count() == 1 and nieuw.regels.count() == 1
    Arrangementregel.objects.create(gemeente=world.den_helder, plan=nieuw, soort="vrij", omschrijving="Budgetcursus",
                                    voorziening=world.voorziening_vrij)
    nieuw.doelen.first().delete()
    nieuw.matched_care = "Meer nadruk op het netwerk."
    nieuw.save()
    verschil = selectors.verschil(getekend, nieuw)
    assert verschil["toegevoegd"] == ["Vrij toegankelijke voorziening: Budgetcursus, Algemeen maatschappelijk werk"]
    assert verschil["vervallen"] == ["Financiën: Schulden op orde (prioriteit 1)"]
    assert verschil["gewijzigd"] == ["waarom deze hulp nu past"]
    login(client, world.medewerker)
    content = client.get(f"/casussen/{getekend.casus_id}/plan/").content.decode()
    assert "Verschil met versie 1" in content and "Budgetcursus" in content
    with pytest.raises(ValidationError):
        services.plan_new_version(actor=world.medewerker, plan=getekend)  # only one successor


def test_a_changed_volume_shows_as_a_difference_and_asks_a_new_beschikking_only_for_it(world, casus):
    from decimal import Decimal

    from wijkregie.plan.models import BeschikkingVerzoek

    plan = services.plan_create(actor=world.medewerker, casus=casus)
    Doel.objects.create(gemeente=world.den_helder, plan=plan, omschrijving="x",
                        leefgebied=Leefgebied.objects.get(gemeente=world.den_helder, naam="Financiën"))
    for code in ("01", "02"):
        Arrangementregel.objects.create(
            gemeente=world.den_helder,
            plan=plan,
            soort="maatwerk",
            omschrijving=f"Product {code}",
            wet="wmo",
            productcategorie=code,
            volume=Decimal("3"),
            eenheid="04",
            ingangsdatum=datetime.date(2026, 1, 1),
        )
    plan.akkoord_wijze, plan.akkoord_op = "mondeling", datetime.date.today()
    plan.save()
    plan = services.plan_sign(actor=world.medewerker, plan=plan)
    nieuw = services.plan_new_version(actor=world.medewerker, plan=plan)
    nieuw.regels.filter(productcategorie="02").update(volume=Decimal("40"))
    nieuw.akkoord_wijze, nieuw.akkoord_op = "mondeling", datetime.date.today()
    nieuw.save()
    verschil = selectors.verschil(plan, nieuw)
    assert any("40 uur" in r for r in verschil["toegevoegd"]) and any("3 uur" in r for r in verschil["vervallen"])
    services.plan_sign(actor=world.medewerker, plan=nieuw)
    assert list(
        BeschikkingVerzoek.objects.filter(regel__plan=nieuw).values_list("regel__productcategorie", flat=True)
    ) == ["02"]


def test_bulk_writes_cannot_change_a_signed_plan(world, getekend):
    with pytest.raises(ValueError):
        Ondersteuningsplan.objects.filter(pk=getekend.pk).update(matched_care="stiekem")
    with pytest.raises(ValueError):
        getekend.doelen.all().delete()
    with pytest.raises(ValueError):
        Arrangementregel.objects.filter(plan=getekend).update(omschrijving="stiekem")
    with pytest.raises(ValueError):
        getekend.delete()


def test_the_form_asks_what_each_kind_of_line_needs(client, world, casus):
    plan = services.plan_create(actor=world.medewerker, casus=casus)
    login(client, world.medewerker)
    url = f"/casussen/{casus.pk}/plan/{plan.versie}/afspraken/"
    for soort, boodschap in [("eigen_kracht", "Wie uit het netwerk doet dit?"), ("vrij", "Kies de voorziening"),
                             ("kortdurend", "Hoeveel contacten zijn afgesproken?"), ("maatwerk", "Onder welke wet"),
                             ("pgb", "Beschrijf het eigen plan")]:
        response = client.post(url, {"regel-soort": soort, "regel-omschrijving": "Iets"})
        assert boodschap in response.content.decode(), soort
    response = client.post(url, {"regel-soort": "maatwerk", "regel-omschrijving": "Begeleiding",
                                 "regel-wet": "wmo", "regel-productcategorie": "45", "regel-volume": "0",
                                 "regel-eenheid": "04", "regel-ingangsdatum": "2026-01-01"})
    assert "Kies per wanneer het volume geldt" in response.content.decode()
    content = response.content.decode()
    assert "Deze productcategorie hoort niet bij de gekozen wet." in content
    assert "Het volume moet groter dan nul zijn." in content
    assert 'value="Begeleiding"' in content
