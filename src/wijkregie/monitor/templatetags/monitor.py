import datetime

from django import template

register = template.Library()


@register.filter
def add_days(value, days):
    """The period's end is exclusive in code and 'tot en met' on the page: one day back."""
    if not isinstance(value, datetime.date):
        return value
    return value + datetime.timedelta(days=int(days))

