"""Fields and Django's common widgets are drawn by Python (core/renderers.py, IN_PYTHON) instead of three to five
templates each (issue 17): what Python draws is what the templates draw, character for character. A form with
every widget and every case (errors, help, optional fields, groups of options, values to escape), in Dutch and in
English; then every page of the application, as its users get it, drawn both ways."""

from __future__ import annotations

import datetime
import re

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wijkregie.core.forms import DateInput, DateTimeInput
from wijkregie.core.renderers import FormRenderer
from wijkregie.core.tests.test_query_budget import BUITEN, NIET_GEMETEN, _dossier, _kwargs, _wereld
from wijkregie.testing import benoemde_urls, login


class AlleenTemplates(FormRenderer):
    """The same renderer with nothing drawn by Python: every field and widget through its template."""

    IN_PYTHON: dict = {}


class MetOptieAttrs(forms.Select):
    """Options with attributes of their own (a data attribute, one disabled)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        optie = super().create_option(name, value, label, selected, index, subindex, attrs)
        optie["attrs"].update({"data-soort": f"<{value}>", "disabled": value == "b"})
        return optie


class ZonderLabelOmhulsel(forms.RadioSelect):
    """Radio buttons whose label does not wrap the input (wrap_label False)."""

    def create_option(self, *args, **kwargs):
        return {**super().create_option(*args, **kwargs), "wrap_label": False}


class Alles(forms.Form):
    soms_verplicht = {"naam", "kleur"}
    naam = forms.CharField(label=_("Naam"), help_text='<b>"vet"</b> & meer', max_length=20)
    bijnaam = forms.CharField(label='Bij<naam> & "zo"', required=False,
                              widget=forms.TextInput(attrs={"autofocus": True, "disabled": False, "data-x": 'a"b'}))
    email = forms.EmailField(required=False)
    aantal = forms.IntegerField(required=False, initial=1234567)
    bedrag = forms.DecimalField(required=False, initial="12.50")
    datum = forms.DateField(required=False, widget=DateInput(), initial=datetime.date(2026, 12, 2))
    moment = forms.DateTimeField(required=False, widget=DateTimeInput(), initial=datetime.datetime(2026, 12, 2, 9, 5))
    tijd = forms.TimeField(required=False, widget=forms.TimeInput())
    verborgen = forms.CharField(required=False, widget=forms.HiddenInput, initial="<x>")
    geheim = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    site = forms.URLField(required=False, assume_scheme="https")
    telefoon = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}))
    akkoord = forms.BooleanField(required=False, initial=True, help_text="Ja of nee")
    verplicht_akkoord = forms.BooleanField(label="Akkoord")
    toelichting = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), initial="<script>&")
    leeg = forms.CharField(required=False, widget=forms.Textarea)
    kleur = forms.ChoiceField(choices=[("", "---------"), ("r", "Rood & <roze>"), ("g", "Groen")])
    groep = forms.ChoiceField(required=False, choices=[("", "(geen)"), ("Warm", [("r", "Rood"), ("o", "Oranje")]),
                                                       ("Koud", [("b", "Blauw")]), ("x", "Anders")], initial="o")
    meer = forms.MultipleChoiceField(required=False, choices=[(1, "Een"), (2, "Twee"), (3, "Drie")],
                                     initial=[1, 3])
    kanaal = forms.ChoiceField(choices=[("t", "Telefoon"), ("m", mark_safe("<em>Mail</em>"))],
                               widget=forms.RadioSelect, initial="m", help_text="Hoe kwam de vraag binnen?")
    soort = forms.ChoiceField(required=False, widget=forms.RadioSelect,
                              choices=[("Binnen", [("a", "A"), ("b", "B")]), ("c", "C")])
    domeinen = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple(attrs={"class": "kol"}),
                                         choices=[("w", "Wonen"), ("g", "Geld")], initial=["g"])
    met_begin = forms.CharField(required=False, show_hidden_initial=True, initial="begin")
    zoekterm = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search"}))
    zoek = forms.CharField(required=False, widget=forms.widgets.SearchInput())
    tel = forms.CharField(required=False, widget=forms.widgets.TelInput())
    kleurcode = forms.CharField(required=False, widget=forms.widgets.ColorInput(), initial="#154273")
    gewicht = forms.DecimalField(required=False, localize=True, initial="1234.5")
    met_attrs = forms.ChoiceField(required=False, choices=[("a", "A"), ("b", "B")], widget=MetOptieAttrs)
    streepjes_in_groep = forms.ChoiceField(required=False, choices=[("Groep", [("", "---------"), ("x", "X")])])
    los = forms.ChoiceField(required=False, choices=[("p", "P"), ("q", "Q")], widget=ZonderLabelOmhulsel)
    tuple_attr = forms.CharField(required=False, widget=forms.TextInput(attrs={"data-t": ("a", 1)}))


def _beide(maak) -> tuple[str, str]:
    """The form drawn by the project's renderer and by its templates only."""
    return str(maak(FormRenderer()).render()), str(maak(AlleenTemplates()).render())


def test_a_form_without_ids_and_a_wide_field_read_the_same():
    python, templates = _beide(lambda renderer: Alles(None, renderer=renderer, auto_id=False))
    assert python == templates and 'id="id_' not in python
    for naam in ("naam", "kleur", "kanaal", "akkoord"):
        velden = [Alles(None, renderer=r)[naam] for r in (FormRenderer(), AlleenTemplates())]
        breed = [r.render(r.field_template_name, {"field": v, "wide": True}) for r, v in
                 zip((FormRenderer(), AlleenTemplates()), velden, strict=True)]
        assert breed[0] == breed[1]
    assert "wr-field--wide" in breed[0] or naam == "akkoord"


def test_a_value_the_template_would_call_goes_to_the_template():
    """A callable attribute: the template calls it, so Python leaves that widget to the template."""
    class Aanroepbaar(forms.Form):
        naam = forms.CharField(widget=forms.TextInput(attrs={"data-x": lambda: "geroepen"}))

    python, templates = _beide(lambda renderer: Aanroepbaar(None, renderer=renderer))
    assert python == templates and 'data-x="geroepen"' in python


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize("data", [
    None,
    {},  # bound, empty: an error at every required field
    {"naam": "x" * 30, "bijnaam": '"<b>"', "email": "geen mail", "aantal": "veel", "datum": "2026-13-40",
     "kleur": "paars", "groep": "b", "meer": ["2"], "kanaal": "t", "soort": "a", "domeinen": ["w", "g"],
     "toelichting": "regel 1\nregel <2>", "verplicht_akkoord": "on", "met_begin": "ander", "initial-met_begin": "b"},
    {"naam": "Bo", "kleur": "r", "kanaal": "m", "verplicht_akkoord": "on"},  # valid
])
def test_a_form_with_every_widget_reads_the_same_drawn_by_python(taal, data):
    with translation.override(taal):
        python, templates = _beide(lambda renderer: Alles(data, renderer=renderer))
    assert python == templates
    # It is the whole form: every field, its help, its errors where the data has them.
    frames = re.findall(r'class="wr-field[" ]', python)
    assert len(frames) == len(Alles.base_fields) - 1  # the hidden field has no frame
    if data is not None and "naam" not in data:
        assert "wr-field-error" in python


def test_the_python_drawing_is_used():
    """The renderer's own functions draw the fields (a renderer that fell back to its templates would pass the
    comparison above and save nothing)."""
    getekend = []

    def geteld(functie):
        def tekenen(context):
            getekend.append(1)
            return functie(context)
        return tekenen

    class Telt(FormRenderer):
        IN_PYTHON = {naam: geteld(functie) for naam, functie in FormRenderer.IN_PYTHON.items()}

    Alles(None, renderer=Telt()).render()
    # Every visible field's frame, and every widget (the hidden one, and the extra input of show_hidden_initial).
    assert len(getekend) == 2 * (len(Alles.base_fields) - 1) + 2


def _formulieren(html: str) -> str:
    """The page's forms (the rest of a page may change between two requests: the audit log lists its own
    reading), without what is new on every response: the masked CSRF token, the web form's signed opening time."""
    html = "\n".join(re.findall(r"<form\b.*?</form>", html, flags=re.S))
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", html)
    return re.sub(r'name="begonnen" value="[^"]+"', "begonnen", html)


def _pagina(client: Client, settings, url: str, renderer: str, data=None) -> tuple[int, str]:
    settings.FORM_RENDERER = renderer  # Django empties its renderer cache when this setting changes
    response = client.post(url, data) if data is not None else client.get(url)
    return response.status_code, _formulieren(response.content.decode())


@pytest.fixture
def stil(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_every_page_reads_the_same_with_its_forms_drawn_by_python(world, settings, stil):
    users = _wereld(world)
    dossiers = [_dossier(world, i, users=users) for i in range(2)]
    objecten = {**dossiers[1], **dossiers[0]}  # as the query budget's walk: dossier 1's beschikking, the rest of 0
    clients = {persona: login(Client(), user) for persona, user in users.items()}
    python, templates = "wijkregie.core.renderers.FormRenderer", f"{__name__}.AlleenTemplates"
    vergeleken, met_formulier, verschillen = 0, 0, []
    for naam, pattern in benoemde_urls():
        if naam.split(":")[0] in BUITEN or naam in NIET_GEMETEN:
            continue
        for kwargs in _kwargs(naam, pattern, getattr(pattern.callback, "toegangsbeleid", None), world, objecten):
            url = reverse(naam, kwargs=kwargs)
            # The first persona that may open the page; a page that shows the clock (a form's "now") may cross a
            # minute between the two requests, so a difference is looked at again once.
            for client in clients.values():
                status, met_python = _pagina(client, settings, url, python)
                if status != 200:
                    continue
                _status, met_templates = _pagina(client, settings, url, templates)
                if met_python != met_templates:
                    met_python = _pagina(client, settings, url, python)[1]
                    met_templates = _pagina(client, settings, url, templates)[1]
                vergeleken += 1
                met_formulier += re.search(r'class="wr-field[" ]', met_python) is not None
                if met_python != met_templates:
                    verschillen.append(url)
                break
    assert not verschillen, verschillen
    assert vergeleken > 60 and met_formulier > 25, (vergeleken, met_formulier)


def test_a_refused_aanmelding_reads_the_same_with_its_forms_drawn_by_python(world, settings):
    client = login(Client(), world.medewerker)
    url = "/aanmeldingen/nieuw/"
    data = {"kanaal": "telefoon", "vraag": "", "ontvangen_op": "gisteren", "afhandeling": "voorkant",
            "nieuw-achternaam": "<Jansen>"}
    python = _pagina(client, settings, url, "wijkregie.core.renderers.FormRenderer", data)
    templates = _pagina(client, settings, url, f"{__name__}.AlleenTemplates", data)
    assert python[0] == templates[0] == 200
    assert "wr-field-error" in python[1]
    assert python[1] == templates[1]
