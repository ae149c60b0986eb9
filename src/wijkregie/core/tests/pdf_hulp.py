"""Reading what a PDF tells a screen reader, with poppler's pdfinfo (installed by `make test`) and no PDF library:
whether it is tagged, its title, its language (the catalog's /Lang) and its structure tree (headings, table cells).

PDF/UA-1 (ISO 14289-1) asks for a tagged PDF with a document title shown as the window title, the natural
language in the catalog, headings in order and table cells tied to their headers (WCAG 2.1 AA, 1.3.1, 2.4.2,
3.1.1); WeasyPrint takes these from <title>, <html lang>, h1-h6 and <th> (with scope="row" for a row's header).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Toegankelijkheid:
    tagged: bool
    titel: str
    taal: str
    koppen: list[int]  # the heading levels in reading order: [1, 2, 2, 3, ...]
    cellen_zonder_kop: int  # table data cells that no header names (a screen reader reads them bare)
    structuur: str


def _pdfinfo(*args: str) -> str:
    if shutil.which("pdfinfo") is None:
        pytest.fail("poppler-utils (pdfinfo) is installed by make test")
    return subprocess.run(["pdfinfo", *args], capture_output=True, text=True, check=True).stdout


def _taal(pdf: bytes) -> str:
    """The catalog's /Lang: written plainly, or inside a compressed object stream (PDF 1.5+)."""
    for gevonden in re.finditer(rb"/Lang\s*\(([^)]*)\)", pdf):
        return gevonden.group(1).decode("latin-1")
    for stroom in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        try:
            inhoud = zlib.decompressobj().decompress(stroom.group(1))
        except zlib.error:
            continue
        if gevonden := re.search(rb"/Lang\s*\(([^)]*)\)", inhoud):
            return gevonden.group(1).decode("latin-1")
    return ""


def toegankelijkheid(pdf: bytes, tmp_path: Path, naam: str = "document.pdf") -> Toegankelijkheid:
    assert pdf.startswith(b"%PDF")
    pad = tmp_path / naam
    pad.write_bytes(pdf)
    info = dict(
        (sleutel.strip(), waarde.strip())
        for sleutel, _, waarde in (regel.partition(":") for regel in _pdfinfo(str(pad)).splitlines())
    )
    structuur = _pdfinfo("-struct", str(pad))
    regels = structuur.splitlines()
    koppen = [int(m.group(1)) for regel in regels if (m := re.match(r"\s*H([1-6])\b", regel))]
    # pdfinfo -struct prints a cell's attributes on the lines under "TD:"; "/Headers []" means none.
    cellen_zonder_kop = 0
    for i, regel in enumerate(regels):
        if regel.strip().startswith("TD"):
            attributen = " ".join(regels[i + 1:i + 3])
            if "/Headers [(" not in attributen:
                cellen_zonder_kop += 1
    return Toegankelijkheid(tagged=info.get("Tagged") == "yes", titel=info.get("Title", ""), taal=_taal(pdf),
                            koppen=koppen, cellen_zonder_kop=cellen_zonder_kop, structuur=structuur)


def koppen_op_volgorde(koppen: list[int]) -> bool:
    """One h1 first, and no level skipped on the way down (h2 → h4 is a skip; h4 → h2 is not)."""
    if not koppen or koppen[0] != 1 or koppen.count(1) != 1:
        return False
    return all(b <= a + 1 for a, b in zip(koppen, koppen[1:], strict=False))
