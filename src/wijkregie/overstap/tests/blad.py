"""Sheets for the import tests: rows as dicts, written as CSV (any delimiter and encoding) or XLSX."""

from __future__ import annotations

import csv
import datetime
import io

from wijkregie.core.bsn import test_bsns

KOPPEN = ["Huishouden", "Relatie", "Gezag", "Voornamen", "Tussenvoegsel", "Achternaam", "Geboortedatum", "BSN",
          "Straat", "Huisnummer", "Postcode", "Woonplaats", "Hulpvraag", "Datum aanmelding", "Team", "Medewerker",
          "Status", "Leefgebied", "Doel"]


def als_csv(rijen: list[dict], koppen=None, *, scheiding=";", codering="utf-8") -> bytes:
    koppen = koppen or KOPPEN
    buffer = io.StringIO(newline="")
    schrijver = csv.DictWriter(buffer, fieldnames=koppen, delimiter=scheiding, lineterminator="\r\n",
                               extrasaction="ignore")
    schrijver.writeheader()
    schrijver.writerows(rijen)
    return buffer.getvalue().encode(codering)


def als_xlsx(rijen: list[dict], koppen=None) -> bytes:
    from openpyxl import Workbook

    koppen = koppen or KOPPEN
    boek = Workbook()
    blad = boek.active
    blad.append(koppen)
    for rij in rijen:
        blad.append([rij.get(k, "") for k in koppen])
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()


def huishoudens(n: int, *, team="Team Noord", medewerker="medewerker", status="uitvoering") -> list[dict]:
    """`n` households of a parent (with a question, a casus and a goal) and a child: 2n rows."""
    bsns = test_bsns()
    rijen = []
    for i in range(n):
        achternaam = f"Overstap{i:04d}"
        rijen.append({
            "Huishouden": f"H{i}", "Relatie": "hoofd", "Gezag": "ja", "Voornamen": "Ouder", "Achternaam": achternaam,
            "Geboortedatum": (datetime.date(1970, 1, 1) + datetime.timedelta(days=i)).strftime("%d-%m-%Y"),
            "BSN": next(bsns), "Straat": "Keizerstraat", "Huisnummer": str(i + 1), "Postcode": "1784 AB",
            "Woonplaats": "Den Helder", "Hulpvraag": f"Vraag {i} uit het oude systeem",
            "Datum aanmelding": "15-09-2014", "Team": team, "Medewerker": medewerker, "Status": status,
            "Leefgebied": "Financiën", "Doel": "Rekeningen op tijd betalen",
        })
        rijen.append({
            "Huishouden": f"H{i}", "Relatie": "kind", "Voornamen": "Kind", "Achternaam": achternaam,
            "Geboortedatum": (datetime.date(2010, 1, 1) + datetime.timedelta(days=i)).strftime("%d-%m-%Y"),
            "BSN": next(bsns),
        })
    return rijen
