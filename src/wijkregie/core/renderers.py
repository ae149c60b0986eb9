from django.forms.renderers import TemplatesSetting
from django.template.base import render_value_in_context
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext

from .templatetags.wijkregie import niet_verplicht


class FormRenderer(TemplatesSetting):
    """Every form: an error summary on top, and each error at its field (label, help, error, input).

    The field's frame and Django's common widgets are written by Python functions that give what their templates
    give, character for character (`IN_PYTHON`; core/tests/test_formulier_in_python.py renders forms both ways and
    compares). A field rendered through the template engine took three to five templates (frame, widget, the
    attributes, each option): the aanmelding form's 37 fields were three quarters of its page's time (issue 17).
    Any other template, and a widget whose options name another template, goes through the engine as before."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"

    #: A select's empty choice reads "Kies…" (or what the form names it, "(geen)"), never Django's
    #: "---------" (issue 13): one place for every select, model choices and choice lists alike. The
    #: select includes its options itself, so both templates are the project's.
    eigen = {"django/forms/widgets/select.html": "core/forms/select.html",
             "django/forms/widgets/select_option.html": "core/forms/select_option.html"}

    def get_template(self, template_name):
        return super().get_template(self.eigen.get(template_name, template_name))

    def render(self, template_name, context, request=None):
        if template_name == self.field_template_name:
            # A field is wide only where a page includes the template with wide=True: said here, not left to a
            # template lookup that fails on every other field of every form.
            context.setdefault("wide", False)
        schrijver = self.IN_PYTHON.get(self.eigen.get(template_name, template_name))
        if schrijver is not None:
            try:
                return schrijver(context).strip()  # as BaseRenderer.render strips a template's output
            except _DoorDeTemplate:
                pass
        return super().render(template_name, context, request=request)

    IN_PYTHON: dict = {}  # filled below, after the functions


class _Context:
    """What render_value_in_context reads of a template's context: autoescape on, the active language's formats."""

    autoescape = True
    use_l10n = None
    use_tz = None


_CONTEXT = _Context()


def _waarde(value) -> str:
    """`{{ value }}`: localised and escaped, by the template engine's own function."""
    return render_value_in_context(value, _CONTEXT)


def _als_tekst(value) -> str:
    """`{{ value|stringformat:'s' }}`: Django's filter (a tuple printed whole; safe stays safe), then escaped."""
    if isinstance(value, tuple):
        value = str(value)
    tekst = str(value)  # what "%s" % value gives, the tuple aside
    return _waarde(mark_safe(tekst) if isinstance(value, SafeData) else tekst)


class _DoorDeTemplate(Exception):
    """What Python does not draw as the template would (a callable attribute, an option of another template): the
    template draws it."""


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html (a callable value, which the template would call, goes to the template)."""
    if any(callable(waarde) for waarde in attrs.values()):
        raise _DoorDeTemplate
    return "".join(
        f" {_waarde(naam)}" + ("" if waarde is True else f'="{_als_tekst(waarde)}"')
        for naam, waarde in attrs.items() if waarde is not False
    )


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html (text, date, number, checkbox, hidden, ... include it)."""
    waarde = "" if widget["value"] is None else f' value="{_als_tekst(widget["value"])}"'
    soort, naam = _waarde(widget["type"]), _waarde(widget["name"])
    return f'<input type="{soort}" name="{naam}"{waarde}{_attrs(widget["attrs"])}>\n'


def _input_option(optie: dict) -> str:
    """django/forms/widgets/radio_option.html and checkbox_option.html (both include input_option.html)."""
    if not optie["wrap_label"]:
        return _input(optie) + "\n\n"
    id_ = optie["attrs"].get("id")
    voor = f' for="{_waarde(id_)}"' if id_ else ""
    return f"<label{voor}>{_input(optie)} {_waarde(optie['label'])}</label>\n\n"


_OPTIES = {"django/forms/widgets/radio_option.html": _input_option,
           "django/forms/widgets/checkbox_option.html": _input_option}


def _meerkeuze(context) -> str:
    """django/forms/widgets/multiple_input.html (radio buttons, checkboxes)."""
    widget = context["widget"]
    id_, klasse = widget["attrs"].get("id"), widget["attrs"].get("class")
    uit = ["<div", f' id="{_waarde(id_)}"' if id_ else "", f' class="{_waarde(klasse)}"' if klasse else "", ">"]
    for groep, opties, _index in widget["optgroups"]:
        if groep:
            uit.append(f"\n  <div><label>{_waarde(groep)}</label>")
        for optie in opties:
            schrijver = _OPTIES.get(optie["template_name"])
            if schrijver is None:
                raise _DoorDeTemplate
            uit.append(f"<div>\n    {schrijver(optie)}</div>")
        if groep:
            uit.append("\n  </div>")
    uit.append("\n</div>")
    return "".join(uit)


_SELECT_OPTION = "django/forms/widgets/select_option.html"


def _select(context) -> str:
    """core/forms/select.html with core/forms/select_option.html: Django's empty choice reads "Kies…"."""
    widget = context["widget"]
    uit = [f'<select name="{_waarde(widget["name"])}"{_attrs(widget["attrs"])}>']
    for groep, opties, _index in widget["optgroups"]:
        if groep:
            uit.append(f'\n  <optgroup label="{_waarde(groep)}">')
        for optie in opties:
            if optie["template_name"] != _SELECT_OPTION:
                raise _DoorDeTemplate
            label = gettext("Kies…") if optie["label"] == "---------" else _waarde(optie["label"])
            uit.append(f'\n  <option value="{_als_tekst(optie["value"])}"{_attrs(optie["attrs"])}>{label}</option>\n')
        if groep:
            uit.append("\n  </optgroup>")
    uit.append("\n</select>")
    return "".join(uit)


def _textarea(context) -> str:
    """django/forms/widgets/textarea.html"""
    widget = context["widget"]
    return (f'<textarea name="{_waarde(widget["name"])}"{_attrs(widget["attrs"])}>\n'
            f'{_waarde(widget["value"]) if widget["value"] else ""}</textarea>')


def _veld(context) -> str:
    """core/forms/field.html: a field's label (with "(niet verplicht)" where the form says so), help, error, input."""
    field, wide = context["field"], context.get("wide")
    widget_type, errors, help_text, auto_id = field.widget_type, field.errors, field.help_text, _waarde(field.auto_id)
    help_p = f'<p class="wr-help" id="{auto_id}_helptext">{_waarde(help_text)}</p>' if help_text else ""
    error_p = (f'<p class="wr-field-error" id="{auto_id}_error">'
               f'{" ".join(_waarde(error) for error in errors)}</p>') if errors else ""
    ongeldig = " wr-field--invalid" if errors else ""
    label = _waarde(field.label)
    if widget_type in ("checkboxselectmultiple", "radioselect"):
        beschreven = ""
        if help_text or errors:
            beschreven = ('\n    aria-describedby="' + (f"{auto_id}_helptext" if help_text else "")
                          + (f" {auto_id}_error" if errors else "") + '"')
        optioneel = (f'\n      <span class="wr-muted">({gettext("niet verplicht")})</span>'
                     if niet_verplicht(field) else "")
        return (f'<fieldset class="wr-field{ongeldig}"{beschreven}>\n  <legend>{label}{optioneel}</legend>\n'
                f"  {help_p}\n  {error_p}\n  {_waarde(field)}\n</fieldset>")
    if widget_type == "checkbox":
        return (f'<div class="wr-field wr-field--checkbox{ongeldig}">\n  {error_p}\n'
                f'  {_waarde(field)} <label for="{auto_id}">{label}</label>\n  {help_p}\n</div>')
    optioneel = f'\n    <span class="wr-muted">({gettext("niet verplicht")})</span>' if niet_verplicht(field) else ""
    breed = " wr-field--wide" if wide else ""
    return (f'<div class="wr-field{ongeldig}{breed}">\n  <label for="{auto_id}">{label}{optioneel}</label>\n'
            f"  {help_p}\n  {error_p}\n  {_waarde(field)}\n</div>")


def _invoer(context) -> str:
    return _input(context["widget"])


FormRenderer.IN_PYTHON = {
    "core/forms/field.html": _veld,
    "core/forms/select.html": _select,
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/radio.html": _meerkeuze,
    "django/forms/widgets/checkbox_select.html": _meerkeuze,
    **{f"django/forms/widgets/{naam}.html": _invoer for naam in (
        "text", "email", "number", "date", "datetime", "time", "hidden", "password", "url", "tel", "search",
        "color", "checkbox")},
}
