"""Generic ORM machinery for the pages' cost (issue 17): statements compiled once per process
(`gecompileerd`), answers kept for seconds where a read may be as old as a replica read (`KortGeheugen`),
several short lists in one query (`eerste_rijen_van`: the werkvoorraad, the regie page's timeline, the casus
page's decisions), and a column's values joined into one text (`TekstLijst`: the user's roles)."""

import datetime
import threading
import time
from collections import OrderedDict

from django.db.models import Aggregate, CharField, Func, JSONField, Value
from django.utils import timezone

from .routers import memory_changed

#: Compiled statements kept per process (gecompileerd): a few per user of the server, a day's worth.
GECOMPILEERD_MAX = 4096
_gecompileerd: OrderedDict[tuple, tuple[str, tuple]] = OrderedDict()
_slot = threading.Lock()


def gecompileerd(sleutel: tuple, bouw, using: str) -> tuple[str, tuple]:
    """The SQL and parameters of the queryset that `bouw()` returns, compiled once per process for `sleutel`.

    For a statement that every request of a user asks and whose text and parameters follow from the key
    alone (the access policy's ids: user, teams, today's date; "now" as the database's clock): building
    and compiling its ORM tree was a quarter of the server's Python time per request (issue 17). The key
    must name everything the queryset is built from; the database alias is added here."""
    sleutel = (using, *sleutel)
    with _slot:  # a threaded server (runserver, the tests' live server) shares the dict between requests
        gevonden = _gecompileerd.get(sleutel)
        if gevonden is not None:
            _gecompileerd.move_to_end(sleutel, last=True)
            return gevonden
    sql, params = bouw().query.get_compiler(using=using).as_sql()
    gevonden = (sql, tuple(params))
    with _slot:
        _gecompileerd[sleutel] = gevonden
        while len(_gecompileerd) > GECOMPILEERD_MAX:
            _gecompileerd.popitem(last=False)  # the least recently used
    return gevonden


class TekstLijst(Aggregate):
    """The values of a text column joined by commas (in no particular order), on both databases: PostgreSQL's
    STRING_AGG, SQLite's GROUP_CONCAT. NULL when there are none."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


class KortGeheugen:
    """Answers of this process kept for a few seconds, for reads that may be as old as a replica read
    (core.routers.stale_read_allowed): `geef` gives a key's answer while it is younger than `seconden`,
    and `vergeet()` drops everything (a write of this process to the data it depends on)."""

    def __init__(self, maximum: int = 1024):
        self.maximum = maximum
        self._antwoorden: OrderedDict[tuple, tuple[float, object]] = OrderedDict()
        self._slot = threading.Lock()  # a threaded server shares it between requests

    def geef(self, sleutel: tuple, seconden: float):
        gevonden = self._antwoorden.get(sleutel)
        if gevonden is None or time.monotonic() - gevonden[0] > seconden:
            return None
        return gevonden[1]

    def bewaar(self, sleutel: tuple, antwoord) -> None:
        with self._slot:
            self._antwoorden[sleutel] = (time.monotonic(), antwoord)
            self._antwoorden.move_to_end(sleutel)
            while len(self._antwoorden) > self.maximum:
                self._antwoorden.popitem(last=False)

    def vergeet(self, *args, **kwargs) -> None:
        """Everything, at once (also a signal receiver: it takes and ignores the signal's arguments). Other
        processes keep their copies for seconds: the browser whose request wrote is kept off them."""
        with self._slot:
            self._antwoorden.clear()
        memory_changed()


class JsonRij(Func):
    """The values of its expressions as one JSON array, in order (PostgreSQL's JSONB_BUILD_ARRAY, SQLite's
    JSON_ARRAY): a row of fields without their names, which the caller knows (no key per value to build,
    compile and send: eerste_rijen_van's names were a tenth of the start page's Python time, issue 17)."""

    function = "JSONB_BUILD_ARRAY"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_ARRAY", **extra_context)


# A list's name in a row of eerste_rijen_van, with its field made once (a Value makes one per use).
_NAAM = CharField()


def eerste_rijen_van(bronnen: dict[str, tuple], *, door: bool = False) -> dict[str, list]:
    """Several short lists read as ONE query (issue 17: a page's queries do not grow with its parts).

    `bronnen` maps a name to (an ordered queryset, how many rows, the fields to read or None for all of them,
    and optionally the related objects to read with each row, as select_related names them: a tuple of names,
    each read whole, or a dict of name to its fields or None). A field not read is deferred: reading it
    costs a query, never gives a default value. Each list holds
    exactly the first rows of its queryset, as if read on its own: they are chosen by its own ORDER BY and
    LIMIT (in a subquery, which SQLite allows there and not in a branch of a UNION), and the lists are put
    together by UNION ALL, every row as (its list's name, its objects' fields as JSON arrays: the branches
    need not have the same columns). Each row comes back as an instance of its model holding those fields
    and its pk, its related objects with theirs; with `door`, its `door` a Medewerker with only a name. In no
    particular order (the caller sorts); for reading, never for saving."""
    from django.db.models import F

    def kolommen(model, velden, pad=""):
        namen = ["pk", *(v for v in (velden if velden is not None else
                                     [f.attname for f in model._meta.concrete_fields]) if v not in ("pk", "id"))]
        # One array per model: PostgreSQL's functions take at most 100 arguments.
        return namen, JsonRij(*(F(f"{pad}{v}") for v in namen))

    delen, namen_van = [], {}
    for naam, (qs, aantal, velden, *mee) in bronnen.items():
        objecten = {"_": kolommen(qs.model, velden)}
        for pad, pad_velden in _gerelateerde_velden(mee).items():
            objecten[pad] = kolommen(_gerelateerd(qs.model, pad), pad_velden, f"{pad}__")
        if door:
            objecten["door"] = kolommen(_gerelateerd(qs.model, "door"), ["first_name", "last_name", "username"],
                                        "door__")
        namen_van[naam] = {sleutel: namen for sleutel, (namen, _rij) in objecten.items()}
        delen.append(qs.model._base_manager.filter(pk__in=qs.values("pk")[:aantal]).order_by()
                     .values(bron=Value(naam, output_field=_NAAM),
                             rij=JsonRij(*(rij for _namen, rij in objecten.values()))))
    lijsten: dict[str, list] = {naam: [] for naam in bronnen}
    samen = delen[0].union(*delen[1:], all=True)
    # Each instance knows the database it was read from, as a queryset's do: setting a related object on an
    # instance without one asks the router where to write it, which counted as a write of the request (a
    # start page then read the access policy again, fresh, and kept the browser off the replica).
    db = samen.db
    for r in samen:
        qs, _aantal, _velden, *mee = bronnen[r["bron"]]
        rij = dict(zip(namen_van[r["bron"]], r["rij"], strict=True))
        velden_van = {sleutel: dict(zip(namen, rij[sleutel], strict=True))
                      for sleutel, namen in namen_van[r["bron"]].items()}
        obj = _instantie(qs.model, velden_van["_"], db)
        for pad in sorted(_gerelateerde_velden(mee), key=lambda p: p.count("__")):  # a parent before its children
            *ouder, laatste = pad.split("__")
            houder = obj
            for stap in ouder:
                houder = getattr(houder, stap) if houder is not None else None
            if houder is None:
                continue  # its parent is empty (a mandaat derived from none): nothing to hang it on
            data = velden_van[pad]
            setattr(houder, laatste, None if data["pk"] is None else _instantie(_gerelateerd(qs.model, pad), data, db))
        if door:
            # The medewerker model through the field itself: core imports no app's models.
            medewerker = _gerelateerd(qs.model, "door")
            data = velden_van["door"]
            obj.door = None if data["pk"] is None else _instantie(
                medewerker, {k: v if k == "pk" else v or "" for k, v in data.items()}, db)
        lijsten[r["bron"]].append(obj)
    return lijsten


def _gerelateerde_velden(mee: tuple) -> dict:
    """eerste_rijen_van's related objects as {path: fields, or None for all}: given as names or as a dict."""
    if not mee:
        return {}
    return dict(mee[0]) if isinstance(mee[0], dict) else dict.fromkeys(mee[0])


def _gerelateerd(model, pad: str):
    for stap in pad.split("__"):
        model = model._meta.get_field(stap).related_model
    return model


def _instantie(model, data: dict, db: str):
    """A model instance from a row's JSON object: each value as its field reads it (SQLite's JSON holds a
    datetime as text in UTC, a boolean as 0 or 1); the fields not in it deferred, as a queryset's only()
    leaves them (from_db), so that a list that reads a person's name only cannot show another field's
    default as if it were read."""
    from django.conf import settings

    waarden = {}
    for naam, waarde in data.items():
        veld = model._meta.pk if naam == "pk" else model._meta.get_field(naam)  # a foreign key by its attname too
        waarde = veld.to_python(waarde)
        if settings.USE_TZ and isinstance(waarde, datetime.datetime) and timezone.is_naive(waarde):
            waarde = timezone.make_aware(waarde, datetime.UTC)
        waarden[veld.attname] = waarde
    velden = [f.attname for f in model._meta.concrete_fields if f.attname in waarden]
    return model.from_db(db, velden, [waarden[v] for v in velden])
