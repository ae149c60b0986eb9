"""Reading an incoming message: is it XML, which message is it, does it pass its XSD, what does it say.

A file that is not XML, not an iWmo/iJw message, or whose header cannot be read (so no retour can be
addressed) raises `Onleesbaar` with the reason: the command line reports it with the file's path and
exits non-zero, and it is told to the provider outside the exchange (OP090x2). Anything else is read:
a message failing its XSD is answered with retourcode 0001 (OP286: the whole message rejected).
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .codes import INKOMEND, Berichtsoort, soort_van_namespace
from .gegevens import (
    AangevraagdProduct,
    Antwoord,
    Bericht,
    Client,
    Header,
    NieuwProduct,
    Omvang,
    StartProduct,
    StopProduct,
    TeWijzigenProduct,
    Verzoek,
)
from .schemas import Schemafout, valideer

#: OP179: a message file is at most 25 MB.
MAX_GROOTTE = 25 * 1024 * 1024


class Onleesbaar(Exception):
    """Not a readable iWmo/iJw message; the text says why (in Dutch, for the report and the page)."""


@dataclass
class Gelezen:
    soort: Berichtsoort
    root: ET.Element
    header: Header
    schemafouten: list[Schemafout]
    bericht: Bericht | None  # None when the XSD failed: only the header is trusted then


def _lokaal(tag: str) -> str:
    return tag.split("}")[-1]


def kind(e: ET.Element | None, naam: str) -> ET.Element | None:
    if e is None:
        return None
    for c in e:
        if _lokaal(c.tag) == naam:
            return c
    return None


def kinderen(e: ET.Element | None, naam: str) -> list[ET.Element]:
    return [c for c in e if _lokaal(c.tag) == naam] if e is not None else []


def tekst(e: ET.Element | None, *pad: str) -> str:
    for naam in pad:
        e = kind(e, naam)
    return (e.text or "").strip() if e is not None else ""


def datum(waarde: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(waarde) if waarde else None
    except ValueError:
        return None


def _int(waarde: str) -> int | None:
    try:
        return int(waarde) if waarde else None
    except ValueError:
        return None


def parse_xml(inhoud: bytes) -> ET.Element:
    if len(inhoud) > MAX_GROOTTE:
        raise Onleesbaar("Het bestand is groter dan 25 MB (OP179).")
    # A message of the standard never has a DTD; refusing one keeps entity expansion out.
    if re.search(rb"<!(DOCTYPE|ENTITY)", inhoud[:4096], re.IGNORECASE):
        raise Onleesbaar("Het bestand bevat een DOCTYPE of ENTITY; een iWmo/iJw-bericht heeft die niet.")
    try:
        return ET.fromstring(inhoud)
    except ET.ParseError as fout:
        raise Onleesbaar(f"Geen geldige XML: {fout}.") from None


def lees_header(root: ET.Element) -> Header:
    h = kind(root, "Header")
    if h is None:
        raise Onleesbaar("Het bericht heeft geen Header.")
    codes = tuple(c.text.strip() for c in kinderen(kind(h, "RetourCodes"), "RetourCode") if c.text)
    return Header(
        berichtcode=tekst(h, "BerichtCode"), afzender=tekst(h, "Afzender"), ontvanger=tekst(h, "Ontvanger"),
        identificatie=tekst(h, "BerichtIdentificatie", "Identificatie"),
        dagtekening=datum(tekst(h, "BerichtIdentificatie", "Dagtekening")),
        identificatie_retour=tekst(h, "IdentificatieRetour"), retourcodes=codes,
    )


def _adresseerbaar(soort: Berichtsoort, header: Header) -> None:
    """A retour needs the sender's AGB, our gemeentecode and the identification it answers (TR337)."""
    if soort.nummer in (302, 320):
        return  # a retour on our message: we answer nothing, we only read it
    if not re.fullmatch(r"[0-9]{8}", header.afzender):
        raise Onleesbaar("De Header/Afzender is geen AGB-code van 8 cijfers: er kan geen retourbericht naar toe.")
    if not re.fullmatch(r"[0-9]{4}", header.ontvanger):
        raise Onleesbaar("De Header/Ontvanger is geen gemeentecode van 4 cijfers.")
    if not header.identificatie or len(header.identificatie) > 12:
        raise Onleesbaar("De Header/BerichtIdentificatie/Identificatie ontbreekt of is te lang.")
    if header.dagtekening is None:
        raise Onleesbaar("De Header/BerichtIdentificatie/Dagtekening is geen datum.")


def lees(inhoud: bytes) -> Gelezen:
    """Reads one file. Raises Onleesbaar for what cannot be answered with a retour message."""
    root = parse_xml(inhoud)
    ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    soort = soort_van_namespace(ns)
    if soort is None or _lokaal(root.tag) != "Bericht":
        raise Onleesbaar(f"Geen iWmo/iJw 3.2-bericht (onbekende namespace of root-element '{_lokaal(root.tag)}').")
    if soort.nummer not in INKOMEND:
        raise Onleesbaar(f"Een {soort.naam} is geen bericht dat een aanbieder aan de gemeente stuurt.")
    header = lees_header(root)
    _adresseerbaar(soort, header)
    fouten = valideer(soort, root)
    bericht = None if fouten else _inhoud(soort, root, header)
    return Gelezen(soort=soort, root=root, header=header, schemafouten=fouten, bericht=bericht)


def _client(c: ET.Element | None) -> Client | None:
    if c is None:
        return None
    naam = kind(c, "Naam")
    return Client(
        bsn=tekst(c, "Bsn"), achternaam=tekst(naam, "Geslachtsnaam", "Achternaam"),
        voorvoegsel=tekst(naam, "Geslachtsnaam", "Voorvoegsel"), voornamen=tekst(naam, "Voornamen"),
        geboortedatum=datum(tekst(c, "Geboortedatum", "Datum")), geslacht=tekst(c, "Geslacht") or "0",
    )


def _omvang(e: ET.Element | None) -> Omvang | None:
    o = kind(e, "Omvang")
    if o is None:
        return None
    return Omvang(volume=_int(tekst(o, "Volume")) or 0, eenheid=tekst(o, "Eenheid"), frequentie=tekst(o, "Frequentie"))


def _inhoud(soort: Berichtsoort, root: ET.Element, header: Header) -> Bericht:
    c = kind(root, "Client")
    gemeen = {"soort": soort.naam, "standaard": soort.standaard, "nummer": soort.nummer, "header": header,
              "client": _client(c)}
    if soort.nummer == 305:
        starts = tuple(
            StartProduct(
                toewijzingnummer=_int(tekst(p, "ToewijzingNummer")), categorie=tekst(p, "Product", "Categorie"),
                code=tekst(p, "Product", "Code"), toewijzing_ingangsdatum=datum(tekst(p, "ToewijzingIngangsdatum")),
                begindatum=datum(tekst(p, "Begindatum")), status_aanlevering=tekst(p, "StatusAanlevering"),
            ) for p in kinderen(kind(c, "StartProducten"), "StartProduct"))
        return Bericht(**gemeen, starts=starts)
    if soort.nummer == 307:
        stops = tuple(
            StopProduct(
                toewijzingnummer=_int(tekst(p, "ToewijzingNummer")), categorie=tekst(p, "Product", "Categorie"),
                code=tekst(p, "Product", "Code"), toewijzing_ingangsdatum=datum(tekst(p, "ToewijzingIngangsdatum")),
                begindatum=datum(tekst(p, "Begindatum")), reden_beeindiging=tekst(p, "RedenBeeindiging"),
                einddatum=datum(tekst(p, "Einddatum")), status_aanlevering=tekst(p, "StatusAanlevering"),
            ) for p in kinderen(kind(c, "StopProducten"), "StopProduct"))
        return Bericht(**gemeen, stops=stops)
    if soort.nummer == 315:
        aangevraagd = tuple(
            AangevraagdProduct(
                referentie_aanbieder=tekst(p, "ReferentieAanbieder"), categorie=tekst(p, "Product", "Categorie"),
                code=tekst(p, "Product", "Code"), ingangsdatum=datum(tekst(p, "ToewijzingIngangsdatum")),
                einddatum=datum(tekst(p, "ToewijzingEinddatum")), omvang=_omvang(p),
                budget=_int(tekst(p, "Budget")), verwijzer_type=tekst(p, "Verwijzer", "Type"),
                verwijzer_naam=tekst(p, "Verwijzer", "Naam"), commentaar=tekst(p, "Commentaar"),
            ) for p in kinderen(kind(c, "AangevraagdeProducten"), "AangevraagdProduct"))
        return Bericht(**gemeen, aangevraagd=aangevraagd)
    if soort.nummer == 317:
        v = kind(c, "Verzoek")
        verzoek = Verzoek(
            referentie_aanbieder=tekst(v, "ReferentieAanbieder"), reden=tekst(v, "RedenVerzoek"),
            ongewijzigd=tuple(_int(tekst(p, "ToewijzingNummer"))
                              for p in kinderen(kind(v, "OngewijzigdeProducten"), "OngewijzigdProduct")),
            te_wijzigen=tuple(
                TeWijzigenProduct(
                    toewijzingnummer=_int(tekst(p, "ToewijzingNummer")),
                    gewenste_ingangsdatum=datum(tekst(p, "GewensteIngangsdatum")),
                    einddatum=datum(tekst(p, "Einddatum")), omvang=_omvang(p), budget=_int(tekst(p, "Budget")),
                ) for p in kinderen(kind(v, "TeWijzigenProducten"), "TeWijzigenProduct")),
            nieuw=tuple(
                NieuwProduct(
                    categorie=tekst(p, "Product", "Categorie"), code=tekst(p, "Product", "Code"),
                    gewenste_ingangsdatum=datum(tekst(p, "GewensteIngangsdatum")),
                    einddatum=datum(tekst(p, "Einddatum")), omvang=_omvang(p), budget=_int(tekst(p, "Budget")),
                ) for p in kinderen(kind(v, "NieuweProducten"), "NieuwProduct")),
        )
        return Bericht(**gemeen, verzoek=verzoek)
    # 302 / 320: a retour on our 301 / 319. Every code found, and which toewijzingen were rejected.
    alle = [e.text.strip() for e in root.iter() if _lokaal(e.tag) == "RetourCode" and e.text]
    afgekeurd = []
    for tp in root.iter():
        if _lokaal(tp.tag) == "ToegewezenProduct":
            codes = [r.text.strip() for r in kinderen(kind(tp, "RetourCodes"), "RetourCode") if r.text]
            if any(code != "0200" for code in codes):
                afgekeurd.append(_int(tekst(tp, "ToewijzingNummer")))
    a = kind(root, "Antwoord")
    antwoord = None
    if a is not None:
        antwoord = Antwoord(
            referentie_aanbieder=tekst(a, "ReferentieAanbieder"),
            verzoek_antwoord=tekst(a, "VerzoekAntwoord"),
            reden_afwijzing=tekst(a, "RedenAfwijzingVerzoek"),
        )
    return Bericht(**gemeen, antwoord=antwoord, alle_retourcodes=tuple(alle),
                   afgekeurde_toewijzingen=tuple(n for n in afgekeurd if n is not None))
