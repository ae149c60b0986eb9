"""The demo's exchange: every 301 valid, starts answered and applied, one rejection, one request waiting; once."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wijkregie.backoffice.demo_berichten import load_berichten
from wijkregie.backoffice.istandaard import codes, schemas
from wijkregie.backoffice.models import Bericht, BerichtStatus, Berichttaak, Toewijzing

from .bericht_hulp import toewijzing_voor


def test_bericht_demo_exchange_is_valid_and_loaded_once(world):
    eerste = toewijzing_voor(world, nummer=11, bsn="999900043", wet="wmo", categorie="02", achternaam="Smit")
    Toewijzing.objects.filter(pk=eerste.pk).update(ingangsdatum=datetime.date(2026, 1, 5),
                                                   einddatum=datetime.date(2026, 6, 30))
    for i, bsn in enumerate(["999900055", "999900067", "999900079"], start=12):
        toewijzing_voor(world, nummer=i, bsn=bsn, wet="jeugdwet", categorie="45", achternaam=f"Mol{i}")
    assert load_berichten(world.den_helder) > 0
    for bericht in Bericht.objects.all():
        soort = codes.SOORTEN[bericht.soort]
        if schemas.heeft_schema(soort):
            assert schemas.valideer(soort, bericht.inhoud.encode()) == [], bericht
    assert Bericht.objects.filter(soort__endswith="301", status=BerichtStatus.KLAAR).count() == 3
    eerste.refresh_from_db()
    assert eerste.gestart_op is not None  # its start (305) was read and applied
    assert Bericht.objects.filter(identificatie="S-ONBEKEND", retourcodes__contains="9019").exists()
    assert Berichttaak.objects.filter(referentie="VOT-DEMO-1", afgehandeld_op__isnull=True).exists()
    assert load_berichten(world.den_helder) == 0


def test_bericht_demo_only_in_demo_mode(world, settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="demomodus"):
        call_command("berichten", "demo")
