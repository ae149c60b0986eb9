"""The `date` filter of every template (settings.TEMPLATES' builtins), Django's own with its answers kept.

A timeline of fifty events formatted some hundred dates and times through Django's DateFormat, a tenth of its page's
Python time (issue 17). The text follows from the value (with its time zone), the format and the active language
only, so the same date in the same words is formatted once per process. Anything else goes to Django's filter as
it is."""

import datetime
import functools

from django import template
from django.template import defaultfilters
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
