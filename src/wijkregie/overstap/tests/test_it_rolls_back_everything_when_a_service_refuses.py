"""Whole or nothing: when a service refuses a row the checks did not foresee, halfway through the file,
everything written before it is rolled back and the row is named."""

from django.core.exceptions import ValidationError

from wijkregie.casus.models import Casus
from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.models import Persoon
from wijkregie.overstap import services
from wijkregie.plan.models import Doel

from .blad import als_csv, huishoudens


def test_it_rolls_back_everything_when_a_service_refuses(world, monkeypatch):
    echt = services.doel_save
    aantal = {"n": 0}

    def weigert_de_vijfde(**kwargs):
        aantal["n"] += 1
        if aantal["n"] == 5:
            raise ValidationError({"leefgebied": "Dit leefgebied is net uitgezet."})
        return echt(**kwargs)

    monkeypatch.setattr(services, "doel_save", weigert_de_vijfde)
    voor = AuditEvent.objects.count()

    rapport = services.caseload_import(actor=world.beheerder, data=als_csv(huishoudens(8)))

    assert aantal["n"] == 5 and not rapport.toegepast
    assert [(m.rij, m.kolom) for m in rapport.meldingen] == [(10, "Leefgebied")]  # household 4's parent row
    assert not Persoon.objects.filter(achternaam__startswith="Overstap").exists()
    assert not Casus.objects.exists() and not Doel.objects.exists()
    assert AuditEvent.objects.count() == voor
