"""Access: single objects are fetched through a visible_to queryset, and 'not yours' looks like 'not found'.

Visibility rules live in `*_visible_to(user)` selectors in each app (a queryset, never an `if` in a
view). This module only turns such a queryset into one object or a 404 (Zulip's access_*_by_id),
and records the refusal when the object exists but is not the user's to see.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet, FieldDoesNotExist, ValidationError
from django.db.models import AutoField, BigAutoField, Lookup, Model, Q, QuerySet
from django.http import Http404
from django.utils.functional import LazyObject, empty

from .context import current, run_after_response

PERSOON = "inwoners.persoon"
# Foreign keys that name the resident an object is about (casus, aanmelding, signaal, toestemming).
CLIENT_FIELDS = ("persoon_id", "hoofdpersoon_id")


def sleutel_uit(waarde) -> int | None:
    """A row's key from what a form or URL gave (a number or its text), or None: only ASCII digits, at most 18 of
    them (int() also takes '٣', ' 3' and '1_0', and a longer number overflows a bigint)."""
    tekst = str(waarde)
    return int(tekst) if tekst.isdecimal() and tekst.isascii() and len(tekst) <= 18 else None


def get_visible_or_404(queryset: QuerySet, *, audit_actor=None, **lookup) -> Model:
    """The one object of `queryset` matching `lookup`, or 404.

    When the object exists outside `queryset` (not yours), the refusal is audited (resultaat
    'geweigerd') for `audit_actor`, by default the request's user (core.context). Only lookups on a
    unique field are checked: `casus.plannen.all()` with `versie=2` would otherwise find another
    casus' plan. The check costs one query, on the 404 path only.
    """
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, ValidationError):
        pass
    _audit_refusal(queryset.model, lookup, audit_actor if audit_actor is not None else current.get().user)
    # Same answer for "does not exist" and "exists but not yours": no probing for ids.
    raise Http404


def _unique_lookup(model: type[Model], lookup: dict) -> bool:
    if not lookup:
        return False
    for name in lookup:
        if name == "pk":
            continue
        if "__" in name:
            return False
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if not (field.primary_key or field.unique):
            return False
    return True


def _audit_refusal(model: type[Model], lookup: dict, actor) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False) or not _unique_lookup(model, lookup):
        return
    attnames = {f.attname for f in model._meta.concrete_fields}
    wanted = ["pk"] + [name for name in ("gemeente_id", *CLIENT_FIELDS) if name in attnames]
    try:
        row = model._base_manager.filter(**lookup).values(*wanted).first()
    except (ValueError, TypeError, ValidationError):
        return
    if row is None:
        return  # really not found: nothing was refused
    label = model._meta.label_lower
    client_id = row["pk"] if label == PERSOON else next((row[n] for n in CLIENT_FIELDS if row.get(n)), None)

    def write():
        from .audit import audit_refused

        audit_refused(
            actor=actor, object_type=label, object_id=row["pk"], gemeente_id=row.get("gemeente_id"),
            client_id=client_id,
        )
        _tel_weigering(actor)

    # The 404 may roll back the view's transaction: the refusal is written after the response.
    run_after_response(write)


def _tel_weigering(actor) -> None:
    """Walking object ids leaves a trail of refusals; past WEIGERINGENLIMIET_PER_UUR in an hour the
    privacy officer gets one signal per user and hour (a `beveiliging.weigeringen` event)."""
    import time

    from django.conf import settings
    from django.core.cache import cache
    from django.db import transaction

    from .audit import AuditActie, AuditResultaat, audit_log

    venster = int(time.time() // 3600)
    key = f"weigeringen:{actor.pk}:{venster}"
    if cache.add(key, 1, timeout=3660):
        aantal = 1
    else:
        try:
            aantal = cache.incr(key)
        except ValueError:
            return
    if aantal > settings.WEIGERINGENLIMIET_PER_UUR and cache.add(f"weigeringen:alarm:{actor.pk}:{venster}", 1, 3660):
        with transaction.atomic():
            audit_log(actor=actor, actie=AuditActie.EXECUTE, object_type="beveiliging.weigeringen",
                      resultaat=AuditResultaat.GEWEIGERD, doel="beveiliging",
                      omschrijving=f"meer dan {settings.WEIGERINGENLIMIET_PER_UUR} geweigerde verzoeken in een uur")


def per_verzoek(user, naam: str) -> dict:
    """A cache on the user object, which lives for one request: the access scope read once per page.

    `request.user` is a lazy wrapper, and the permission backend (rules) gets the user inside it: a dict
    on a wrapper's own `__dict__` would be a second cache, and every rule would read the scope again.
    This one is on the user itself, whichever is passed (django-otp wraps the lazy user once more).

    What was read where a read may be seconds old (core.routers.stale_read_allowed: a GET page, the person
    search) is kept apart from what was read fresh: a POST that searches and then writes guards its write
    with a scope of its own, read from the current data."""
    from .routers import stale_read_allowed

    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user.__dict__.setdefault((naam, stale_read_allowed()), {})


class Ids:
    """A list of ids for `__id_in`, read once per request: as ints, made once. Not a list or tuple on purpose:
    Django looks into every element of a list or tuple given to a filter (resolve_lookup_value), for every
    filter built from it, hundreds of ids each time (5 ms of a start page, issue 17)."""

    __slots__ = ("ids", "_tekst")

    def __init__(self, ids):
        self.ids = [int(value) for value in ids]
        self._tekst = None

    @property
    def tekst(self) -> str:
        """PostgreSQL's text form of the array ('{1,2,3}'), made once: as a list psycopg wrote every id out again
        for every statement and every place in it (the team's consented files in most of a page's lists)."""
        if self._tekst is None:
            self._tekst = "{" + ",".join(map(str, self.ids)) + "}"
        return self._tekst

    def __repr__(self) -> str:
        return f"Ids({len(self.ids)})"  # no ids in a message or log


class IdIn(Lookup):
    """`<id>__id_in=Ids([...])`: the same rows as `__in`, with the ids sent as ONE array parameter on PostgreSQL
    (`= ANY(%s)`). The access policy puts a user's casus ids (hundreds: the team's consented files) into
    every list of a page; as `IN (%s, %s, ...)` each id was a parameter that Django prepared and psycopg
    parsed and quoted again for every statement, most of a start page's Python time (issue 17)."""

    lookup_name = "id_in"
    prepare_rhs = False

    def get_prep_lookup(self):
        return self.rhs if isinstance(self.rhs, Ids) else Ids(self.rhs)

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*params, self.rhs.tekst]
        if not self.rhs.ids:
            raise EmptyResultSet
        return f"{lhs} IN ({', '.join(['%s'] * len(self.rhs.ids))})", [*params, *self.rhs.ids]


for _veld in (AutoField, BigAutoField):
    _veld.register_lookup(IdIn)


def id_in(pad: str, ids) -> Q:
    """The condition 'the id at `pad` (e.g. "pk", "casus__pk") is one of `ids`' (read once per request; an Ids
    made once serves every condition built from it)."""
    return Q(**{f"{pad}__id_in": ids if isinstance(ids, Ids) else Ids(ids)})


def gemeente_of(user) -> int | None:
    """The tenant of a logged-in user; None for anonymous users and technical superusers."""
    if not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "gemeente_id", None)


def toont(*gegevens: str, over: str | None = None, perm: str | None = None, publiek: bool = False, via=None):
    """Declares what a view discloses: the kinds of data, of which object ("aanmelding", "casus",
    "persoon", "signaal", "consult", "evaluatie", "checkin", "clientervaring", or None for a page
    about no one file), and the action rule (rules permission) it also needs. `publiek` marks the few
    pages for anyone (login, health, the resident's forms). The view still fetches through the
    selectors; this makes the promise testable: the generated test (organisatie/tests/
    test_toegangsbeleid_urls.py) requests every URL as every persona at every stage and fails for a
    view without a declaration, for a refusal the table does not explain, and for a disclosure it
    does not allow. `via` narrows the relations (Betrekking values) through which the page shows its
    data, for a page only some of those who may know a resident may open (an invitation's token).
    """
    # Kinds of data are the access policy's Gegevens values (organisatie/toegangsbeleid.py); core
    # only carries them, so that its own pages (login, health) can be declared too.
    def decorate(view):
        view.toegangsbeleid = {"gegevens": frozenset(gegevens), "over": over, "perm": perm, "publiek": publiek,
                               "via": frozenset(via) if via is not None else None}
        return view
    return decorate
