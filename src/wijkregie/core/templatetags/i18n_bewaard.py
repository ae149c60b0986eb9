"""Django's i18n template library, with `{% translate "a constant text" %}` kept per language: every page translated
some forty constant texts (its menu's and header's twenty-two included) through gettext at every render (issue
17). settings.TEMPLATES names this module as the library "i18n", so `{% load i18n %}` loads it; every other tag and
filter is Django's own, and a translation with a variable, a filter, a context or `as name` is Django's as it is."""

from django.templatetags import i18n
from django.utils.translation import get_language

from .bewaard import kopie_van, onthouden

register = kopie_van(i18n.register)

#: Translations kept per process (emptied when full; a few hundred texts in two languages).
VERTALINGEN_MAX = 10_000
_vertalingen: dict[tuple, str] = {}


class BewaardeTranslateNode(i18n.TranslateNode):
    """Django's TranslateNode; a constant text's rendered translation kept under the text, noop, language and
    whether the context escapes (all it depends on: the catalogues are read once per process)."""

    def render(self, context):
        var = self.filter_expression.var
        if (self.asvar or self.message_context is not None or self.filter_expression.filters
                or getattr(var, "literal", None) is None or not isinstance(var.literal, str)):
            return super().render(context)
        sleutel = (var.literal, self.noop, get_language(), context.autoescape)
        return onthouden(_vertalingen, VERTALINGEN_MAX, sleutel,
                         lambda: super(BewaardeTranslateNode, self).render(context))


@register.tag("translate")
@register.tag("trans")
def translate(parser, token):
    node = i18n.do_translate(parser, token)
    node.__class__ = BewaardeTranslateNode
    return node
