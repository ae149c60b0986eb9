"""The decision's own rules in the database: the bezwaartermijn, one number per toewijzing, ordered periods."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from wijkregie.backoffice.models import Beschikking, Toewijzing
from wijkregie.organisatie.models import Mandaat
from wijkregie.plan.models import BeschikkingVerzoek


def _beschikking(world, getekend, **velden):
    verzoek = BeschikkingVerzoek.objects.get(regel__plan=getekend)
    return Beschikking.objects.create(
        gemeente=world.den_helder,
        verzoek=verzoek,
        casus=getekend.casus,
        persoon=getekend.casus.hoofdpersoon,
        wet="wmo",
        besluit="toekenning",
        grondslag="artikel 2.3.5 Wmo 2015",
        motivering="Past bij het plan.",
        besloten_door=world.backoffice,
        mandaat=Mandaat.objects.get(besluit="MB-1"),
        **velden,
    )


def test_the_bezwaartermijn_ends_six_weeks_after_sending(world, getekend):
    beschikking = _beschikking(world, getekend, verzonden_op=datetime.date(2026, 3, 2))
    assert beschikking.bezwaar_tot == datetime.date(2026, 4, 13)
    assert beschikking.kenmerk.endswith(f"-{beschikking.pk:06d}")


def test_a_toewijzingnummer_is_unique_within_the_gemeente_and_periods_run_forward(world, getekend):
    beschikking = _beschikking(world, getekend)
    velden = dict(
        gemeente=world.den_helder,
        beschikking=beschikking,
        productcategorie="02",
        volume=3,
        eenheid="04",
        frequentie="2",
        ingangsdatum=datetime.date(2026, 1, 1),
        aanbieder_agb="12345678",
        aanbieder_naam="Omring",
    )
    Toewijzing.objects.create(toewijzingnummer=1, **velden)
    with pytest.raises(IntegrityError), transaction.atomic():
        Toewijzing.objects.create(toewijzingnummer=1, **velden)
    with pytest.raises(IntegrityError), transaction.atomic():
        Toewijzing.objects.create(toewijzingnummer=2, einddatum=datetime.date(2025, 12, 31), **velden)
