"""A PDF without a document language or a title cannot be PDF/UA (ISO 14289-1 7.2, 7.1; WCAG 3.1.1, 2.4.2): the
helper refuses such HTML instead of handing out a document a screen reader cannot announce."""

import pytest

from wijkregie.core.pdf import html_naar_pdf
from wijkregie.core.tests.pdf_hulp import toegankelijkheid


def test_it_refuses_a_document_without_language_or_title():
    with pytest.raises(ValueError, match="lang"):
        html_naar_pdf("<html><head><title>Brief</title></head><body><h1>Brief</h1></body></html>")
    with pytest.raises(ValueError, match="title"):
        html_naar_pdf('<html lang="nl"><head></head><body><h1>Brief</h1></body></html>')


def test_it_makes_a_tagged_pdf_with_both(tmp_path):
    pdf = html_naar_pdf('<html lang="nl"><head><title>Brief</title></head><body><h1>Brief</h1>'
                        '<table><tr><th scope="row">Datum</th><td>1 januari</td></tr></table></body></html>')
    t = toegankelijkheid(pdf, tmp_path)
    assert (t.tagged, t.titel, t.taal, t.koppen, t.cellen_zonder_kop) == (True, "Brief", "nl", [1], 0)
