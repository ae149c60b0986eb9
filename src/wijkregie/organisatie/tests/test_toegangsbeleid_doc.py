"""docs/toegangsbeleid.md carries the policy table exactly as the code states it."""

from pathlib import Path

from wijkregie.organisatie.toegangsbeleid import markdown_tabel

DOC = Path(__file__).resolve().parents[4] / "docs" / "toegangsbeleid.md"


def test_it_keeps_the_document_and_the_code_equal():
    tekst = DOC.read_text(encoding="utf-8")
    tabel = tekst.split("<!-- toegangsbeleid:begin -->")[1].split("<!-- toegangsbeleid:end -->")[0].strip()
    assert tabel == markdown_tabel()
