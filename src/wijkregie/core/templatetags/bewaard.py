"""Django's `date` filter and `url` tag, with their answers kept: every template has them (settings.TEMPLATES'
builtins put them in place of Django's own).

A timeline of fifty events formatted some hundred dates and times through Django's DateFormat, a tenth of its
page's Python time, and reversing its links another twentieth (issue 17). Each answer follows from a few inputs
only, named in full in its key, so the same date in the same words, or the same link, is made once per process.
Anything else (another kind of value, a link with an object as argument, `{% url ... as name %}`) goes to Django's
own code as it is."""

import datetime
import functools

from django import template
from django.conf import settings
from django.template import defaultfilters, defaulttags
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

register = template.Library()

_SOORTEN = (datetime.date, datetime.datetime)


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    if type(value) in _SOORTEN and (arg is None or isinstance(arg, str)):  # a template's literal is a SafeString
        # The time zone and the fold are part of the key: two aware datetimes of the same instant are equal to
        # each other, and so are the two 02:30s of the night the clock goes back.
        return _bewaard(type(value), value, getattr(value, "tzinfo", None), getattr(value, "fold", 0),
                        None if arg is None else str(arg), get_language())
    return defaultfilters.date(value, arg)


@functools.lru_cache(maxsize=4096)
def _bewaard(_soort, value, _tijdzone, _fold, arg, _taal) -> str:
    return defaultfilters.date(value, arg)


#: Links kept per process (emptied when full).
URLS_MAX = 20_000
_urls: dict[tuple, str] = {}


class BewaardeURLNode(defaulttags.URLNode):
    """Django's URLNode, its rendered link kept under everything reversing it reads: the view name, the arguments
    (whole numbers and texts only), the request's current app and namespace, the URLconf, the script prefix, the
    language and whether the context escapes."""

    def render(self, context):
        if self.asvar:
            return super().render(context)
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple((k, v.resolve(context)) for k, v in self.kwargs.items())
        if not all(type(w) is int or isinstance(w, str) for w in (*args, *(v for _k, v in kwargs))):
            return super().render(context)
        view_name = self.view_name.resolve(context)
        if not isinstance(view_name, str):
            return super().render(context)
        request = getattr(context, "request", None)
        sleutel = (view_name, args, kwargs, getattr(request, "current_app", None),
                   getattr(getattr(request, "resolver_match", None), "namespace", None),
                   get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), get_language(), context.autoescape)
        return onthouden(_urls, URLS_MAX, sleutel, lambda: super(BewaardeURLNode, self).render(context))


def kopie_van(bibliotheek: template.Library) -> template.Library:
    """A library holding every tag and filter of Django's `bibliotheek`, for a module that takes that library's
    name in settings.TEMPLATES and replaces some of its tags (i18n_bewaard, static_bewaard)."""
    kopie = template.Library()
    kopie.tags.update(bibliotheek.tags)
    kopie.filters.update(bibliotheek.filters)
    return kopie


def onthouden(cache: dict, maximum: int, sleutel: tuple, maak) -> str:
    """`cache[sleutel]`, made by `maak()` when missing; the cache is emptied when it holds `maximum` (cheaper than
    keeping an order for the least recently used, and a day's texts are far fewer)."""
    tekst = cache.get(sleutel)
    if tekst is None:
        tekst = maak()
        if len(cache) >= maximum:
            cache.clear()
        cache[sleutel] = tekst
    return tekst


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    node.__class__ = BewaardeURLNode
    return node
