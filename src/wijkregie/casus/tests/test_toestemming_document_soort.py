"""A signed consent declaration is a PDF, a JPEG or a PNG, recognised by its first bytes, with a matching
extension (issue 13, fault 10: any file type was accepted as the signed document)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wijkregie.casus.forms import ToestemmingForm

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def _fouten(world, naam: str, inhoud: bytes, content_type: str = "application/octet-stream"):
    form = ToestemmingForm({"scope": "team", "wijze": "schriftelijk"},
                           {"document": SimpleUploadedFile(naam, inhoud, content_type=content_type)},
                           gemeente=world.den_helder)
    form.is_valid()
    return form.errors.get("document", [])


@pytest.mark.parametrize("naam,inhoud", [("verklaring.pdf", PDF), ("scan.jpg", JPEG), ("scan.JPEG", JPEG),
                                         ("foto.png", PNG)])
def test_it_accepts_pdf_jpeg_and_png(world, naam, inhoud):
    assert _fouten(world, naam, inhoud) == []


@pytest.mark.parametrize("naam,inhoud,content_type", [
    ("verklaring.pdf", b"MZ\x90\x00\x03\x00\x00\x00", "application/pdf"),  # a program named .pdf
    ("verklaring.pdf", b"<html><script>", "application/pdf"),
    ("verklaring.docx", b"PK\x03\x04\x14\x00\x06\x00", "application/vnd.openxmlformats"),
    ("verklaring.exe", PDF, "application/pdf"),  # a PDF named so that it would not download as one
    ("verklaring", PNG, "image/png"),
    ("scan.png", JPEG, "image/png"),  # the extension and the content disagree
])
def test_it_refuses_anything_else_with_a_plain_message(world, naam, inhoud, content_type):
    assert _fouten(world, naam, inhoud, content_type)[0] == (
        "Voeg de getekende verklaring toe als pdf, jpg of png; dit bestand is geen van die drie.")
