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

import functools
import re

from django.db.models import CharField
from django.db.models.lookups import Exact, In

_LETTERLIJK = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


@functools.cache
def _keuzes_van(veld) -> frozenset:
    return frozenset(str(waarde) for waarde, _label in veld.flatchoices)


def _letterlijk(lookup, waarden) -> bool:
    """Whether each value (as Django prepared it for the database) is one of the compared field's choices and
    safe to write between quotes."""
    veld = getattr(lookup.lhs, "output_field", None)
    if not getattr(veld, "choices", None):
        return False
    keuzes = _keuzes_van(veld)
    # A TextChoices member is a str whose str() is its value (and whose hash is its name's: compare the text).
    return bool(waarden) and all(
        isinstance(w, str) and str(w) in keuzes and _LETTERLIJK.fullmatch(str(w)) for w in waarden)


def _als_tekst(lookup, compiler, connection) -> tuple[str, list, list] | None:
    """The left side, and the right side's values as Django prepares them (the field's own conversion, a
    transform applied to both sides), when every value is a bare parameter that may be written as text."""
    if connection.vendor != "postgresql" or not lookup.rhs_is_direct_value() or lookup.bilateral_transforms:
        return None
    rhs_sql, rhs_params = lookup.process_rhs(compiler, connection)
    kaal = "%s" if isinstance(lookup, Exact) else "(" + ", ".join(["%s"] * len(rhs_params)) + ")"
    if rhs_sql != kaal or not _letterlijk(lookup, rhs_params):
        return None
    lhs_sql, lhs_params = lookup.process_lhs(compiler, connection)
    return lhs_sql, list(lhs_params), list(rhs_params)


class KeuzeExact(Exact):
    """`status = 'plan'` for a choice of the field, written in the SQL text (see the module)."""

    def as_sql(self, compiler, connection):
        tekst = _als_tekst(self, compiler, connection)
        if tekst is None:
            return super().as_sql(compiler, connection)
        lhs_sql, lhs_params, (waarde,) = tekst
        return f"{lhs_sql} = '{str(waarde)}'", lhs_params


class KeuzeIn(In):
    """`status IN ('plan', 'uitvoering')` for choices of the field, written in the SQL text (see the module). As
    Django's own: None is left out (NULL equals nothing), duplicates once, an empty list selects nothing."""

    def as_sql(self, compiler, connection):
        tekst = _als_tekst(self, compiler, connection)
        if tekst is None:
            return super().as_sql(compiler, connection)
        lhs_sql, lhs_params, waarden = tekst
        tekst = ", ".join(f"'{w}'" for w in sorted({str(w) for w in waarden}))
        return f"{lhs_sql} IN ({tekst})", lhs_params


def registreer() -> None:
    """In place of Django's own `exact` and `in` for every CharField (CoreConfig.ready)."""
    CharField.register_lookup(KeuzeExact)
    CharField.register_lookup(KeuzeIn)
