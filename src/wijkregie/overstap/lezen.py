"""Reading a caseload spreadsheet (XLSX or CSV) into rows keyed by the template's columns.

A team that leaves a spreadsheet (the 2014 pilot kept its cases in one) or another system brings a file
whose headers say the same thing in many ways: "Naam", "naam cliënt", "Geb.datum", "BSN-nummer". Every
header is normalised (lower case, accents and punctuation dropped) and looked up in `KOLOMMEN`, the one
documented mapping (docs/overstap.md). Nothing here touches the database.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# The template's columns (its header row, in this order) and the Dutch header variants each accepts.
# The first name is the template's own header; matching ignores case, accents and punctuation.
KOLOMMEN: dict[str, tuple[str, ...]] = {
    "Huishouden": ("huishouden", "gezin", "huishoudnummer", "huishouden nr", "gezinsnummer", "dossiernummer",
                   "dossier", "casusnummer", "casus"),
    "Relatie": ("relatie", "rol in huishouden", "gezinsrol", "relatie tot hoofdbewoner"),
    "Gezag": ("gezag", "heeft gezag", "ouder met gezag"),
    "Voornamen": ("voornamen", "voornaam", "roepnaam"),
    "Tussenvoegsel": ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "voorvoegsels"),
    "Achternaam": ("achternaam", "geslachtsnaam", "familienaam"),
    "Naam": ("naam", "volledige naam", "naam inwoner", "naam client", "client", "inwoner", "naam aanvrager"),
    "Geboortedatum": ("geboortedatum", "geb datum", "gebdatum", "geboren", "geboren op", "geboorte datum"),
    "BSN": ("bsn", "burgerservicenummer", "bsn nummer", "sofinummer", "sofi nummer"),
    "Straat": ("straat", "straatnaam"),
    "Huisnummer": ("huisnummer", "huisnr", "nummer"),
    "Adres": ("adres", "woonadres", "straat en huisnummer"),
    "Postcode": ("postcode",),
    "Woonplaats": ("woonplaats", "plaats"),
    "Telefoon": ("telefoon", "telefoonnummer", "tel", "telnr", "mobiel"),
    "E-mail": ("e mail", "email", "e mailadres", "emailadres", "mail"),
    "Wijk": ("wijk", "buurt"),
    "Hulpvraag": ("hulpvraag", "vraag", "aanmeldvraag", "omschrijving vraag", "reden aanmelding", "aanmeldreden"),
    "Datum aanmelding": ("datum aanmelding", "aanmelddatum", "aanmeldingsdatum", "aangemeld op", "datum",
                         "ontvangen op", "datum binnenkomst"),
    "Kanaal": ("kanaal", "binnengekomen via", "aanmeldkanaal"),
    "Verwijzer": ("verwijzer", "verwijzer code", "verwezen door"),
    "Datum eerste contact": ("datum eerste contact", "eerste contact", "eerste contact op"),
    "Team": ("team", "wijkteam"),
    "Medewerker": ("medewerker", "regisseur", "casusregisseur", "behandelaar", "contactpersoon", "consulent",
                   "hulpverlener", "klantmanager"),
    "Status": ("status", "fase", "stand van zaken"),
    "Datum afgesloten": ("datum afgesloten", "afgesloten op", "einddatum", "datum einde"),
    "Leefgebied": ("leefgebied", "domein", "levensgebied"),
    "Doel": ("doel", "doelen", "plandoel", "doel plan"),
}

# The columns the template ships with (Naam and Adres are the plain spreadsheet's alternatives).
SJABLOON_KOLOMMEN = [k for k in KOLOMMEN if k not in ("Naam", "Adres", "Wijk")]


def _sleutel(kop: object) -> str:  # a header, a choice value or its (lazy) label
    text = unicodedata.normalize("NFKD", str(kop)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


_VARIANT = {_sleutel(v): kolom for kolom, varianten in KOLOMMEN.items() for v in (kolom, *varianten)}


class Bestandsfout(Exception):
    """The file as a whole cannot be read: no row is looked at."""


@dataclass
class Tabel:
    """The sheet: for each template column found, the header as the file spells it; rows numbered as the
    spreadsheet program shows them (the header is row 1)."""

    koppen: dict[str, str]
    rijen: list[tuple[int, dict[str, str]]]
    opmerkingen: list[str] = field(default_factory=list)
    onbekende_koppen: list[str] = field(default_factory=list)


def _tekst(waarde) -> str:
    """A cell as text: Excel's dates as ISO dates, its whole numbers without '.0' (a BSN typed as a number)."""
    if waarde is None:
        return ""
    if isinstance(waarde, datetime.datetime):
        return waarde.date().isoformat()
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde).strip()


def _xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        # read_only streams the sheet; data_only takes a formula's last value, never the formula.
        boek = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise Bestandsfout(_("Dit bestand is geen leesbaar Excel-bestand (.xlsx). Sla het opnieuw op als .xlsx "
                             "of als CSV.")) from exc
    try:
        blad = boek.worksheets[0]
        return [[_tekst(c) for c in rij] for rij in blad.iter_rows(values_only=True)]
    finally:
        boek.close()


def _decodeer(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read in. Excel's 'CSV' on Windows is Windows-1252, not UTF-8."""
    for codering in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(codering), codering
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


CODERINGNAAM = {"utf-8-sig": "UTF-8", "cp1252": "Windows-1252", "latin-1": "ISO-8859-1 (Latin-1)"}


def _csv(data: bytes, opmerkingen: list[str]) -> list[list[str]]:
    if b"\x00" in data[:4096]:
        raise Bestandsfout(_("Dit bestand is geen spreadsheet: gebruik een .xlsx- of CSV-bestand."))
    tekst, codering = _decodeer(data)
    if codering != "utf-8-sig":
        opmerkingen.append(_("Het bestand is niet in UTF-8 opgeslagen; het is gelezen als %(codering)s. "
                             "Controleer in het rapport of namen met accenten goed overkomen.")
                           % {"codering": CODERINGNAAM[codering]})
    eerste = tekst[:8192]
    try:
        dialect = csv.Sniffer().sniff(eerste.split("\n", 1)[0] or eerste, delimiters=";,\t|")
        scheiding = dialect.delimiter
    except csv.Error:
        scheiding = ";"  # Dutch Excel's default
    return [[cel.strip() for cel in rij] for rij in csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)]


def lees(data: bytes) -> Tabel:
    """Reads an XLSX or CSV file; raises Bestandsfout (in Dutch) when it is neither."""
    opmerkingen: list[str] = []
    if not data.strip():
        raise Bestandsfout(_("Het bestand is leeg."))
    if data[:4] == b"PK\x03\x04":
        rijen = _xlsx(data)
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise Bestandsfout(
            _("Dit is een oud Excel-bestand (.xls). Sla het op als .xlsx of als CSV en probeer het opnieuw.")
        )
    elif data[:5] == b"%PDF-" or data[:1] in (b"{", b"<"):
        raise Bestandsfout(_("Dit bestand is geen spreadsheet: gebruik een .xlsx- of CSV-bestand."))
    else:
        rijen = _csv(data, opmerkingen)
    # Skip blank lines above the header (some exports start with a title line: that is no header either).
    kop_index = next((i for i, rij in enumerate(rijen) if any(rij)), None)
    if kop_index is None:
        raise Bestandsfout(_("Het bestand is leeg."))
    koprij = rijen[kop_index]
    koppen: dict[str, str] = {}
    posities: dict[str, int] = {}
    onbekend = []
    for positie, kop in enumerate(koprij):
        kolom = _VARIANT.get(_sleutel(kop))
        if kolom is None:
            if kop:
                onbekend.append(kop)
            continue
        if kolom in koppen:
            raise Bestandsfout(
                _("De kolommen ‘%(a)s’ en ‘%(b)s’ betekenen allebei ‘%(kolom)s’: houd er één over.")
                % {"a": koppen[kolom], "b": kop, "kolom": kolom}
            )
        koppen[kolom], posities[kolom] = kop, positie
    if not koppen:
        raise Bestandsfout(_("Dit bestand lijkt geen spreadsheet met een caseload: de eerste regel heeft geen van de "
                             "bekende kolomnamen (zie het sjabloon)."))
    data_rijen = []
    for index in range(kop_index + 1, len(rijen)):
        rij = rijen[index]
        if not any(rij):
            continue
        data_rijen.append(
            (index + 1, {kolom: (rij[p] if p < len(rij) else "").strip() for kolom, p in posities.items()})
        )
    return Tabel(koppen=koppen, rijen=data_rijen, opmerkingen=opmerkingen, onbekende_koppen=onbekend)
