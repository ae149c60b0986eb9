from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every form: an error summary on top, and each error at its field (label, help, error, input)."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
