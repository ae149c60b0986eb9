"""A sheet with one bad row among many (200 rows, one BSN failing the elfproef) imports nothing and names
the row and the column."""

from wijkregie.casus.models import Casus
from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.models import Huishouden, Persoon
from wijkregie.overstap.services import caseload_import
from wijkregie.toegang.models import Aanmelding

from .blad import als_csv, huishoudens


def test_it_imports_nothing_when_one_row_is_bad(world):
    rijen = huishoudens(100)
    rijen[137]["BSN"] = "123456789"  # nine digits, the elfproef fails
    voor = (Persoon.objects.count(), Huishouden.objects.count(), Casus.objects.count(), Aanmelding.objects.count(),
            AuditEvent.objects.count())

    rapport = caseload_import(actor=world.beheerder, data=als_csv(rijen))

    assert not rapport.toegepast and rapport.rijen == 200
    assert [(m.rij, m.kolom) for m in rapport.meldingen] == [(139, "BSN")]  # header is row 1
    assert "elfproef" in rapport.meldingen[0].tekst
    assert (Persoon.objects.count(), Huishouden.objects.count(), Casus.objects.count(), Aanmelding.objects.count(),
            AuditEvent.objects.count()) == voor
