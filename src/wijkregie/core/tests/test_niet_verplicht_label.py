"""A form that states which fields it requires only in some cases (`soms_verplicht`) says at the label which
fields may stay empty, "(niet verplicht)", and only there: not at a required field, not at a field it requires in
some cases, never in a filter form (every field optional by nature); also where a page includes the field template
itself (wide). A form without `soms_verplicht` marks none (core.templatetags.wijkregie.niet_verplicht)."""

from django import forms
from django.template import Context, Template

NIET = "(niet verplicht)"


class Aanvraag(forms.Form):
    naam = forms.CharField(label="Naam")
    telefoon = forms.CharField(label="Telefoon", required=False)
    reden = forms.CharField(label="Reden", required=False)
    soms_verplicht = {"reden"}


class Filter(forms.Form):
    filter_form = True
    soms_verplicht = ()
    wijk = forms.CharField(label="Wijk", required=False)


class Zonder(forms.Form):
    telefoon = forms.CharField(label="Telefoon", required=False)


def _label(html: str) -> str:
    return html[html.index("<label"):html.index("</label>")]


def test_only_a_field_that_may_stay_empty_says_so():
    form = Aanvraag()
    assert NIET not in _label(form["naam"].as_field_group())
    assert NIET in _label(form["telefoon"].as_field_group())
    assert NIET not in _label(form["reden"].as_field_group())
    assert NIET not in _label(Filter()["wijk"].as_field_group())
    assert NIET not in _label(Zonder()["telefoon"].as_field_group())
    assert "wr-field--wide" not in form["telefoon"].as_field_group()


def test_a_page_that_includes_the_field_template_itself_gets_the_same_label_and_its_width():
    html = Template('{% include "core/forms/field.html" with field=form.telefoon wide=True %}').render(
        Context({"form": Aanvraag()}))
    assert NIET in _label(html) and "wr-field--wide" in html
