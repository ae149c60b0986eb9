"""Typo-tolerant name search: pg_trgm on PostgreSQL, an FTS5 trigram index on SQLite.

Both compare trigrams of the normalised name (`Persoon.zoeknaam`), so 'Jansem' finds 'Jansen' and
'celik' finds 'Çelik'. The threshold is the share of the search term's trigrams found in the name
(pg_trgm's word similarity); 0.5 tolerates one wrong letter in a name of six.

A name of two words or more names one person, so at least two of its words must each be found in the
name ('Pieter van Engels' is not every Pieter, nor every 'van'); tussenvoegsels and short words do
not count as words there (`kernwoorden`), but do count in the ranking. This keeps the result
to the people meant (each one shown is a disclosure, docs/toegangsbeleid.md), and on PostgreSQL it
is what keeps the search fast over a million residents: the trigram index finds the rows that match
both words, instead of the thousands that share a first name or 'van den' (bench/README.md).
"""

from __future__ import annotations

import functools
import itertools
import operator

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import Q, QuerySet
from django.db.models.signals import post_migrate
from django.dispatch import receiver

DREMPEL = 0.5
# Words of a surname that name nobody in particular ('de jansen' is every Jansen).
TUSSENVOEGSELS = {"de", "der", "den", "van", "het", "ter", "te", "ten", "in", "op", "la", "le", "el", "al", "da", "di",
                  "du", "von", "vd"}
# The longest words of a query that must match (two of them): more would only add index scans.
KERNWOORDEN = 4
FTS_TABLE = "inwoners_persoon_zoek"
OUDE_FTS_TABLES = ("inwoners_persoon_fts",)


@receiver(connection_created)
def _set_trigram_threshold(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # set_config, not SET: a parameter binds in a function call, also when the server binds them.
            cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [str(DREMPEL)])


@receiver(post_migrate)
def ensure_sqlite_fulltext(sender, using="default", **kwargs):
    """(Re)creates the FTS5 index and its triggers. Django rebuilds a table on some ALTERs and then
    silently drops triggers (RECIPES.md), so this runs after every migrate."""
    if getattr(sender, "label", None) != "inwoners":
        return
    from django.db import connections

    conn = connections[using]
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        for oud in OUDE_FTS_TABLES:
            for suffix in ("ai", "ad", "au"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {oud}_{suffix}")
            cursor.execute(f"DROP TABLE IF EXISTS {oud}")
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [FTS_TABLE])
        nieuw = cursor.fetchone() is None
        # gemeente_id rides along (not indexed) so that ranking and its limit stay within one gemeente.
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "zoeknaam, gemeente_id UNINDEXED, content='inwoners_persoon', content_rowid='id', tokenize='trigram')"
        )
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON inwoners_persoon BEGIN "
            f"INSERT INTO {FTS_TABLE}(rowid, zoeknaam, gemeente_id) VALUES (new.id, new.zoeknaam, new.gemeente_id); END"
        )
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON inwoners_persoon BEGIN "
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, zoeknaam, gemeente_id) "
            f"VALUES ('delete', old.id, old.zoeknaam, old.gemeente_id); END"
        )
        cursor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au "
            f"AFTER UPDATE OF zoeknaam, gemeente_id ON inwoners_persoon BEGIN "
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, zoeknaam, gemeente_id) "
            f"VALUES ('delete', old.id, old.zoeknaam, old.gemeente_id); "
            f"INSERT INTO {FTS_TABLE}(rowid, zoeknaam, gemeente_id) VALUES (new.id, new.zoeknaam, new.gemeente_id); END"
        )
        if nieuw:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def trigrammen(text: str) -> set[str]:
    """Trigrams the way pg_trgm makes them: per word, padded with two spaces before and one after."""
    result: set[str] = set()
    for word in text.split():
        padded = f"  {word} "
        result.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return result


def woordgelijkenis(zoek: str, naam: str) -> float:
    gezocht = trigrammen(zoek)
    if not gezocht:
        return 0.0
    return len(gezocht & trigrammen(naam)) / len(gezocht)


# What a mistyped tussenvoegsel is found in: a three-letter word in one of the first ('vaa', 'vat': found in every
# 'van'), a longer one in one of the second ('vanider', 'vanrder': in every 'van der'). Such a word names nobody.
# Only the commonest in the first: 'vos', 'hem' and 'tel' (like 'von', 'het', 'ter') are names.
VERTYPT_KORT = ("van", "den", "der")
VERTYPT_AANEEN = ("vande", "vanden", "vander", "vanhet", "inde", "inden", "inhet", "opde", "opden", "uitde",
                  "uitden")


def _als_tussenvoegsel(woord: str) -> bool:
    if woord in TUSSENVOEGSELS:
        return True
    lijkt_op = VERTYPT_KORT if len(woord) == 3 else VERTYPT_AANEEN
    # Beginning as the tussenvoegsel does: 'sande' shares half its trigrams with 'vande', and is a name.
    return any(woord[:2] == t[:2] and woordgelijkenis(woord, t) >= DREMPEL for t in lijkt_op)


def kernwoorden(naam: str) -> list[str]:
    """The words of a normalised name that say who someone is, the longest first (at most KERNWOORDEN):
    no tussenvoegsels, nor words the search would find in one ('vaa', 'vanider': mistyped, they are found in
    every 'van' or 'van der', and on PostgreSQL each such pair read thousands of rows, issue 17), and four
    letters or more unless that leaves fewer than two ('jan de vos'). A three-letter word is as often a
    mistyped tussenvoegsel ('var Engels') as a name, and 'var' is found in every 'van'."""
    woorden = [w for w in dict.fromkeys(naam.split()) if not _als_tussenvoegsel(w)]
    lang = [w for w in woorden if len(w) >= 4]
    kern = lang if len(lang) >= 2 else [w for w in woorden if len(w) >= 3]
    return sorted(kern, key=len, reverse=True)[:KERNWOORDEN]


def _woorden_gevonden(kern: list[str], zoeknaam_: str) -> bool:
    """With two or more kernwoorden, at least two of them are found in the name (each on its own)."""
    if len(kern) < 2:
        return True
    return sum(1 for w in kern if woordgelijkenis(w, zoeknaam_) >= DREMPEL) >= 2


def naam_queryset(qs: QuerySet, naam: str, kern: list[str]) -> QuerySet:
    """PostgreSQL: the visible persons whose name resembles `naam` (its `kernwoorden`: `kern`), best match first,
    with their similarity as `gelijkenis`."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    if len(kern) >= 2:
        # Any two words both found: an OR of ANDs, each AND one bitmap scan of the trigram index on
        # words rarer than the whole name's commonest trigrams; the whole name's similarity, the
        # ranking, is then computed for those few rows only.
        paren = functools.reduce(operator.or_, (
            Q(zoeknaam__trigram_word_similar=a) & Q(zoeknaam__trigram_word_similar=b)
            for a, b in itertools.combinations(kern, 2)))
        # No substring match beside it (as for one word): a name of two words or more that is part of a
        # name is found by its similarity, and the trigram index's LIKE over a long name cost up to 10 ms.
        treffer = paren & Q(gelijkenis__gte=DREMPEL)
    else:
        treffer = Q(zoeknaam__trigram_word_similar=naam) | Q(zoeknaam__contains=naam)
    return (qs.annotate(gelijkenis=TrigramWordSimilarity(naam, "zoeknaam")).filter(treffer)
            .order_by("-gelijkenis", "achternaam", "voornamen"))


def naam_zoeken(qs: QuerySet, naam: str, *, limit: int, gemeente_id: int | None = None) -> list:
    """The visible persons whose name resembles `naam`, best match first."""
    kern = kernwoorden(naam)
    if connection.vendor == "postgresql":
        return list(naam_queryset(qs, naam, kern)[:limit])
    woorden = [w for w in naam.split() if len(w) >= 3]
    if not woorden:
        return list(qs.filter(zoeknaam__contains=naam).order_by("achternaam", "voornamen")[:limit])
    # Candidates: names sharing any trigram, best ranked first within the gemeente; then the same
    # threshold as pg_trgm. `naam` is normalised to [a-z0-9 ], so the quoted trigrams are safe.
    expr = " OR ".join(f'"{t}"' for t in sorted(trigrammen(" ".join(woorden))) if t.strip() and len(t.strip()) == 3)
    if not expr:
        return list(qs.filter(zoeknaam__contains=naam).order_by("achternaam", "voornamen")[:limit])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND gemeente_id = %s ORDER BY rank LIMIT 2000",
            [expr, gemeente_id],
        )
        ids = [row[0] for row in cursor.fetchall()]
    # Score the candidates on their names only, then load just the persons shown: building up to
    # 2000 model objects to show 25 was most of the search's time (make bench, zoeken-gemeente).
    scored = []
    for pk, zn, achternaam, voornamen in qs.filter(pk__in=ids).values_list("pk", "zoeknaam", "achternaam", "voornamen"):
        score = woordgelijkenis(naam, zn)
        if (score >= DREMPEL and _woorden_gevonden(kern, zn)) or naam in zn:
            scored.append((-score, achternaam, voornamen, pk))
    scored.sort()
    beste = scored[:limit]
    personen = qs.in_bulk([pk for *_rest, pk in beste])
    result = []
    for min_score, _a, _v, pk in beste:
        persoon = personen[pk]
        persoon.gelijkenis = -min_score
        result.append(persoon)
    return result
