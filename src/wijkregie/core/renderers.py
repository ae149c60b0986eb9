from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every form: an error summary on top, and each error at its field (label, help, error, input)."""

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
        return super().render(template_name, context, request=request)
