"""Django's static template library, with `{% static "a constant path" %}` kept per process: every page links its
stylesheets, scripts and icon through the static files storage's manifest at every render (a fiftieth of the
server's Python time under load, issue 17). The storage reads its manifest once per process, so a constant path's
link does not change while the process lives. settings.TEMPLATES names this module as the library "static", so
`{% load static %}` loads it; a path from a variable and `as name` are Django's as they are."""

from django.templatetags import static

from .bewaard import kopie_van, onthouden

register = kopie_van(static.register)

#: Links kept per process (emptied when full; the application links a few dozen files).
LINKS_MAX = 1_000
_links: dict[tuple, str] = {}


class BewaardeStaticNode(static.StaticNode):
    """Django's StaticNode; a constant path's rendered link kept under the path and whether the context escapes."""

    def render(self, context):
        # A quoted path is a constant of the FilterExpression (a text); a variable is a Variable.
        pad = self.path.var
        if self.varname is not None or self.path.filters or not isinstance(pad, str):
            return super().render(context)
        return onthouden(_links, LINKS_MAX, (str(pad), context.autoescape),
                         lambda: super(BewaardeStaticNode, self).render(context))


@register.tag("static")
def do_static(parser, token):
    node = static.do_static(parser, token)
    node.__class__ = BewaardeStaticNode
    return node
