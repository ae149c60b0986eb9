"""Building the outgoing messages: WMO301/JW301 (toewijzing) and WMO319/JW319 (antwoord op verzoek).

Element order and namespaces follow the XSDs: the message's own classes in the message namespace,
the children of the shared CDT_ types (BerichtIdentificatie, XsdVersie, Geboortedatum, Naam, Product,
Omvang, Adres, Telefoon) in the basisschema namespace. Every message built here is validated against
its XSD by the caller (backoffice.berichten) and by the tests.
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET

from .codes import JW, soort
from .gegevens import Adres, Antwoordbericht, Client, Omvang, ToegewezenProduct, Toewijzingsbericht
from .schemas import xsd_versies

# LDT_ lengths of the basisschema: texts longer than these are cut (OP039: client data as registered,
# but never failing the schema for a long street name).
MAX = {"Achternaam": 200, "Voornamen": 200, "Voorvoegsel": 10, "Straatnaam": 24, "Plaatsnaam": 80, "Voorletters": 6}


class Bouwer:
    def __init__(self, standaard: str, nummer: int):
        self.soort = soort(standaard, nummer)
        self.ns = self.soort.namespace
        self.basis = self.soort.basis_namespace

    def el(self, ouder: ET.Element, naam: str, tekst: object | None = None, *, basis: bool = False) -> ET.Element:
        e = ET.SubElement(ouder, f"{{{self.basis if basis else self.ns}}}{naam}")
        if tekst is not None:
            e.text = _tekst(tekst)
        return e

    def header(self, root: ET.Element, *, afzender: str, ontvanger: str, identificatie: str,
               dagtekening: datetime.date) -> ET.Element:
        h = self.el(root, "Header")
        self.el(h, "BerichtCode", self.soort.code)
        self.el(h, "BerichtVersie", "3")  # CS025
        self.el(h, "BerichtSubversie", "2")  # CS015
        self.el(h, "Afzender", afzender)
        self.el(h, "Ontvanger", ontvanger)
        bi = self.el(h, "BerichtIdentificatie")
        self.el(bi, "Identificatie", identificatie, basis=True)
        self.el(bi, "Dagtekening", dagtekening, basis=True)
        xv = self.el(h, "XsdVersie")
        basisversie, berichtversie = xsd_versies(self.soort)
        self.el(xv, "BasisschemaXsdVersie", basisversie, basis=True)
        self.el(xv, "BerichtXsdVersie", berichtversie, basis=True)
        return h

    def root(self) -> ET.Element:
        return ET.Element(f"{{{self.ns}}}Bericht")


# XML 1.0's Char production: a name typed with a stray control character must not break the message.
_GEEN_XML = re.compile("[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def _tekst(waarde: object) -> str:
    if isinstance(waarde, datetime.datetime):
        return waarde.strftime("%H:%M:%S")
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    # The LDT_ patterns ('.*[^\s].*') do not let '.' span a line break: one line, single spaces.
    return " ".join(_GEEN_XML.sub("", str(waarde)).split())


def serialiseer(root: ET.Element, soort_) -> bytes:
    ET.register_namespace("", soort_.namespace)
    ET.register_namespace("ijw" if soort_.standaard == JW else "iwmo", soort_.basis_namespace)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def voorletters(voornamen: str) -> str:
    letters = "".join(w[0] for w in voornamen.split() if w and w[0].isalpha())
    return letters[: MAX["Voorletters"]]


def _naam(b: Bouwer, ouder: ET.Element, client: Client, *, volledig: bool) -> None:
    naam = b.el(ouder, "Naam")
    gn = b.el(naam, "Geslachtsnaam", basis=True)
    b.el(gn, "Achternaam", client.achternaam[: MAX["Achternaam"]].strip() or "Onbekend", basis=True)
    if client.voorvoegsel.strip():
        b.el(gn, "Voorvoegsel", client.voorvoegsel.strip()[: MAX["Voorvoegsel"]], basis=True)
    if client.voornamen.strip():
        b.el(naam, "Voornamen", client.voornamen.strip()[: MAX["Voornamen"]], basis=True)
        if vl := voorletters(client.voornamen):
            b.el(naam, "Voorletters", vl, basis=True)
    if volledig:
        # COD700 NaamGebruik 1: eigen naam (CS050: no Partnernaam, so 1 or 6; 6 is for organisations, CS318).
        b.el(naam, "NaamGebruik", "1", basis=True)


def _geboortedatum(b: Bouwer, ouder: ET.Element, datum: datetime.date | None) -> None:
    gd = b.el(ouder, "Geboortedatum")
    if datum is None:
        # OP252/COD170: DatumGebruik 3 = dag, maand en jaar onbekend; the date then carries no meaning.
        b.el(gd, "Datum", datetime.date(1900, 1, 1), basis=True)
        b.el(gd, "DatumGebruik", "3", basis=True)
    else:
        b.el(gd, "Datum", datum, basis=True)


_HUISNUMMER = re.compile(r"^\s*(\d{1,5})\s*([A-Za-z])?\s*[-\s]?\s*(\S.*)?$")


def splits_huisnummer(huisnummer: str) -> tuple[int, str, str] | None:
    """'12', '12a', '12-2', '12 bis' → (12, 'a'/'', toevoeging); None when it holds no number."""
    m = _HUISNUMMER.match(huisnummer or "")
    if not m:
        return None
    return int(m.group(1)), (m.group(2) or ""), (m.group(3) or "").strip()[:4]


def postcode_nl(postcode: str) -> str:
    """CS089: a Dutch postcode as 4 digits and 2 capitals without a space."""
    p = (postcode or "").replace(" ", "").upper()
    return p if re.fullmatch(r"[1-9][0-9]{3}[A-Z]{2}", p) else ""


def _contact(b: Bouwer, ouder: ET.Element, adres: Adres) -> None:
    contact = b.el(ouder, "Contact")
    b.el(contact, "Soort", "01")  # COD757 01: BRP-adres (TR061)
    huis = splits_huisnummer(adres.huisnummer)
    postcode = postcode_nl(adres.postcode)
    if huis and postcode:
        a = b.el(contact, "Adres")
        h = b.el(a, "Huis", basis=True)
        b.el(h, "Huisnummer", huis[0], basis=True)
        if huis[1]:
            b.el(h, "Huisletter", huis[1], basis=True)
        if huis[2]:
            b.el(h, "HuisnummerToevoeging", huis[2], basis=True)
        b.el(a, "Postcode", postcode, basis=True)
        if adres.straat.strip():
            b.el(a, "Straatnaam", adres.straat.strip()[: MAX["Straatnaam"]], basis=True)
        if adres.plaats.strip():  # CD034: verplicht bij BRP-adres
            b.el(a, "Plaatsnaam", adres.plaats.strip()[: MAX["Plaatsnaam"]], basis=True)
        b.el(a, "LandCode", "NL", basis=True)
    telefoon = "".join(ch for ch in adres.telefoon if ch.isdigit())
    if telefoon.startswith("0031"):
        telefoon = "0" + telefoon[4:]
    if telefoon:
        t = b.el(contact, "Telefoon")
        t1 = b.el(t, "Telefoon01", basis=True)
        b.el(t1, "Telefoonnummer", telefoon[:15], basis=True)
        b.el(t1, "Landnummer", "0031", basis=True)


def _omvang(b: Bouwer, ouder: ET.Element, omvang: Omvang) -> None:
    o = b.el(ouder, "Omvang")
    b.el(o, "Volume", omvang.volume, basis=True)
    b.el(o, "Eenheid", omvang.eenheid, basis=True)
    b.el(o, "Frequentie", omvang.frequentie, basis=True)


def _product(b: Bouwer, ouder: ET.Element, p: ToegewezenProduct) -> None:
    tp = b.el(ouder, "ToegewezenProduct")
    b.el(tp, "ToewijzingNummer", p.toewijzingnummer)
    if p.referentie_aanbieder:  # TR379: only when it answers a 315/317
        b.el(tp, "ReferentieAanbieder", p.referentie_aanbieder)
    prod = b.el(tp, "Product")
    b.el(prod, "Categorie", p.categorie, basis=True)
    if p.code:
        b.el(prod, "Code", p.code, basis=True)
    b.el(tp, "Toewijzingsdatum", p.toewijzingsdatum.date())
    b.el(tp, "Toewijzingstijd", p.toewijzingsdatum)
    b.el(tp, "Ingangsdatum", p.ingangsdatum)
    if p.einddatum:
        b.el(tp, "Einddatum", p.einddatum)
    if p.reden_wijziging:
        b.el(tp, "RedenWijziging", p.reden_wijziging)
    # CD077/CD078: Omvang or Budget, never both; CD080: no Omvang without a product code.
    if p.omvang and p.code and p.budget is None:
        _omvang(b, tp, p.omvang)
    elif p.budget is not None:
        b.el(tp, "Budget", p.budget)
    if p.commentaar.strip():
        b.el(tp, "Commentaar", p.commentaar.strip())


def bouw_301(bericht: Toewijzingsbericht) -> bytes:
    """The WMO301 or JW301 for one client at one provider (OP087: all its current toewijzingen)."""
    if not bericht.producten:
        raise ValueError("Een toewijzingsbericht bevat minstens één ToegewezenProduct.")
    b = Bouwer(bericht.standaard, 301)
    root = b.root()
    b.header(root, afzender=bericht.gemeentecode, ontvanger=bericht.aanbieder_agb,
             identificatie=bericht.identificatie, dagtekening=bericht.dagtekening)
    client = b.el(root, "Client")
    b.el(client, "Bsn", bericht.client.bsn)
    _geboortedatum(b, client, bericht.client.geboortedatum)
    b.el(client, "Geslacht", bericht.client.geslacht)
    _naam(b, client, bericht.client, volledig=True)
    cg = b.el(client, "Contactgegevens")
    _contact(b, cg, bericht.adres)
    tps = b.el(client, "ToegewezenProducten")
    for p in bericht.producten:
        _product(b, tps, p)
    return serialiseer(root, b.soort)


def bouw_319(bericht: Antwoordbericht) -> bytes:
    """The WMO319 or JW319: a verzoek afgewezen (with WJ759 reden) or in onderzoek (OP274/OP346)."""
    b = Bouwer(bericht.standaard, 319)
    root = b.root()
    b.header(root, afzender=bericht.gemeentecode, ontvanger=bericht.aanbieder_agb,
             identificatie=bericht.identificatie, dagtekening=bericht.dagtekening)
    a = b.el(root, "Antwoord")
    b.el(a, "ReferentieAanbieder", bericht.referentie_aanbieder)
    b.el(a, "VerzoekAntwoord", bericht.verzoek_antwoord)
    if bericht.verzoek_antwoord == "1":  # CD085/CD086: a reden only with an afwijzing
        b.el(a, "RedenAfwijzingVerzoek", bericht.reden_afwijzing)
        # TR377/TR409: Woonplaatsbeginsel exactly with reden 8; the iWmo 319 has no such class.
        if bericht.standaard == JW and bericht.reden_afwijzing == "8":
            w = b.el(a, "Woonplaatsbeginsel")
            b.el(w, "Gemeente", bericht.woonplaats_gemeente)
    return serialiseer(root, b.soort)
