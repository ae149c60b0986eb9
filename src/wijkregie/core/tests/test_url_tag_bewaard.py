"""The templates' `url` tag keeps its links, and gives what Django's tag gives: per arguments, prefix and language."""

import django.urls
import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from wijkregie.core.templatetags import bewaard


@pytest.fixture
def geteld(monkeypatch):
    """Django's reverse, counted (the tag's node asks it through django.urls at every render it does not keep)."""
    bewaard._urls.clear()
    echt, gevraagd = django.urls.reverse, []

    def tellen(*args, **kwargs):
        gevraagd.append(args[0])
        return echt(*args, **kwargs)

    monkeypatch.setattr(django.urls, "reverse", tellen)
    yield gevraagd
    bewaard._urls.clear()
    set_script_prefix("/")


def test_a_link_is_reversed_once_and_kept(geteld):
    sjabloon = Template("{% url 'regie:tijdlijn' pk %}|{% url 'regie:tijdlijn' pk=pk %}")
    for _ in range(3):
        sjabloon.render(Context({"pk": 7}))
    tekst = sjabloon.render(Context({"pk": 7}))
    assert tekst == "/casussen/7/tijdlijn/|/casussen/7/tijdlijn/"
    assert geteld == ["regie:tijdlijn", "regie:tijdlijn"]  # once for args, once for kwargs
    assert sjabloon.render(Context({"pk": 8})) == "/casussen/8/tijdlijn/|/casussen/8/tijdlijn/"
    assert len(geteld) == 4


def test_the_script_prefix_and_language_are_part_of_the_key(geteld):
    sjabloon = Template("{% url 'regie:tijdlijn' 7 %}")
    assert sjabloon.render(Context()) == "/casussen/7/tijdlijn/"
    set_script_prefix("/wijkregie/")
    assert sjabloon.render(Context()) == "/wijkregie/casussen/7/tijdlijn/"
    with translation.override("en"):
        assert sjabloon.render(Context()) == "/wijkregie/casussen/7/tijdlijn/"
    assert len(geteld) == 3


def test_as_a_variable_an_object_or_an_unknown_name_go_to_djangos_tag(geteld, world):
    assert Template("{% url 'regie:tijdlijn' 7 as link %}[{{ link }}]").render(Context()) == \
        "[/casussen/7/tijdlijn/]"
    assert Template("{% url 'organisatie:team' team.slug %}").render(Context({"team": world.team_noord})) == \
        reverse("organisatie:team", args=[world.team_noord.slug])
    with pytest.raises(NoReverseMatch):
        Template("{% url 'regie:bestaat_niet' 7 %}").render(Context())
    assert Template("{% url 'regie:bestaat_niet' 7 as link %}[{{ link }}]").render(Context()) == "[]"
    assert not any(sleutel[0] == "regie:bestaat_niet" for sleutel in bewaard._urls)
