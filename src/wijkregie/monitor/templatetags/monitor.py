import datetime

from django import template

from wijkregie.monitor.indicators import INDICATOREN

register = template.Library()


@register.filter
def add_days(value, days):
    """The period's end is exclusive in code and 'tot en met' on the page: one day back."""
    if not isinstance(value, datetime.date):
        return value
    return value + datetime.timedelta(days=int(days))


@register.filter
def indicator_definitie(code: str) -> str:
    indicator = INDICATOREN.get(code)
    return indicator.definitie if indicator else ""
