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


@register.filter
def niet_verplicht(field) -> bool:
    """Whether a field's label says "(niet verplicht)": an optional field of a form that states which of its
    fields it requires only in some cases (`soms_verplicht`), not one of those, never in a filter form (all
    optional by nature). Forms without `soms_verplicht` mark no field: so the template's own condition worked,
    its lookup failing there; asked here in Python, as that lookup failed on every field of every such form
    (issue 17). Whether every form should mark its optional fields is a question for the forms, not for this."""
    form = field.form
    soms_verplicht = getattr(form, "soms_verplicht", None)
    return (soms_verplicht is not None and not field.field.required and not getattr(form, "filter_form", False)
            and field.name not in soms_verplicht)
