"""{% load static %} is Django's library with a constant path's link kept: the same output as Django's own with the
storage configured (the tests' plain storage; production's manifest storage reads its manifest once per process),
per escaping, and the storage asked once per path."""

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template import Context, Engine, Template

from wijkregie.core.templatetags import static_bewaard

SJABLONEN = (
    '{% load static %}<link href="{% static "wijkregie/css/app.css" %}">',
    "{% load static %}{% static 'vendor/htmx.min.js' %}|{% static 'wijkregie/favicon.svg' %}",
    "{% load static %}{% static pad %}",
    "{% load static %}{% static 'wijkregie/css/app.css' as css %}[{{ css }}]",
    # A quote stays in the link through the storage's quoting, and is escaped only where the context escapes.
    """{% load static %}{% static "wijkregie/css/it's.css" %}|"""
    """{% autoescape off %}{% static "wijkregie/css/it's.css" %}{% endautoescape %}""",
    "{% load static %}{% get_static_prefix %}|{% get_media_prefix %}",
)


@pytest.fixture(autouse=True)
def leeg():
    static_bewaard._links.clear()
    yield
    static_bewaard._links.clear()


def test_it_renders_what_djangos_library_renders_twice():
    django_engine = Engine(libraries={"static": "django.templatetags.static"})  # Django's own library
    for tekst in SJABLONEN:
        ons, hunne = Template(tekst), django_engine.from_string(tekst)
        verwacht = hunne.render(Context({"pad": "wijkregie/css/tokens.css"}))
        assert "{% static" not in verwacht and verwacht.strip("|[]")
        for _ in range(2):
            assert ons.render(Context({"pad": "wijkregie/css/tokens.css"})) == verwacht, tekst
    assert static_bewaard._links  # the constant paths were kept
    # Escaping is part of the key: the same path escaped and not, in one page.
    assert Template(SJABLONEN[4]).render(Context()).endswith("it&#x27;s.css|/static/wijkregie/css/it's.css")
    assert Template(SJABLONEN[0]).nodelist.get_nodes_by_type(static_bewaard.BewaardeStaticNode)


def test_a_constant_path_asks_the_storage_once(monkeypatch):
    gevraagd = []
    echt = type(staticfiles_storage._wrapped if hasattr(staticfiles_storage, "_wrapped") else staticfiles_storage).url

    def tellen(self, name, *args, **kwargs):
        gevraagd.append(name)
        return echt(self, name, *args, **kwargs)

    staticfiles_storage.url  # noqa: B018 - the lazy storage made, so its class can be counted
    monkeypatch.setattr(type(staticfiles_storage._wrapped), "url", tellen)
    sjabloon = Template("{% load static %}{% static 'wijkregie/css/app.css' %}|{% static pad %}")
    for _ in range(3):
        sjabloon.render(Context({"pad": "wijkregie/css/tokens.css"}))
    assert gevraagd.count("wijkregie/css/app.css") == 1
    assert gevraagd.count("wijkregie/css/tokens.css") == 3  # a variable every time
