"""The import template (docs/overstap.md): the header row and one fictional example household, as CSV
(semicolons, UTF-8 with a byte order mark so that Dutch Excel opens it right) or as XLSX."""

from __future__ import annotations

import csv
import io

from .lezen import SJABLOON_KOLOMMEN

# A fictional household: BSNs from the test range (core/bsn.py TEST_RANGE), never a real person's.
VOORBEELD = [
    {"Huishouden": "H1", "Relatie": "hoofd", "Gezag": "ja", "Voornamen": "Anna", "Achternaam": "Voorbeeld",
     "Geboortedatum": "12-03-1985", "BSN": "999990019", "Straat": "Voorbeeldstraat", "Huisnummer": "1",
     "Postcode": "1784 AB", "Woonplaats": "Den Helder", "Hulpvraag": "Schulden en zorgen over de kinderen",
     "Datum aanmelding": "01-09-2014", "Kanaal": "telefoon", "Team": "Team Noord", "Medewerker": "Sanne Visser",
     "Status": "plan", "Leefgebied": "Financiën", "Doel": "Rekeningen op tijd betalen"},
    {"Huishouden": "H1", "Relatie": "kind", "Voornamen": "Bram", "Achternaam": "Voorbeeld",
     "Geboortedatum": "04-07-2010", "Leefgebied": "Werk & opleiding", "Doel": "Elke dag naar school"},
]


def voorbeeld_van(gemeente_id: int | None) -> dict:
    """A team of the gemeente and one of its current members, for the example household (empty when the
    gemeente has none): the template then imports as it is in that gemeente."""
    from wijkregie.organisatie.models import Teamlid

    lid = (Teamlid.objects.filter(gemeente_id=gemeente_id, tot__isnull=True, medewerker__is_active=True)
           .select_related("team", "medewerker").order_by("team__naam", "pk").first()) if gemeente_id else None
    return {"team": lid.team.naam, "medewerker": lid.medewerker.get_full_name()} if lid else {}


def _voorbeeld(team: str | None, medewerker: str | None) -> list[dict]:
    """The example household, with a team and medewerker of the gemeente when given (so that the template
    itself imports there)."""
    rijen = [dict(rij) for rij in VOORBEELD]
    if team and medewerker:
        rijen[0].update(Team=team, Medewerker=medewerker)
    return rijen


def sjabloon_csv(*, team: str | None = None, medewerker: str | None = None) -> bytes:
    buffer = io.StringIO(newline="")
    schrijver = csv.DictWriter(buffer, fieldnames=SJABLOON_KOLOMMEN, delimiter=";", lineterminator="\r\n")
    schrijver.writeheader()
    schrijver.writerows(_voorbeeld(team, medewerker))
    return buffer.getvalue().encode("utf-8-sig")


def sjabloon_xlsx(*, team: str | None = None, medewerker: str | None = None) -> bytes:
    from openpyxl import Workbook

    boek = Workbook()
    blad = boek.active
    blad.title = "caseload"
    blad.append(SJABLOON_KOLOMMEN)
    for rij in _voorbeeld(team, medewerker):
        blad.append([rij.get(kolom, "") for kolom in SJABLOON_KOLOMMEN])
    # Text cells, so Excel keeps a BSN's leading zero and does not turn dates into its own format.
    for kolom in blad.iter_cols(min_row=2):
        for cel in kolom:
            cel.number_format = "@"
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()
