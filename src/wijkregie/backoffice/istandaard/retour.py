"""Building the retour message (306, 308, 316, 318) on an incoming 305, 307, 315 or 317.

A retour is the message it answers with a retour header and retourcodes (WJ001) on every class
(JW306.xsd and its siblings): the header keeps the original's Afzender, Ontvanger and
BerichtIdentificatie and adds IdentificatieRetour, DagtekeningRetour, XsdVersieRetour and its own
RetourCodes; each berichtklasse (Client, the products, a 317's Verzoek) ends with its RetourCodes.
OP065: only a client with a rejected class is returned; an accepted message gets 0200 on the header.

The iJw retours are validated against their XSD. The iWmo retour schemas are not in the shared set:
WMO306/308/316/318 are built to the same structure in their namespace (the iWmo and iJw 3.2 messages
differ only in codes and namespace) and are not validated; docs/berichten.md says so.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

from .codes import RETOUR_OP, soort
from .lezen import Gelezen, _lokaal, kind
from .opbouw import serialiseer
from .regels import Beoordeling
from .schemas import Schemafout, heeft_schema, valideer, xsd_versies

#: Classes that carry RetourCodes in the retour, per message: the products in document order.
PRODUCTKLASSEN = {305: ("StartProduct",), 307: ("StopProduct",), 315: ("AangevraagdProduct",),
                  317: ("OngewijzigdProduct", "TeWijzigenProduct", "NieuwProduct")}


def _codes(b: ET.Element, ns: str, codes: list[str]) -> ET.Element:
    rc = ET.Element(f"{{{ns}}}RetourCodes")
    for code in codes:
        ET.SubElement(rc, f"{{{ns}}}RetourCode").text = code
    return rc


def _hernoem(e: ET.Element, van: str, naar: str) -> None:
    for x in e.iter():
        if x.tag.startswith(f"{{{van}}}"):
            x.tag = f"{{{naar}}}{_lokaal(x.tag)}"


def bouw_retour(gelezen: Gelezen, beoordeling: Beoordeling, *, identificatie: str,
                dagtekening: datetime.date) -> tuple[bytes, list[Schemafout] | None]:
    """The retour XML, and its XSD violations (None: no schema to validate against, the iWmo retours)."""
    heen = gelezen.soort
    retour = soort(heen.standaard, RETOUR_OP[heen.nummer])
    ns = retour.namespace
    header_codes, client_codes, verzoek_codes, product_codes = beoordeling.voor_retour()

    root = ET.Element(f"{{{ns}}}Bericht")
    oud_header = kind(gelezen.root, "Header")
    header = ET.SubElement(root, f"{{{ns}}}Header")

    def el(ouder, naam, tekst=None, *, basis=False):
        e = ET.SubElement(ouder, f"{{{retour.basis_namespace if basis else ns}}}{naam}")
        if tekst is not None:
            e.text = str(tekst)
        return e

    h = gelezen.header
    el(header, "BerichtCode", retour.code)
    el(header, "BerichtVersie", "3")
    el(header, "BerichtSubversie", "2")
    el(header, "Afzender", h.afzender)
    el(header, "Ontvanger", h.ontvanger)
    bi = el(header, "BerichtIdentificatie")
    el(bi, "Identificatie", h.identificatie, basis=True)
    el(bi, "Dagtekening", h.dagtekening.isoformat(), basis=True)
    # XsdVersie: the versions the heenbericht declared (copied when readable), XsdVersieRetour: ours.
    xv = el(header, "XsdVersie")
    oud_xv = kind(oud_header, "XsdVersie")
    basis_oud, bericht_oud = xsd_versies(heen)
    for naam, standaard in (("BasisschemaXsdVersie", basis_oud), ("BerichtXsdVersie", bericht_oud)):
        waarde = (kind(oud_xv, naam).text or "").strip() if kind(oud_xv, naam) is not None else ""
        el(xv, naam, waarde if _versie(waarde) else standaard, basis=True)
    el(header, "IdentificatieRetour", identificatie)
    el(header, "DagtekeningRetour", dagtekening.isoformat())
    xr = el(header, "XsdVersieRetour")
    basis_r, bericht_r = xsd_versies(retour)
    el(xr, "BasisschemaXsdVersie", basis_r, basis=True)
    el(xr, "BerichtXsdVersie", bericht_r, basis=True)
    header.append(_codes(header, ns, header_codes))

    if client_codes:  # OP065: the client only when one of its classes is rejected
        client = _kopie(kind(gelezen.root, "Client"), heen.namespace, ns)
        klassen = PRODUCTKLASSEN[heen.nummer]
        producten = [e for e in client.iter() if _lokaal(e.tag) in klassen]
        for e, codes in zip(producten, product_codes):
            e.append(_codes(e, ns, codes))
        if heen.nummer == 317:
            verzoek = kind(client, "Verzoek")
            verzoek.append(_codes(verzoek, ns, verzoek_codes))
        client.append(_codes(client, ns, client_codes))
        root.append(client)

    xml = serialiseer(root, retour)
    return xml, (valideer(retour, xml) if heeft_schema(retour) else None)


def _versie(waarde: str) -> bool:
    import re

    return bool(re.fullmatch(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)", waarde))


def _kopie(e: ET.Element, van: str, naar: str) -> ET.Element:
    import copy

    kopie = copy.deepcopy(e)
    _hernoem(kopie, van, naar)
    return kopie
