"""A choices field's value written into the SQL text, not sent as a parameter (PostgreSQL; issue 17).

Why: the access policy and the lists compare statuses with code constants (`status IN ('plan', 'uitvoering')`,
`NOT status = 'voorkant'`). As parameters, PostgreSQL could not plan a prepared statement once for every
request: a generic plan does not know which statuses are asked, so it cannot use the partial indexes made for
them (the start page's "waiting for a first contact" is one such index) and estimates every status alike.
It planned every statement again on every request instead, a quarter of the database's CPU on the bench's
pages (the start page's largest statement: 5–8 ms of planning for 4 ms of work). With the values in the text
it plans a statement once per connection and keeps the plan.

Only values of the field's own choices are written into the text, and only when they consist of letters,
digits and `_ . : -` (every choice in this code base): the set of texts stays as small as the choices, and no
value a user typed that is not a choice ever reaches the SQL text. Anything else stays a parameter, as in
Django. SQLite keeps parameters: it prepares no plans to keep.
"""

import re

from django.db.models import CharField
from django.db.models.lookups import Exact, In

_LETTERLIJK = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


def _keuzes(lookup) -> frozenset | None:
    """The values the compared column may hold, when it is a model field with choices."""
    veld = getattr(lookup.lhs, "output_field", None)
    keuzes = getattr(veld, "flatchoices", None)
    if not keuzes:
        return None
    return frozenset(str(waarde) for waarde, _label in keuzes)


def _letterlijk(lookup, waarden) -> bool:
    keuzes = _keuzes(lookup)
    return keuzes is not None and all(
        isinstance(w, str) and str(w) in keuzes and _LETTERLIJK.fullmatch(str(w)) for w in waarden)


class KeuzeExact(Exact):
    """`status = 'plan'` for a choice of the field, written in the SQL text (see the module)."""

    def as_sql(self, compiler, connection):
        if connection.vendor == "postgresql" and self.rhs_is_direct_value() and _letterlijk(self, [self.rhs]):
            lhs, params = self.process_lhs(compiler, connection)
            return f"{lhs} = '{str(self.rhs)}'", params
        return super().as_sql(compiler, connection)


class KeuzeIn(In):
    """`status IN ('plan', 'uitvoering')` for choices of the field, written in the SQL text (see the module)."""

    def as_sql(self, compiler, connection):
        if connection.vendor == "postgresql" and self.rhs_is_direct_value():
            # As Django's own: NULL equals nothing, so None is left out; duplicates once.
            waarden = [w for w in self.rhs if w is not None]
            if waarden and _letterlijk(self, waarden):
                lhs, params = self.process_lhs(compiler, connection)
                tekst = ", ".join(f"'{w}'" for w in sorted({str(w) for w in waarden}))
                return f"{lhs} IN ({tekst})", params
        return super().as_sql(compiler, connection)


def registreer() -> None:
    """In place of Django's own `exact` and `in` for every CharField (CoreConfig.ready)."""
    CharField.register_lookup(KeuzeExact)
    CharField.register_lookup(KeuzeIn)
