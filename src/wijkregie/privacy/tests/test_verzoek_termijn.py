"""The one-month deadline of a request, extendable with reasons to at most three months after receipt."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from wijkregie.privacy.models import Verzoek
from wijkregie.privacy.verzoeken import maanden_na, uiterlijk, verzoek_verlengen
from wijkregie.testing import make_persoon


@pytest.mark.parametrize(
    "ontvangen, verwacht",
    [
        ("2026-11-20", "2026-12-20"),
        ("2026-01-31", "2026-02-28"),
        ("2028-01-31", "2028-02-29"),
        ("2026-12-15", "2027-01-15"),
    ],
)
def test_a_month_after_receipt(ontvangen, verwacht):
    assert maanden_na(datetime.date.fromisoformat(ontvangen), 1) == datetime.date.fromisoformat(verwacht)


def test_an_extension_needs_reasons_and_ends_within_three_months(world):
    persoon = make_persoon(world, "Pieter", "Jansen")
    verzoek = Verzoek.objects.create(gemeente=world.den_helder, soort="correctie", persoon=persoon,
                                      ontvangen_op=datetime.date(2026, 11, 20), identiteit="paspoort",
                                      omschrijving="x", veld="achternaam", nieuwe_waarde="Janssen")
    assert uiterlijk(verzoek) == datetime.date(2026, 12, 20)
    with pytest.raises(ValidationError) as fout:
        verzoek_verlengen(actor=world.privacyfunctionaris, verzoek=verzoek, tot=datetime.date(2027, 1, 20), reden=" ")
    assert "reden" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        verzoek_verlengen(actor=world.privacyfunctionaris, verzoek=verzoek, tot=datetime.date(2027, 2, 21),
                          reden="Archief moet worden geraadpleegd")
    assert "uiterlijk drie maanden na ontvangst (20-02-2027)" in fout.value.message_dict["tot"][0]
    verzoek_verlengen(actor=world.privacyfunctionaris, verzoek=verzoek, tot=datetime.date(2027, 2, 20),
                      reden="Archief moet worden geraadpleegd")
    verzoek.refresh_from_db()
    assert uiterlijk(verzoek) == datetime.date(2027, 2, 20) and "Archief" in verzoek.verlenging_reden
