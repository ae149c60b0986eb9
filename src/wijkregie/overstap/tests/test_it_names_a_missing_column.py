"""A column the import cannot do without is named (in the report, for the file), and nothing is read."""

from wijkregie.overstap.services import caseload_check

from .blad import KOPPEN, als_csv, huishoudens


def test_it_names_a_missing_column(world):
    zonder = [k for k in KOPPEN if k != "Geboortedatum"]
    rapport = caseload_check(actor=world.beheerder, data=als_csv(huishoudens(3), zonder))
    assert [(m.rij, m.kolom, m.tekst) for m in rapport.meldingen] == [
        (None, "Geboortedatum", "De kolom ‘Geboortedatum’ ontbreekt.")]


def test_it_names_each_missing_column_and_the_partner_of_a_lonely_one(world):
    zonder = [k for k in KOPPEN if k not in ("Voornamen", "Datum aanmelding", "Leefgebied", "Team", "Medewerker")]
    rapport = caseload_check(actor=world.beheerder, data=als_csv(huishoudens(1), zonder))
    assert {m.kolom for m in rapport.meldingen} == {"Voornamen", "Datum aanmelding", "Team", "Leefgebied"}
    assert all(m.rij is None for m in rapport.meldingen)
