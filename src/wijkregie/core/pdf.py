"""Every PDF wijkregie hands out is made here, as a tagged PDF/UA-1 document (ISO 14289-1).

Documents for residents and professionals (the plan, the beschikking letter, the inzage, the management report)
fall under WCAG 2.1 AA like every page of government software (Besluit digitale toegankelijkheid overheid):
a screen reader needs the structure (headings, lists, tables with their headers, alternative text for images),
the document's title and its language. WeasyPrint writes that structure from the HTML when the PDF/UA-1 variant
is asked for (it turns tagging on); it takes the title from <title> and the language from <html lang>, and
ties a table cell to its headers through <th> (a row's header needs scope="row").

One function, so no document can forget the variant (core/tests/test_pdf_alleen_via_de_helper.py finds any
other use of WeasyPrint). It refuses HTML without a language or a title rather than hand out a PDF that
cannot be PDF/UA: the templates are fixed, so a test of each document finds that, not a resident.
"""

from __future__ import annotations

#: Tagged PDF for accessibility; WeasyPrint 70 also knows pdf/ua-2 (PDF 2.0), which fewer readers support.
PDF_VARIANT = "pdf/ua-1"


def html_naar_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """The PDF of `html` (a whole document: <html lang>, <title>), tagged PDF/UA-1."""
    from weasyprint import HTML  # about a second to import: only when a document is made

    document = HTML(string=html, base_url=base_url).render(pdf_variant=PDF_VARIANT)
    if not document.metadata.lang:
        raise ValueError('A PDF needs its language: <html lang="nl"> (PDF/UA-1, WCAG 3.1.1).')
    if not (document.metadata.title or "").strip():
        raise ValueError("A PDF needs a title: <title> in <head> (PDF/UA-1, WCAG 2.4.2).")
    return document.write_pdf(pdf_variant=PDF_VARIANT)
