"""Both CSV exports follow Dutch conventions (issue 13, fault 9): Dutch column names, a decimal comma and
';' between fields, UTF-8 with a byte order mark, whatever the user's language; the XLSX has the same
column names and real numbers."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from wijkregie.testing import login


def _regels(response) -> list[list[str]]:
    inhoud = response.content if hasattr(response, "content") else b"".join(response.streaming_content)
    assert inhoud.startswith("\ufeff".encode())
    return [r.split(";") for r in inhoud.decode("utf-8-sig").splitlines()]


def test_the_indicator_csv_is_dutch(client, world, cijfers):
    login(client, world.beleidsmedewerker)
    regels = _regels(client.get(reverse("monitor:export", args=["csv"])))
    assert regels[0] == [
        "indicator",
        "onderdeel_code",
        "waarde",
        "naam",
        "onderdeel",
        "eenheid",
        "nulmeting",
        "verschil",
    ]
    per_1000 = next(r for r in regels if r[0] == "instroom_per_1000_inwoners")
    assert "," in per_1000[2] and "." not in per_1000[2], per_1000
    assert per_1000[5] == "per 1.000 inwoners per jaar"


def test_the_indicator_csv_stays_dutch_for_an_english_user(client, world, cijfers):
    login(client, world.beleidsmedewerker)
    client.post("/taal/", {"language": "en", "next": "/"})
    regels = _regels(client.get(reverse("monitor:export", args=["csv"])))
    assert regels[0][:3] == ["indicator", "onderdeel_code", "waarde"]
    assert next(r for r in regels if r[0] == "instroom_per_kanaal")[3] == "Instroom per kanaal"


def test_the_xlsx_has_the_dutch_column_names_and_numbers(client, world, cijfers):
    login(client, world.beleidsmedewerker)
    boek = load_workbook(io.BytesIO(client.get(reverse("monitor:export", args=["xlsx"])).content))
    rijen = list(boek["Indicatoren"].iter_rows(values_only=True))
    assert rijen[0][:3] == ("indicator", "onderdeel_code", "waarde")
    assert isinstance(next(r for r in rijen if r[0] == "instroom_per_1000_inwoners")[2], float)


def test_the_research_csv_uses_the_same_conventions(client, world, cijfers):
    login(client, world.beleidsmedewerker)
    regels = _regels(client.get(reverse("monitor:onderzoek")))
    assert regels[0][:4] == ["aanmelding", "inwoner", "casus", "maand"]
    assert len(regels) == 13 and all(len(r) == len(regels[0]) for r in regels)
