"""Both formats read: a CSV saved by Dutch Excel (Windows-1252, semicolons), a comma CSV in UTF-8, and XLSX
with real dates and a BSN typed as a number; the template itself imports as it is shipped."""

import datetime

from wijkregie.inwoners.models import Persoon
from wijkregie.overstap.services import caseload_check, caseload_import
from wijkregie.overstap.sjabloon import sjabloon_csv, sjabloon_xlsx

from .blad import als_csv, als_xlsx, huishoudens


def test_it_reads_a_cp1252_csv_and_says_so(world):
    rijen = huishoudens(1)
    rijen[0]["Achternaam"] = rijen[1]["Achternaam"] = "Çelik-Müller"
    data = als_csv(rijen, codering="cp1252")
    assert b"\xc7" in data  # really Windows-1252, not UTF-8

    rapport = caseload_import(actor=world.beheerder, data=data)

    assert rapport.toegepast, rapport.meldingen
    assert any("Windows-1252" in o for o in rapport.opmerkingen)
    assert Persoon.objects.filter(achternaam="Çelik-Müller").count() == 2


def test_it_reads_a_comma_separated_utf8_csv(world):
    rapport = caseload_check(actor=world.beheerder, data=als_csv(huishoudens(2), scheiding=","))
    assert rapport.ok and rapport.rijen == 4 and not rapport.opmerkingen


def test_it_reads_xlsx_with_dates_and_numbers(world):
    rijen = huishoudens(2)
    rijen[0]["Geboortedatum"] = datetime.datetime(1975, 5, 17)
    rijen[0]["Datum aanmelding"] = datetime.date(2014, 9, 1)
    rijen[0]["BSN"] = int(rijen[0]["BSN"])

    rapport = caseload_import(actor=world.beheerder, data=als_xlsx(rijen))

    assert rapport.toegepast, rapport.meldingen
    ouder = Persoon.objects.get(achternaam="Overstap0000", voornamen="Ouder")
    assert ouder.geboortedatum == datetime.date(1975, 5, 17) and ouder.bsn == str(rijen[0]["BSN"])


def test_it_imports_the_template_as_shipped(world):
    for data in (sjabloon_csv(), sjabloon_xlsx()):
        rapport = caseload_check(actor=world.beheerder, data=data)
        assert rapport.ok, rapport.meldingen
        assert rapport.telling == {"personen": 2, "huishoudens": 1, "aanmeldingen": 1, "casussen": 1, "doelen": 2}
