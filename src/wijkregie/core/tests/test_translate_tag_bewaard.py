"""{% load i18n %} is Django's library with a constant text's translation kept: the same output as Django's own,
per language and escaping, and gettext asked once per text."""

import pytest
from django.template import Context, Engine, Template
from django.templatetags import i18n
from django.utils import translation

from wijkregie.core.templatetags import i18n_bewaard

SJABLONEN = (
    '{% load i18n %}{% translate "Zoeken" %}',
    '{% load i18n %}{% trans "Uitloggen" %}',
    '{% load i18n %}{% translate "Zoeken" noop %}',
    '{% load i18n %}{% translate "100%% zeker" %}',
    '{% load i18n %}{% translate tekst %}',
    '{% load i18n %}{% translate "Zoeken"|upper %}',
    '{% load i18n %}{% translate "Mei" context "maand" %}',
    '{% load i18n %}{% translate "Zoeken" as z %}[{{ z }}]',
    '{% load i18n %}{% autoescape off %}{% translate "<b>vet</b>" %}{% endautoescape %}{% translate "<b>vet</b>" %}',
    '{% load i18n %}{% blocktranslate with n=3 %}Aanmelding {{ n }}{% endblocktranslate %}'
    '{% get_current_language as taal %}{{ taal }}{{ taal|language_name_local }}',
)


@pytest.fixture(autouse=True)
def leeg():
    i18n_bewaard._vertalingen.clear()
    yield
    i18n_bewaard._vertalingen.clear()


def test_it_renders_what_djangos_library_renders_in_both_languages_twice():
    django_engine = Engine(libraries={"i18n": "django.templatetags.i18n"})  # Django's own library
    for tekst in SJABLONEN:
        ons, hunne = Template(tekst), django_engine.from_string(tekst)
        if "{% translate " in tekst or "{% trans " in tekst:
            assert ons.nodelist.get_nodes_by_type(i18n_bewaard.BewaardeTranslateNode), tekst
        for taal in ("nl", "en", "nl"):
            with translation.override(taal):
                context = {"tekst": "Zoeken"}
                verwacht = hunne.render(Context(context))
                assert ons.render(Context(context)) == verwacht, (tekst, taal)
                assert ons.render(Context(context)) == verwacht, (tekst, taal)


def test_a_constant_text_is_translated_once_per_language(monkeypatch):
    gevraagd = []
    echt = i18n.TranslateNode.render

    def tellen(self, context):
        gevraagd.append(self.filter_expression.token)
        return echt(self, context)

    monkeypatch.setattr(i18n.TranslateNode, "render", tellen)
    sjabloon = Template('{% load i18n %}{% translate "Zoeken" %}|{% translate tekst %}')
    for taal in ("nl", "en", "nl", "en"):
        with translation.override(taal):
            sjabloon.render(Context({"tekst": "Uitloggen"}))
    assert gevraagd.count('"Zoeken"') == 2  # once per language
    assert gevraagd.count("tekst") == 4  # a variable every time
