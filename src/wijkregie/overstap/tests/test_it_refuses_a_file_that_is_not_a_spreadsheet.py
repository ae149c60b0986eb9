"""A file that is not a spreadsheet gives one clear Dutch error for the file, and nothing is read or written."""

import pytest

from wijkregie.inwoners.models import Persoon
from wijkregie.overstap.services import caseload_import

NIET = {
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
    "kapotte xlsx": b"PK\x03\x04" + b"niet echt een zip",
    "brief": b"Beste team,\n\nHierbij de lijst zoals besproken.\nMet vriendelijke groet",
    "leeg": b"",
}


@pytest.mark.parametrize("soort", NIET)
def test_it_refuses_a_file_that_is_not_a_spreadsheet(world, soort):
    rapport = caseload_import(actor=world.beheerder, data=NIET[soort])

    assert not rapport.toegepast and len(rapport.meldingen) == 1
    melding = rapport.meldingen[0]
    assert melding.rij is None and melding.tekst
    assert any(w in melding.tekst for w in ("spreadsheet", "Excel", "leeg")), melding.tekst
    assert not Persoon.objects.exists()
