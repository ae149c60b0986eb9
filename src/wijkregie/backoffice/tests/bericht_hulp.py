"""Set-up for the exchange's tests: a Wmo and a Jeugdwet toewijzing to provider 12345678 whose numbers,
clients and dates match the example messages in berichten/ (toewijzing 1001 for BSN 999900006 under the
Jeugdwet, 2001 for BSN 999900018 under the Wmo, both from 2 November 2026)."""

from __future__ import annotations

import datetime
from pathlib import Path

from wijkregie.backoffice.models import Bericht, Beschikking, Toewijzing
from wijkregie.casus.services import casus_open
from wijkregie.testing import make_getekend_plan, make_persoon

from .helpers import toekennen

BERICHTEN = Path(__file__).parent / "berichten"
AGB = "12345678"


def voorbeeld(naam: str) -> bytes:
    return (BERICHTEN / naam).read_bytes()


def toewijzing_voor(world, *, nummer: int, bsn: str, wet: str, categorie: str, code: str = "",
                    achternaam: str = "Bakker") -> Toewijzing:
    persoon = make_persoon(world, "Sanne", achternaam, bsn=bsn, geboortedatum="2012-03-04", straat="Middenweg",
                           huisnummer="12a", postcode="1782 BC", woonplaats="Den Helder")
    casus = casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                       huishouden=persoon.lidmaatschappen.first().huishouden, hoofdpersoon=persoon)
    plan = make_getekend_plan(world, casus)
    beschikking = toekennen(world, plan, productcategorie="02", ingangsdatum=datetime.date(2026, 11, 2),
                            einddatum=datetime.date(2027, 6, 30), aanbieder_agb=AGB)
    Beschikking.objects.filter(pk=beschikking.pk).update(wet=wet)
    # Where commits are real (browser tests) the toekenning queued a 301 for the Wmo product it decided,
    # before the number, law and product were set to match the example messages: not the one to test.
    Bericht.objects.filter(persoon=persoon).delete()
    t = beschikking.toewijzingen.get()
    Toewijzing.objects.filter(pk=t.pk).update(toewijzingnummer=nummer, productcategorie=categorie, productcode=code)
    return Toewijzing.objects.select_related("beschikking__persoon").get(pk=t.pk)


def jw_toewijzing(world) -> Toewijzing:
    return toewijzing_voor(world, nummer=1001, bsn="999900006", wet="jeugdwet", categorie="45", code="45A01")


def wmo_toewijzing(world) -> Toewijzing:
    return toewijzing_voor(world, nummer=2001, bsn="999900018", wet="wmo", categorie="02", achternaam="Visser")
