"""A value longer than its field is a fault at its row and column in the report (PostgreSQL would refuse it
halfway through the import; SQLite would store it silently), as are a malformed postcode and e-mail."""

from wijkregie.overstap.services import caseload_check

from .blad import KOPPEN, als_csv, huishoudens


def test_it_refuses_values_too_long_for_their_field(world):
    rijen = huishoudens(2)
    rijen[0]["Achternaam"] = "A" * 101
    rijen[1]["Telefoon"] = "0" * 31
    rijen[2]["Postcode"] = "17844AB"
    rijen[3]["E-mail"] = "geen-adres"
    rapport = caseload_check(actor=world.beheerder, data=als_csv(rijen, KOPPEN + ["Telefoon", "E-mail"]))
    m = {(x.rij, x.kolom): x.tekst for x in rapport.meldingen}
    assert m[(2, "Achternaam")] == "Te lang: hoogstens 100 tekens."
    assert m[(3, "Telefoon")] == "Te lang: hoogstens 30 tekens."
    assert "4 cijfers en 2 letters" in m[(4, "Postcode")]
    assert "e-mailadres" in m[(5, "E-mail")]
    assert len(rapport.meldingen) == 4
