"""Generic ORM machinery for the pages' cost (issue 17): statements compiled once per process
(`gecompileerd`), answers kept for seconds where a read may be as old as a replica read (`KortGeheugen`),
several short lists in one query (`eerste_rijen_van`: the werkvoorraad, the regie page's timeline, the casus
page's decisions), and a column's values joined into one text (`TekstLijst`: the user's roles)."""

import datetime
import functools
import hashlib
import json
import logging
import re
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.models import Aggregate, CharField, F, Func, JSONField, Value
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init
from django.utils import timezone

from .access import Ids
from .routers import memory_changed

#: Compiled statements kept per process (gecompileerd): a few per user of the server, a day's worth.
GECOMPILEERD_MAX = 4096
_gecompileerd: OrderedDict[tuple, tuple[str, tuple]] = OrderedDict()
_slot = threading.Lock()
logger = logging.getLogger(__name__)


def gecompileerd(sleutel: tuple, bouw, using: str) -> tuple[str, tuple]:
    """The SQL and parameters of the queryset that `bouw()` returns, compiled once per process for `sleutel`.

    For a statement that every request of a user asks and whose text and parameters follow from the key
    alone (the access policy's ids: user, teams, today's date; "now" as the database's clock): building
    and compiling its ORM tree was a quarter of the server's Python time per request (issue 17). The key
    must name everything the queryset is built from; the database alias is added here."""

    def maak() -> tuple[str, tuple]:
        sql, params = bouw().query.get_compiler(using=using).as_sql()
        return sql, tuple(params)

    return _onthoud(_gecompileerd, lambda: GECOMPILEERD_MAX, (using, *sleutel), maak)


#: Querysets kept per process (bewaarde_queryset): a few per user of the server, a day's worth.
QUERYSETS_MAX = 4096
_querysets: OrderedDict[tuple, "_Bewaard"] = OrderedDict()


def bewaarde_queryset(sleutel: tuple, bouw):
    """A copy of the queryset `bouw()` returns, whose ORM tree is built once per process for `sleutel`.

    For a queryset that a statement is built on further (a search adds its terms to the residents a user may
    see): `gecompileerd` keeps a finished statement, this keeps the tree to build on. Building the access
    policy's conditions was a quarter of a search's Python time (issue 17). The key names everything `bouw`
    builds from, as for gecompileerd; with settings.GECOMPILEERD_CONTROLE the tree is built again at every use
    and the two compiled statements compared."""
    return _onthoud(_querysets, lambda: QUERYSETS_MAX, sleutel, lambda: _Bewaard(bouw())).kopie()


class _Bewaard:
    """A kept queryset's class, model, database and tree; equal to another when they compile to the same SQL."""

    def __init__(self, qs):
        self.soort, self.model, self.db, self.query = type(qs), qs.model, qs._db, qs.query
        self.prefetch = qs._prefetch_related_lookups

    def kopie(self):
        qs = self.soort(model=self.model, query=self.query.chain(), using=self.db)
        qs._prefetch_related_lookups = self.prefetch
        return qs

    def _sql(self):
        try:
            return self.query.chain().get_compiler(using=self.db or router.db_for_read(self.model)).as_sql()
        except EmptyResultSet:
            return None

    def __eq__(self, other):
        return isinstance(other, _Bewaard) and (self.soort, self.model) == (other.soort, other.model) and \
            self._sql() == other._sql()


class GecompileerdVerschilt(AssertionError):
    """A statement compiled again differs from the one kept under the same key: the key misses an input."""


def _onthoud(cache: OrderedDict, maximum, sleutel: tuple, maak):
    """`maak()`'s answer kept in `cache` (least recently used out beyond `maximum()`) under `sleutel`.

    With settings.GECOMPILEERD_CONTROLE (on in the tests) a kept answer is made again and compared: a key that
    does not name every input of the statement fails the first test that meets two states under one key,
    instead of showing one user's list in another state (issue 17)."""
    with _slot:  # a threaded server (runserver, the tests' live server) shares the dict between requests
        gevonden = cache.get(sleutel)
        if gevonden is not None:
            cache.move_to_end(sleutel, last=True)
    if gevonden is not None:
        if getattr(settings, "GECOMPILEERD_CONTROLE", False) and maak() != gevonden:
            raise GecompileerdVerschilt(f"{sleutel[:2]}: the statement kept under this key is not the one built now")
        return gevonden
    gevonden = maak()
    with _slot:
        cache[sleutel] = gevonden
        while len(cache) > maximum():
            cache.popitem(last=False)  # the least recently used
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
    """Answers kept for a few seconds, for reads that may be as old as a replica read
    (core.routers.stale_read_allowed): `geef` gives a key's answer while it is younger than
    settings.REPLICA_MAX_LAG, `bewaar` keeps one, both only where such a read is allowed (a request that may
    write may read its own uncommitted changes: what it reads is neither taken from here nor kept), and
    `vergeet()` drops everything (a write of this process to the data it depends on).

    With a name (`gedeeld`), the processes of one machine share their answers through a cache of their own
    (settings.CACHES "kortgeheugen": its pruning touches nothing else), one overwritten value per key holding the
    answer, when its read began and the generation it was read in. A process's own copy is looked at first; on
    a miss the shared answer counts only if it is of the current generation and young enough. A write starts a
    new generation when it commits: an answer read before the commit was read in the old generation, and no
    process takes it after (issue 17: four workers each read a team's 600 consented casussen every few seconds,
    a third of the database's time under load). The answers are ids, never names."""

    def __init__(self, maximum: int = 1024, *, gedeeld: str | None = None):
        self.maximum = maximum
        self.gedeeld = gedeeld
        self._antwoorden: OrderedDict[tuple, tuple[float, object]] = OrderedDict()
        self._slot = threading.Lock()  # a threaded server shares it between requests
        self._vergeten = 0  # how often this process forgot everything: a read that began before is not kept
        # Per thread (a thread has its own database connection): for each key missed, the generation and time
        # before the database was read, under which `bewaar` keeps the answer (the generation read afterwards
        # could be a newer one than the rows); and the transaction whose commit will start a new generation.
        self._draad = threading.local()

    @staticmethod
    def _vers(tijd: float) -> bool:
        # Wall-clock time: ages are compared between processes. A clock set back makes an answer look as if
        # from the future: not fresh.
        return 0 <= time.time() - tijd <= settings.REPLICA_MAX_LAG

    def geef(self, sleutel: tuple):
        from .routers import stale_read_allowed

        if not stale_read_allowed():
            return None
        gevonden = self._antwoorden.get(sleutel)
        if gevonden is not None and self._vers(gevonden[0]):
            return gevonden[1]
        tijd, vergeten = time.time(), self._vergeten
        if self.gedeeld is None or self._schrijft():
            self._gemist()[sleutel] = (None, tijd, vergeten)
            return None
        try:
            generatie = self._generatie()
            gedeeld = self._cache().get(self._cache_sleutel(sleutel))
        except Exception:  # noqa: BLE001 - files of a cache (unreadable, cut short): the database answers
            logger.warning("gedeeld geheugen %s niet leesbaar", self.gedeeld, exc_info=True)
            self._gemist()[sleutel] = (None, tijd, vergeten)
            return None
        if gedeeld is not None and gedeeld[0] == generatie and self._vers(gedeeld[1]):
            self._lokaal(sleutel, gedeeld[1:])
            return gedeeld[2]
        self._gemist()[sleutel] = (generatie, tijd, vergeten)
        return None

    def bewaar(self, sleutel: tuple, antwoord, *, delen: bool = True) -> None:
        """Keeps `antwoord`; shared only when `delen` (the caller read it from the primary: a replica's answer
        may be REPLICA_MAX_LAG seconds old already) and read after a miss of `geef`, outside a transaction of
        this thread that wrote (its rows are not committed)."""
        from .routers import stale_read_allowed

        if not stale_read_allowed():
            return
        gemist = self._gemist().pop(sleutel, None)
        if gemist is not None and gemist[2] != self._vergeten:
            # This process forgot everything while the answer was read (another thread's write committed, on a
            # threaded server): it may hold the rows before that write, and is not kept at all.
            return
        # Its age counts from before the read (the miss), else from now: kept here only, never shared.
        self._lokaal(sleutel, (gemist[1] if gemist else time.time(), antwoord))
        if self.gedeeld is None or gemist is None or gemist[0] is None or not delen or self._schrijft():
            return
        try:
            self._cache().set(self._cache_sleutel(sleutel), (gemist[0], gemist[1], antwoord),
                              timeout=settings.REPLICA_MAX_LAG + 1)
        except Exception:  # noqa: BLE001 - as in geef: not shared, still correct
            logger.warning("gedeeld geheugen %s niet beschrijfbaar", self.gedeeld, exc_info=True)

    def _lokaal(self, sleutel: tuple, bewaard: tuple[float, object]) -> None:
        with self._slot:
            self._antwoorden[sleutel] = bewaard
            self._antwoorden.move_to_end(sleutel)
            while len(self._antwoorden) > self.maximum:
                self._antwoorden.popitem(last=False)

    def _gemist(self) -> dict:
        if not hasattr(self._draad, "gemist"):
            self._draad.gemist = {}
        return self._draad.gemist

    @staticmethod
    def _cache():
        from django.core.cache import caches

        return caches["kortgeheugen"]

    @property
    def _generatie_sleutel(self) -> str:
        return f"{self.gedeeld}:generatie"

    def _generatie(self) -> str:
        """The current generation; a new one when there is none (a cleared or pruned cache: every answer kept
        before is of an unknown generation then, and counts for nothing)."""
        cache = self._cache()
        generatie = cache.get(self._generatie_sleutel)
        if generatie is None:
            cache.add(self._generatie_sleutel, uuid.uuid4().hex, timeout=None)
            generatie = cache.get(self._generatie_sleutel)
            if generatie is None:
                raise OSError("geen generatie")
        return generatie

    def _cache_sleutel(self, sleutel: tuple) -> str:
        # The key's parts (database alias, gemeente, team ids, a date) in a stable text, hashed to a file name.
        return f"{self.gedeeld}:{hashlib.sha256(repr(sleutel).encode()).hexdigest()[:32]}"

    def vergeten_bij(self, *modellen, naam: str) -> None:
        """Forgets everything whenever this process saves or deletes a row of `modellen` (from an app's ready())."""
        from django.db.models.signals import post_delete, post_save

        for model in modellen:
            for signaal in (post_save, post_delete):
                signaal.connect(self.vergeet, sender=model, weak=False,
                                dispatch_uid=f"{naam}.{model.__name__}.{signaal is post_save}")

    def bevat(self, waarde) -> bool:
        """Whether any answer this process holds (a collection) holds `waarde`."""
        with self._slot:
            return any(waarde in antwoord for _tijd, antwoord in self._antwoorden.values())

    def vergeet(self, *args, **kwargs) -> None:
        """Everything, at once (also a signal receiver: it takes and ignores the signal's arguments); shared, a
        new generation when the write commits. Other processes keep their own copies for seconds: the browser
        whose request wrote is kept off them."""
        self._vergeet_lokaal()
        memory_changed()
        if self.gedeeld is None:
            return
        verbinding = connections[DEFAULT_DB_ALIAS]  # writes go to the primary (core.routers)
        if not verbinding.in_atomic_block:
            self._nieuwe_generatie()
            return
        # Once per transaction, however many rows it writes (an import saves thousands): Django gives each
        # transaction a new list of commit callbacks, so the list we were added to tells whether we are in it.
        if getattr(self._draad, "bij_commit", None) is not verbinding.run_on_commit:
            transaction.on_commit(self._na_commit, using=DEFAULT_DB_ALIAS, robust=True)
            self._draad.bij_commit = verbinding.run_on_commit
        # A rollback to a savepoint also gives a new list, while the transaction (its outermost block) goes on.
        self._draad.in_blok = verbinding.atomic_blocks[0]

    def _schrijft(self) -> bool:
        """Whether this thread's open transaction wrote what the answers are read from: until it commits the
        shared answers are of the old rows, and this process's own write counts at once (docs/toegangsbeleid.md:
        a withdrawal bites at once in the process that recorded it). A rollback ends it too (no block open)."""
        verbinding = connections[DEFAULT_DB_ALIAS]
        in_blok = getattr(self._draad, "in_blok", None)  # the outermost block of the transaction that wrote
        return in_blok is not None and verbinding.in_atomic_block and verbinding.atomic_blocks[0] is in_blok

    def _na_commit(self) -> None:
        # (Robust: a callback registered before this one that raises does not stop it. Should the process die
        # between the commit and this, the other processes take the old answers until they are REPLICA_MAX_LAG
        # seconds old, as their own copies.)
        self._draad.bij_commit = self._draad.in_blok = None
        self._vergeet_lokaal()  # (a read of this process between the save and the commit kept the old rows)
        self._nieuwe_generatie()

    def _vergeet_lokaal(self) -> None:
        with self._slot:
            self._antwoorden.clear()
            self._vergeten += 1  # (a miss recorded before counts for nothing now: bewaar compares)

    def _nieuwe_generatie(self) -> None:
        try:
            self._cache().set(self._generatie_sleutel, uuid.uuid4().hex, timeout=None)
        except Exception:  # noqa: BLE001
            # Then the shared answers count until they are REPLICA_MAX_LAG seconds old, as each process's own
            # copies do.
            logger.warning("gedeeld geheugen %s niet te vernieuwen", self.gedeeld, exc_info=True)


class JsonRij(Func):
    """The values of its expressions as one JSON array, in order (PostgreSQL's JSONB_BUILD_ARRAY, SQLite's
    JSON_ARRAY): a row of fields without their names, which the caller knows (no key per value to build,
    compile and send: eerste_rijen_van's names were a tenth of the start page's Python time, issue 17)."""

    function = "JSONB_BUILD_ARRAY"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_ARRAY", **extra_context)


class JsonUitSubquery(Func):
    """A subquery's JSON array as JSON inside another array: SQLite gives it back as text, which JSON_ARRAY would
    take as a string; JSON() makes it JSON again. PostgreSQL's JSONB stays JSONB."""

    template = "%(expressions)s"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="JSON(%(expressions)s)", **extra_context)


# A list's name in a row of eerste_rijen_van, with its field made once (a Value makes one per use).
_NAAM = CharField()


class Tekst(str):
    """A text for eerste_rijen_van's `invullen` (PostgreSQL and SQLite): a search's normalised name or word, a BSN.

    Only letters, digits and spaces (what inwoners.models.zoeknaam leaves of a name): its stand-in is such a text
    too, so a lookup that builds a parameter from it (`contains` makes '%word%') builds the same around the
    stand-in, with nothing to escape, and the value is put in the stand-in's place inside that parameter."""

    __slots__ = ()
    TOEGESTAAN = re.compile(r"[A-Za-z0-9 ]{0,200}")

    def __new__(cls, waarde: str):
        if not cls.TOEGESTAAN.fullmatch(waarde):
            raise ValueError("a Tekst to fill in holds letters, digits and spaces only")
        return super().__new__(cls, waarde)


_TEKST_PLAATSHOUDER = re.compile(r"qxplaatshouder[0-9]+xq")


def _plaatshouder(i: int, waarde):
    """The stand-in of `invullen`'s i-th value: of its kind, and no value a row or a user gives."""
    if isinstance(waarde, Ids):
        return Ids([_PLAATSHOUDER - i])  # one stand-in id: one array parameter, its text replaced at each use
    if isinstance(waarde, Tekst):
        return Tekst(f"qxplaatshouder{i}xq")  # matched by _TEKST_PLAATSHOUDER
    if isinstance(waarde, datetime.date) and not isinstance(waarde, datetime.datetime):
        return datetime.date(1, 1, 1) + datetime.timedelta(days=i)  # the year 1: no resident's birth date
    return _PLAATSHOUDER - i


#: eerste_rijen_van's stand-in for a value of `invullen` (minus its place): a key no row has (they count up from 1),
#: within a 32-bit integer, so that no field's range check turns the stand-in into "no rows" (EmptyResultSet).
_PLAATSHOUDER = -2_000_000_011

#: eerste_rijen_van's statements kept per process (with `sleutel`): a user's start page, one or two a day each.
EERSTE_RIJEN_MAX = 1024
_eerste_rijen: OrderedDict[tuple, tuple] = OrderedDict()


def eerste_rijen_van(bronnen, *, door: bool = False, sleutel: tuple | None = None, model=None,
                     invullen: dict | None = None, zelf=None) -> dict[str, list]:
    """Several short lists read as ONE query (issue 17: a page's queries do not grow with its parts).

    `bronnen` maps a name to (an ordered queryset, how many rows, the fields to read or None for all of them,
    and optionally the related objects to read with each row, as select_related names them: a tuple of names,
    each read whole, or a dict of name to its fields or None; and optionally a dict of name to an expression
    on the row, e.g. an Exists with OuterRef, set on each instance). A field not read is deferred: reading it
    costs a query, never gives a default value. Each list holds
    exactly the first rows of its queryset, as if read on its own: they are chosen by its own ORDER BY and
    LIMIT (in a subquery, which SQLite allows there and not in a branch of a UNION), and the lists are put
    together by UNION ALL, every row as (its list's name, its objects' fields as JSON arrays: the branches
    need not have the same columns). Each row comes back as an instance of its model holding those fields
    and its pk, its related objects with theirs; with `door`, its `door` a Medewerker with only a name. In no
    particular order (the caller sorts); for reading, never for saving.

    With `sleutel`, `bronnen` is a function that returns them, and the statement is built and compiled once per
    process for that key (as `gecompileerd`, whose rule holds: the key names everything the lists are built
    from); `model` is one of the lists' models, for the router to choose the database. With `invullen` (name:
    value, e.g. {"casus_id": 7}) `bronnen` takes those names as arguments and the statement is built once for
    every value: with a stand-in number that no row has, which the kept statement's parameters replace by the
    value at each use; a value may also be an id list (`Ids`, PostgreSQL only: one array parameter), whose
    stand-in is a list of one stand-in id, a text (`Tekst`: letters, digits, spaces), put in its stand-in's place
    inside any text parameter, or a date. A timeline was compiled anew for every casus (a fifth of its page's
    Python time under load, issue 17). With settings.GECOMPILEERD_CONTROLE the statement is also built from the
    values themselves and compared, so a builder that reads anything of the value's row but the value fails the
    tests. `zelf` (with `invullen`) returns the lists as built from the real object rather than from values filled
    into a builder (the user itself, not a copy given the user's values): under that guard the filled-in statement
    must equal that one too, so a builder's copy that misses something of the object fails the tests."""
    if sleutel is None:
        samen, opzet = _samenstellen(bronnen, door)
        # Each instance knows the database it was read from, as a queryset's do: setting a related object on an
        # instance without one asks the router where to write it, which counted as a write of the request (a
        # start page then read the access policy again, fresh, and kept the browser off the replica).
        return _lezen(((r["bron"], r["rij"]) for r in samen), opzet, samen.db)
    db = router.db_for_read(model)
    invullen = invullen or {}
    if any(isinstance(w, Ids) for w in invullen.values()) and connections[db].vendor != "postgresql":
        # Elsewhere an id list is a parameter per id: its length shapes the statement, so it is part of the key.
        raise ValueError("an id list is filled in on PostgreSQL only")
    plaatshouders = {naam: _plaatshouder(i, invullen[naam]) for i, naam in enumerate(sorted(invullen))}

    def maak(waarden: dict) -> tuple:
        return _gebouwd(bronnen(**waarden), door, db)

    sql, params, opzet = _onthoud(_eerste_rijen, lambda: EERSTE_RIJEN_MAX,
                                  (db, door, *sleutel, "invullen", *sorted(invullen)), lambda: maak(plaatshouders))
    if invullen:
        # A key (an int) replaces its stand-in where the stand-in is a parameter of its own; an id list (Ids,
        # PostgreSQL's one array parameter of __id_in) replaces its stand-in's text. A key used inside an id
        # list, or an id list given as single parameters, would not be replaced: the guard below fails such a builder.
        # A text (Tekst) replaces its stand-in wherever it stands inside a text parameter; a date replaces its
        # stand-in date.
        naar: dict = {}
        teksten: list[tuple[str, str]] = []
        for naam, waarde in invullen.items():
            if isinstance(waarde, Ids):
                naar[plaatshouders[naam].tekst] = waarde.tekst
            elif isinstance(waarde, Tekst):
                teksten.append((str(plaatshouders[naam]), str(waarde)))
            elif isinstance(waarde, datetime.date):
                # As the backend sends a date (SQLite: as text, which the text branch below meets first).
                aanpassen = connections[db].ops.adapt_datefield_value
                naar[aanpassen(plaatshouders[naam])] = aanpassen(waarde)
            else:
                naar[plaatshouders[naam]] = int(waarde)

        tekst_naar = dict(teksten)

        def ingevuld(p):
            if type(p) is str:
                p = naar.get(p, p)
            if teksten and isinstance(p, str):  # a Tekst stand-in itself, or a text built around one ('%…%')
                # In one pass: a value that reads like another stand-in stays what it is.
                return _TEKST_PLAATSHOUDER.sub(lambda m: tekst_naar.get(m.group(), m.group()), str(p))
            if type(p) is str:
                return p
            return naar.get(p, p) if type(p) is int or type(p) is datetime.date else p

        params = tuple(ingevuld(p) for p in params)
        if settings.GECOMPILEERD_CONTROLE and maak(invullen)[:2] != (sql, params):
            raise GecompileerdVerschilt(f"{sleutel[:2]}: the kept statement, filled in, is not the one built now")
        if settings.GECOMPILEERD_CONTROLE and zelf is not None and _gebouwd(zelf(), door, db)[:2] != (sql, params):
            raise GecompileerdVerschilt(f"{sleutel[:2]}: the kept statement, filled in, is not the object's own")
    if sql is None:
        return _lezen([], opzet, db)
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        # The driver gives the JSON as text here (Django decodes it for a queryset's JSONField).
        rijen = [(bron, json.loads(rij) if isinstance(rij, str | bytes) else rij) for bron, rij in cursor.fetchall()]
    return _lezen(rijen, opzet, db)


def _gebouwd(bronnen: dict[str, tuple], door: bool, db: str) -> tuple:
    """The SQL, parameters and `opzet` eerste_rijen_van reads `bronnen` with (SQL None when every list is empty
    whatever the data, e.g. a user outside any gemeente)."""
    samen, opzet = _samenstellen(bronnen, door)
    try:
        sql, params = samen.query.get_compiler(using=db).as_sql()
    except EmptyResultSet:
        return None, (), opzet
    return sql, tuple(params), opzet


def _samenstellen(bronnen: dict[str, tuple], door: bool):
    """eerste_rijen_van's one queryset, and how to read its rows back (`opzet`: per list its model, the names
    of each object's fields in the row, its related objects' paths and models, its expressions' names)."""
    def namen_van(model, velden):
        return ["pk", *(v for v in (velden if velden is not None else
                                    [f.attname for f in model._meta.concrete_fields]) if v not in ("pk", "id"))]

    def kolommen(model, velden):
        namen = namen_van(model, velden)
        # One array per model: PostgreSQL's functions take at most 100 arguments.
        return namen, JsonRij(*(F(v) for v in namen))

    def gerelateerd(model, pad, velden):
        # A related object's array as a scalar subquery of its own (NULL when there is none), not a LEFT JOIN:
        # PostgreSQL plans a subquery on one table by its key in a tenth of the time it spends choosing an order
        # for five joined tables, and the werkvoorraad's planning was two thirds of its database time (issue 17).
        namen = namen_van(_gerelateerd(model, pad), velden)
        return namen, _scalair(model, pad, namen)

    delen, opzet = [], {}
    for naam, bron in bronnen.items():
        qs, aantal, velden, mee, expressies = (*bron, None, None)[:5]
        objecten = {"_": kolommen(qs.model, velden)}
        paden = _gerelateerde_velden(mee)
        for pad, pad_velden in paden.items():
            objecten[pad] = gerelateerd(qs.model, pad, pad_velden)
        if door:
            objecten["door"] = gerelateerd(qs.model, "door", ["first_name", "last_name", "username"])
        if expressies:
            objecten["+"] = (list(expressies), JsonRij(*expressies.values()))
        opzet[naam] = (
            qs.model,
            {sleutel: tuple(namen) for sleutel, (namen, _rij) in objecten.items()},
            # a parent before its children
            tuple((pad, _gerelateerd(qs.model, pad)) for pad in sorted(paden, key=lambda p: p.count("__"))),
            tuple((n, type(e.output_field)) for n, e in (expressies or {}).items()),
        )
        delen.append(qs.model._base_manager.filter(pk__in=qs.values("pk")[:aantal]).order_by()
                     .values(bron=Value(naam, output_field=_NAAM),
                             rij=JsonRij(*(rij for _namen, rij in objecten.values()))))
    return delen[0].union(*delen[1:], all=True), opzet


def _lezen(rijen, opzet: dict, db: str) -> dict[str, list]:
    """eerste_rijen_van's rows, (list name, JSON array of objects), as instances per list."""
    lijsten: dict[str, list] = {naam: [] for naam in opzet}
    velden_van_expressie = {naam: [(n, veld()) for n, veld in expressies]
                            for naam, (_m, _n, _p, expressies) in opzet.items()}
    for bron, rij in rijen:
        model, namen_van, paden, _expressies = opzet[bron]
        # A related object's subquery gives NULL when there is none: as a row of NULLs (no pk).
        velden_van = {sleutel: dict(zip(namen, waarden, strict=True)) if waarden is not None else {"pk": None}
                      for (sleutel, namen), waarden in zip(namen_van.items(), rij, strict=True)}
        obj = _instantie(model, velden_van["_"], db)
        for pad, gerelateerd in paden:
            *ouder, laatste = pad.split("__")
            houder = obj
            for stap in ouder:
                # An absent reverse one-to-one (known as absent above) raises when read: nothing after it either.
                houder = getattr(houder, stap, None) if houder is not None else None
            if houder is None:
                continue  # its parent is empty (a mandaat derived from none): nothing to hang it on
            data = velden_van[pad]
            waarde = None if data["pk"] is None else _instantie(gerelateerd, data, db)
            veld = houder._meta.get_field(laatste)
            if waarde is None and veld.one_to_one and not veld.concrete:
                veld.set_cached_value(houder, None)  # an absent reverse one-to-one, known: no query to find out
            else:
                setattr(houder, laatste, waarde)
        if "door" in velden_van:
            # The medewerker model through the field itself: core imports no app's models.
            medewerker = _gerelateerd(model, "door")
            data = velden_van["door"]
            obj.door = None if data["pk"] is None else _instantie(
                medewerker, {k: v if k == "pk" else v or "" for k, v in data.items()}, db)
        for naam, veld in velden_van_expressie[bron]:
            setattr(obj, naam, veld.to_python(velden_van["+"][naam]))
        lijsten[bron].append(obj)
    return lijsten


def _gerelateerde_velden(mee) -> dict:
    """eerste_rijen_van's related objects as {path: fields, or None for all}: given as names or as a dict."""
    if not mee:
        return {}
    return dict(mee) if isinstance(mee, dict) else dict.fromkeys(mee)


def _scalair(model, pad: str, namen: list[str]):
    """The object at `pad` from a row of `model`, as a subquery giving its fields `namen` as one JSON array."""
    return _scalair_van(model, pad, tuple(namen))


@functools.lru_cache(maxsize=1024)
def _scalair_van(model, pad: str, namen: tuple[str, ...]):
    """_scalair's expression, made once per model, path and fields: it names no user, day or value, and Django
    resolves a copy of it into each statement (resolve_expression), never the expression itself."""
    from django.db.models import Subquery

    gerelateerd = _gerelateerd(model, pad)
    return JsonUitSubquery(Subquery(gerelateerd._base_manager.filter(**_waar(model, pad, 1)).order_by()
                                    .values(j=JsonRij(*(F(v) for v in namen)))[:1], output_field=JSONField()))


def _waar(model, pad: str, diepte: int) -> dict:
    """The filter, in a subquery `diepte` levels below the query on `model`, that finds the object at `pad` from
    that query's row: by the row's foreign key (OuterRef as deep as the subquery lies), by the row's key for a
    reverse one-to-one, and through a subquery of the parent's for a longer path."""
    from django.db.models import OuterRef, Subquery

    def buiten(naam):
        ref = naam
        for _ in range(diepte):
            ref = OuterRef(ref)
        return ref

    *ouder, laatste = pad.split("__")
    ouder_model = _gerelateerd(model, "__".join(ouder)) if ouder else model
    veld = ouder_model._meta.get_field(laatste)
    if ouder:
        # The parent's key, or for a reverse one-to-one the parent's own pk, one subquery further down.
        kolom = veld.attname if veld.concrete else "pk"
        van_ouder = Subquery(ouder_model._base_manager.filter(**_waar(model, "__".join(ouder), diepte + 1))
                             .order_by().values(kolom)[:1])
        return {"pk": van_ouder} if veld.concrete else {veld.remote_field.name: van_ouder}
    if veld.concrete:
        return {"pk": buiten(veld.attname)}
    return {veld.remote_field.name: buiten("pk")}  # a reverse one-to-one: the row is its key


def _gerelateerd(model, pad: str):
    for stap in pad.split("__"):
        model = model._meta.get_field(stap).related_model
    return model


def _instantie(model, data: dict, db: str):
    """A model instance from a row's JSON object: each value as its field reads it (SQLite's JSON holds a
    datetime as text in UTC, a boolean as 0 or 1); the fields not in it deferred, as a queryset's only()
    leaves them (from_db), so that a list that reads a person's name only cannot show another field's
    default as if it were read."""
    volgorde, lezers = _opzet_van(model, tuple(data))
    waarden = list(data.values())
    gelezen = [lees(waarden[i]) for i, lees in lezers]
    if not _eigen_opbouw(model) and not pre_init.has_listeners(model) and not post_init.has_listeners(model):
        # What from_db and Model.__init__ leave for a row read by attname (a field not read absent, so deferred):
        # the values in the instance's dict and its state. Model.__init__'s loop over every field was half of
        # reading a start page's lists (issue 17, py-spy under capacity load); a model with an __init__ or
        # from_db of its own, or a receiver of pre_init or post_init (an aanmelding's), is made by from_db.
        obj = model.__new__(model)
        obj.__dict__.update(zip(volgorde, gelezen))
        obj._state = ModelState()
        obj._state.adding, obj._state.db = False, db
        return obj
    return model.from_db(db, volgorde, gelezen)


@functools.cache
def _eigen_opbouw(model) -> bool:
    """Whether `model` makes its instances otherwise than Model.__init__ and from_db do."""
    from django.db.models import Model

    return model.__init__ is not Model.__init__ or model.from_db.__func__ is not Model.from_db.__func__


@functools.lru_cache(maxsize=1024)
def _opzet_van(model, namen: tuple[str, ...]) -> tuple[list[str], list[tuple[int, object]]]:
    """How _instantie reads a row with these names: the fields' attnames in the model's order, and per field the
    position of its value in the row and how to read it. Made once per model and names: looking each field up and
    asking it to convert a value was most of the time of a list of 140 objects (issue 17)."""
    velden = [model._meta.pk if naam == "pk" else model._meta.get_field(naam) for naam in namen]  # an FK by attname
    plaats = {veld.attname: i for i, veld in enumerate(velden)}
    volgorde = [f.attname for f in model._meta.concrete_fields if f.attname in plaats]
    return volgorde, [(plaats[a], _lezer(velden[plaats[a]])) for a in volgorde]


def _lezer(veld):
    """How a field reads its value from JSON: as to_python does, faster for the common kinds."""
    from django.db import models

    if isinstance(veld, models.DateTimeField):
        def datumtijd(waarde):
            if not isinstance(waarde, str):
                return veld.to_python(waarde)
            try:
                waarde = datetime.datetime.fromisoformat(waarde)
            except ValueError:
                waarde = veld.to_python(waarde)
            if settings.USE_TZ and waarde is not None and timezone.is_naive(waarde):
                waarde = timezone.make_aware(waarde, datetime.UTC)  # SQLite's text is UTC
            return waarde
        return datumtijd
    if isinstance(veld, models.DateField):
        def datum(waarde):
            try:
                return datetime.date.fromisoformat(waarde) if isinstance(waarde, str) else veld.to_python(waarde)
            except ValueError:
                return veld.to_python(waarde)
        return datum
    if isinstance(veld, models.BooleanField):
        return lambda waarde: waarde if waarde is None or waarde is True or waarde is False else bool(waarde)
    if isinstance(veld, models.CharField | models.TextField):
        return lambda waarde: waarde if waarde is None or type(waarde) is str else veld.to_python(waarde)
    geheel = models.IntegerField | models.AutoField
    if isinstance(veld, geheel) or (isinstance(veld, models.ForeignKey) and isinstance(veld.target_field, geheel)):
        return lambda waarde: waarde if waarde is None or type(waarde) is int else veld.to_python(waarde)
    return veld.to_python
