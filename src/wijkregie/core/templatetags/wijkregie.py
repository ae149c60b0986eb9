from django import template
from django.apps import apps
from django.utils.formats import number_format

register = template.Library()

_SOORTEN = {"sessie": "inloggen", "pagina": "pagina", "demo": "demogegevens"}


@register.filter
def gegevenssoort(object_type: str) -> str:
    """'organisatie.mandaat' → 'mandaat': the audit trail in words a privacy officer reads."""
    if object_type in _SOORTEN:
        return _SOORTEN[object_type]
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


@register.filter
def getal(value):
    """A number the Dutch way (12.508; 179,8) whatever USE_THOUSAND_SEPARATOR says."""
    if value is None or value == "":
        return "–"
    return number_format(value, force_grouping=True)
