"""Shared set-up of the backoffice tests: a signed plan's request and a decision on it."""

from __future__ import annotations

import datetime
from decimal import Decimal

from wijkregie.backoffice import services
from wijkregie.backoffice.services import Product
from wijkregie.plan.models import BeschikkingVerzoek

GELDIG = {
    "besluit": "toekenning", "grondslag": "artikel 2.3.5 Wmo 2015",
    "motivering": "U heeft hulp nodig om uw administratie weer zelf te doen.", "productcategorie": "02",
    "productcode": "02A01", "volume": "3", "eenheid": "04", "frequentie": "2", "variant": "inspanningsgericht",
    "ingangsdatum": "2026-01-05", "einddatum": "2026-06-30", "aanbieder_agb": "12345678",
    "aanbieder_naam": "Omring",
}


def getekend_plan(world, casus, *, wet="wmo", productcategorie="02", signer=None, voorkeursaanbieder=None):
    """A signed plan with one maatwerk line under `wet`, signed by `signer` (default: Sanne, Wmo mandaat MB-2;
    the backoffice's MB-1 covers the Jeugdwet too)."""
    from wijkregie.organisatie.models import Leefgebied
    from wijkregie.plan import services as plan_services
    from wijkregie.plan.models import Arrangementregel, Doel

    plan = plan_services.plan_create(actor=world.medewerker, casus=casus)
    Doel.objects.create(gemeente=world.den_helder, plan=plan, omschrijving="Weer naar school",
                        leefgebied=Leefgebied.objects.get(gemeente=world.den_helder, naam="Financiën"))
    Arrangementregel.objects.create(
        gemeente=world.den_helder,
        plan=plan,
        soort="maatwerk",
        omschrijving="Jeugdhulp thuis",
        wet=wet,
        productcategorie=productcategorie,
        volume=Decimal("2"),
        eenheid="04",
        frequentie="2",
        ingangsdatum=datetime.date.today(),
        voorkeursaanbieder=voorkeursaanbieder,
    )
    plan.akkoord_wijze, plan.akkoord_op = "mondeling", datetime.date.today()
    plan.save()
    if signer is not None and signer != world.medewerker:
        # Whoever does not work in the file signs what the team offered them (plan.services).
        plan = plan_services.plan_offer_for_signing(actor=world.medewerker, plan=plan, bij=signer)
    return plan_services.plan_sign(actor=signer or world.medewerker, plan=plan)


def verzoek_van(plan) -> BeschikkingVerzoek:
    return BeschikkingVerzoek.objects.get(regel__plan=plan)


def product(**velden) -> Product:
    waarden = dict(productcategorie="02", productcode="", volume=3, eenheid="04", frequentie="2",
                   variant="inspanningsgericht", ingangsdatum=datetime.date.today(),
                   einddatum=datetime.date.today() + datetime.timedelta(days=180), aanbieder_agb="12345678",
                   aanbieder_naam="Omring")
    waarden.update(velden)
    return Product(**waarden)


def toekennen(world, plan, **velden):
    verzoek = verzoek_van(plan)
    return services.beschikking_issue(
        actor=world.backoffice, verzoek=verzoek, besluit="toekenning", grondslag="artikel 2.3.5 Wmo 2015",
        motivering="Past bij het plan.", persoon_id=plan.casus.hoofdpersoon_id, product=product(**velden))


__all__ = ["GELDIG", "Decimal", "toekennen", "verzoek_van", "product"]
