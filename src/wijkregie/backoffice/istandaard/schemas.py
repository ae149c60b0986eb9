"""The XSDs of iWmo/iJw 3.2, loaded once per message type, and validation against them.

The schemas in `xsd/` are those of ../shared/istandaarden (i-Sociaal-Lab/jaapjunior), each importing
`basisschema.xsd` from its own folder. Compiling one takes 0.1-0.3 s, so each is compiled on first use
and kept (functools.cache); validating a message then takes a few milliseconds.

The iWmo retour messages (WMO302/306/308/316/318/320) have no schema in that set: `heeft_schema` says
so, and docs/berichten.md lists which messages are validated and which are only built to the
standard's structure.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import xmlschema

from .codes import JW, WMO, Berichtsoort

XSD_MAP = Path(__file__).resolve().parent / "xsd"
_APPINFO = {"ijw": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
            "iwmo": "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"}


def xsd_pad(soort: Berichtsoort) -> Path:
    return XSD_MAP / soort.standaard / f"{soort.naam}.xsd"


def heeft_schema(soort: Berichtsoort) -> bool:
    return xsd_pad(soort).exists()


@functools.cache
def schema(soort: Berichtsoort) -> xmlschema.XMLSchema:
    # defuse="always": a message comes from outside; the schema files are ours, but validation of a
    # document must never fetch or expand anything (xmlschema defuses the parsing of the instance).
    return xmlschema.XMLSchema(str(xsd_pad(soort)), defuse="always")


@functools.cache
def xsd_versies(soort: Berichtsoort) -> tuple[str, str]:
    """(BasisschemaXsdVersie, BerichtXsdVersie) as the schema's appinfo states them: the header must carry them."""
    if not heeft_schema(soort):
        # A WMO retour: the versions of the iWmo basisschema and of the message it answers.
        ander = Berichtsoort(soort.naam.replace(str(soort.nummer), "301"), soort.standaard, 301, "")
        return xsd_versies(ander)
    prefix = "iwmo" if soort.standaard == WMO else "ijw"
    root = ET.parse(xsd_pad(soort)).getroot()
    ns = _APPINFO[prefix]
    basis = root.find(f".//{{{ns}}}BasisschemaXsdVersie")
    bericht = root.find(f".//{{{ns}}}BerichtXsdVersie")
    return (basis.text.strip(), bericht.text.strip())


@dataclass(frozen=True)
class Schemafout:
    """One violation: where (the element's path, without namespaces) and why (xmlschema's reason)."""

    pad: str
    reden: str

    def __str__(self) -> str:
        return f"{self.pad}: {self.reden}" if self.pad else self.reden


def _kaal(pad: str | None) -> str:
    # "/{ns}Bericht/{ns}Client/..." or "/jw305:Bericht/..." → "Bericht/Client/..."
    pad = re.sub(r"\{[^}]*\}", "", pad or "")
    return "/".join(deel.split(":")[-1] for deel in pad.split("/") if deel)


def valideer(soort: Berichtsoort, document: ET.Element | bytes) -> list[Schemafout]:
    """Every XSD violation of `document` against the schema of `soort` (empty: valid)."""
    fouten = []
    for fout in schema(soort).iter_errors(document):
        reden = (fout.reason or str(fout.message)).strip()
        reden = re.sub(r" for <class '[^']*'>", "", reden)  # the validator's Python class says nothing to a person
        fouten.append(Schemafout(_kaal(fout.path), reden))
    return fouten


__all__ = ["JW", "WMO", "Schemafout", "heeft_schema", "schema", "valideer", "xsd_versies"]
