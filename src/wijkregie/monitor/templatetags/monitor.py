import datetime

from django import template

register = template.Library()


@register.filter
def add_days(value, days):
    """The period's end is exclusive in code and 'tot en met' on the page: one day back."""
    if not isinstance(value, datetime.date):
        return value
    return value + datetime.timedelta(days=int(days))



@register.filter
def onderdrukt(cel):
    """The sign in place of a suppressed value, with what it means for screen readers (and as a tooltip)."""
    from django.utils.html import format_html

    return format_html(
        '<span title="{0}">{1}</span><span class="wr-visually-hidden"> ({0})</span>', cel.uitleg, cel.teken
    )
