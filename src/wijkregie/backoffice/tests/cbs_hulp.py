"""Shared set-up of the CBS tests: a child with a Jeugdwet toewijzing, and a child with the wijkteam's own help."""

from __future__ import annotations

import datetime
from decimal import Decimal

from wijkregie.backoffice.models import Toewijzing
from wijkregie.casus.models import Casus
from wijkregie.core.bsn import test_bsns
from wijkregie.organisatie.models import Leefgebied
from wijkregie.plan import services as plan_services
from wijkregie.plan.models import Arrangementregel, Doel
from wijkregie.testing import make_persoon

from .helpers import getekend_plan, toekennen

BSNS = test_bsns()
PERIODE_BEGIN = datetime.date(2026, 1, 1)
PERIODE_EINDE = datetime.date(2026, 6, 30)


def kind(world, voornaam: str = "Sem", achternaam: str = "de Vries", **velden):
    waarden = dict(bsn=next(BSNS), geboortedatum=datetime.date(2014, 5, 1), postcode="1784 AB")
    waarden.update(velden)
    return make_persoon(world, voornaam, achternaam, team=world.team_noord, regisseur=world.medewerker, **waarden)


def jeugd_toewijzing(world, persoon, *, productcategorie="45", ingangsdatum=datetime.date(2026, 2, 1),
                     einddatum=datetime.date(2027, 1, 31), **velden) -> Toewijzing:
    """A Jeugdwet beschikking with one toewijzing for `persoon`; `velden` set afterwards (gestart_op, gestopt_op,
    reden_beeindiging, ...), as the provider's 305/307 would."""
    casus = Casus.objects.get(hoofdpersoon=persoon)
    plan = getekend_plan(world, casus, wet="jeugdwet", productcategorie=productcategorie, signer=world.backoffice)
    toewijzing = toekennen(world, plan, productcategorie=productcategorie, ingangsdatum=ingangsdatum,
                           einddatum=einddatum).toewijzingen.get()
    if velden:
        Toewijzing.objects.filter(pk=toewijzing.pk).update(**velden)
        toewijzing.refresh_from_db()
    return toewijzing


def wijkteam_hulp(world, persoon, *, ingangsdatum=datetime.date(2026, 3, 1), einddatum=None, voor_kind=True):
    """A signed plan with kortdurende ondersteuning by the wijkteam, its goal the child's (or the household's)."""
    casus = Casus.objects.get(hoofdpersoon=persoon)
    plan = plan_services.plan_create(actor=world.medewerker, casus=casus)
    doel = Doel.objects.create(gemeente=world.den_helder, plan=plan, persoon=persoon if voor_kind else None,
                               omschrijving="Weer naar school",
                               leefgebied=Leefgebied.objects.get(gemeente=world.den_helder, naam="Financiën"))
    regel = Arrangementregel.objects.create(gemeente=world.den_helder, plan=plan, doel=doel, soort="kortdurend",
                                            omschrijving="Opvoedondersteuning", medewerker=world.medewerker,
                                            aantal_contacten=6, ingangsdatum=ingangsdatum, einddatum=einddatum)
    Arrangementregel.objects.create(gemeente=world.den_helder, plan=plan, soort="maatwerk", omschrijving="Begeleiding",
                                    wet="wmo", productcategorie="02", volume=Decimal("2"), eenheid="04", frequentie="2",
                                    ingangsdatum=ingangsdatum)
    plan.akkoord_wijze, plan.akkoord_op = "mondeling", datetime.date.today()
    plan.save()
    plan_services.plan_sign(actor=world.medewerker, plan=plan)
    return regel


def wmo_toewijzing(world, persoon, *, productcategorie="02", ingangsdatum=datetime.date(2026, 2, 1),
                   einddatum=datetime.date(2027, 1, 31), **velden) -> Toewijzing:
    """A Wmo beschikking with one toewijzing for `persoon` (a maatwerkvoorziening for the GMSD figures)."""
    casus = Casus.objects.get(hoofdpersoon=persoon)
    plan = getekend_plan(world, casus, wet="wmo", productcategorie=productcategorie)
    toewijzing = toekennen(world, plan, productcategorie=productcategorie, ingangsdatum=ingangsdatum,
                           einddatum=einddatum).toewijzingen.get()
    if velden:
        Toewijzing.objects.filter(pk=toewijzing.pk).update(**velden)
        toewijzing.refresh_from_db()
    return toewijzing
