"""Every PDF wijkregie makes goes through core.pdf.html_naar_pdf, which makes it tagged PDF/UA-1: no module
calls WeasyPrint itself, so no new document can forget the variant (WCAG 2.1 AA for government documents)."""

import re
from pathlib import Path

import wijkregie

BRON = Path(wijkregie.__file__).resolve().parent
HELPER = BRON / "core" / "pdf.py"


def test_it_finds_weasyprint_only_in_the_helper():
    buiten = []
    for pad in BRON.rglob("*.py"):
        if pad == HELPER or "tests" in pad.relative_to(BRON).parts or "migrations" in pad.parts:
            continue
        tekst = pad.read_text(encoding="utf-8")
        if re.search(r"^\s*(from|import)\s+weasyprint\b", tekst, re.MULTILINE) or ".write_pdf(" in tekst:
            buiten.append(str(pad.relative_to(BRON)))
    assert buiten == [], f"make these PDFs with core.pdf.html_naar_pdf: {buiten}"
    assert 'PDF_VARIANT = "pdf/ua-1"' in HELPER.read_text(encoding="utf-8")
