"""iWmo/iJw code lists (productcategorie, eenheid), read once from the published Markdown tables."""

from __future__ import annotations

import functools
import re
from pathlib import Path

MAP = Path(__file__).resolve().parent / "codelijsten"
_ROW = re.compile(r"^\|\s*(\d{2,3})\s*\|\s*([^|]+?)\s*\|", re.MULTILINE)


@functools.cache
def _tabel(bestand: str) -> tuple[tuple[str, str], ...]:
    tekst = (MAP / bestand).read_text(encoding="utf-8")
    return tuple((code, omschrijving) for code, omschrijving in _ROW.findall(tekst))


def productcategorieen(wet: str) -> tuple[tuple[str, str], ...]:
    """WMO020 for the Wmo 2015, JZ020 for the Jeugdwet; the Participatiewet has no iStandaard list."""
    if wet == "wmo":
        return _tabel("WMO020_Productcategorie.md")
    if wet == "jeugdwet":
        return _tabel("JZ020_Productcategorie.md")
    return ()


def eenheden() -> tuple[tuple[str, str], ...]:
    return _tabel("WJ756_Eenheid.md")


@functools.cache
def frequenties() -> tuple[tuple[str, str], ...]:
    """WMO757: per dag, per week, per maand, or in total over the period (one-digit codes)."""
    tekst = (MAP / "WMO757_Frequentie.md").read_text(encoding="utf-8")
    return tuple(re.findall(r"^\|\s*(\d)\s*\|\s*([^|]+?)\s*\|", tekst, re.MULTILINE))


def omschrijving(wet: str, code: str) -> str:
    return dict(productcategorieen(wet)).get(code, code)
