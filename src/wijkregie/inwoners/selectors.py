"""Who may see which resident, and which of their data (the access policy, toegangsbeleid.py).

- Gemeente-wide roles identify residents wherever they are on the route: the kinds of data their
  relation shows at every stage (KCC and bureaudienst: who someone is; backoffice: also how to reach
  them). That is what search, registration and beschikkingen need, not the file.
- Everything else comes from a file the user may see that kind of data of: a casus (its hoofdpersoon
  and household) or an aanmelding. Those apps sit above this one and register their rule here
  (`dossierregel`), so one function answers for every page, list and search.
- The medewerker who registered a person sees who they are and how to reach them.
- Policy and privacy officers see no residents (aggregates and the audit trail only), unless they
  also hold a casework role. Nobody sees residents of another gemeente.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from django.db import connections, router
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from wijkregie.core.access import gemeente_of, sleutel_uit
from wijkregie.core.querying import Tekst, bewaarde_queryset, eerste_rijen_van
from wijkregie.core.routers import replica_reads
from wijkregie.organisatie.models import Rol
from wijkregie.organisatie.toegangsbeleid import TABEL, ZORGROLLEN, Betrekking, Gegevens, Stadium

from .models import Persoon, normalise_postcode, zoeknaam
from .search import kernwoorden, naam_queryset, naam_zoeken

#: A rule from an app above: (user, soort) → a condition on Persoon, or None.
_DOSSIERREGELS: list[Callable[[object, str], Q | None]] = []
#: Per rule, what it builds its condition from (user → a hashable value), when the app gave it.
_REGELINVOER: dict[Callable, Callable[[object], object]] = {}


def dossierregel(regel: Callable[[object, str], Q | None], *, invoer: Callable[[object], object] | None = None):
    """Registers the persons-through-files rule of an app above this one (called from its ready()). With
    `invoer`, everything the rule builds its condition from for a user (their relations' ids, teams, roles: the
    day is added here): personen_visible_to then keeps the condition per process for that value (issue 17)."""
    if regel not in _DOSSIERREGELS:
        _DOSSIERREGELS.append(regel)
    if invoer is not None:
        _REGELINVOER[regel] = invoer
    return regel


_GEMEENTEBREED = ((Rol.KCC, Betrekking.KCC), (Rol.BUREAUDIENST, Betrekking.BUREAUDIENST),
                  (Rol.BACKOFFICE, Betrekking.BACKOFFICE))


def _overal(betrekking: str, soort: str) -> bool:
    """The relation shows this kind at every stage: it holds for residents without any file too."""
    return all(soort in TABEL.get(betrekking, {}).get(stadium, frozenset()) for stadium in Stadium)


def _gemeentebreed(user, soort: str) -> bool:
    """A gemeente-wide role of this user shows this kind of data of every resident of the gemeente."""
    return any(user.heeft_rol(rol) and _overal(betrekking, soort) for rol, betrekking in _GEMEENTEBREED)


def _zicht_op_personen(user, soort: str) -> Q | None:
    """The condition on Persoon for this user and kind of data; None means nothing at all."""
    if gemeente_of(user) is None or not user.heeft_rol(*ZORGROLLEN):
        return None
    if _gemeentebreed(user, soort):
        return Q()
    condition = Q(aangemaakt_door=user) if soort in (Gegevens.IDENTITEIT, Gegevens.CONTACT) else Q(pk__in=[])
    for regel in _DOSSIERREGELS:
        extra = regel(user, soort)
        if extra is not None:
            condition |= _per_persoon(extra)
    return condition


def _per_persoon(q: Q) -> Q:
    """A rule's `pk IN (residents of the files I see)` asked per resident, as a correlated EXISTS: the same
    rows, but PostgreSQL no longer builds the whole set (every file of the gemeente) to answer for the few
    residents a search or a page is about (issue 17). Any other condition is returned as it is."""
    if len(q.children) == 1 and not q.negated and isinstance(q.children[0], tuple):
        lookup, value = q.children[0]
        if lookup == "pk__in" and isinstance(value, QuerySet) and len(value.query.values_select) == 1:
            return Q(Exists(value.filter(**{value.query.values_select[0]: OuterRef("pk")})))
    return q


def personen_visible_to(user, soort: str = Gegevens.IDENTITEIT) -> QuerySet[Persoon]:
    """The residents of whom this user may see `soort` (default: who they are).

    The conditions follow from the user's roles and gemeente, the day and what each file rule builds from
    (`dossierregel`'s invoer): built once per process for those (core.querying.bewaarde_queryset), a copy per use.
    A gemeente-wide role's answer (every resident of the gemeente) is kept under the gemeente alone.
    """
    if gemeente_of(user) is None or not user.heeft_rol(*ZORGROLLEN):
        return Persoon.objects.none()
    sleutel = _zicht_sleutel(user, soort)
    if sleutel is not None:
        return bewaarde_queryset(sleutel, lambda: _personen_zichtbaar(user, soort))
    return _personen_zichtbaar(user, soort)


def _zicht_sleutel(user, soort: str) -> tuple | None:
    """What personen_visible_to's conditions are built from, as the key they are kept under (None: not kept, a
    file rule that does not say what it builds from). Only for a user with a gemeente and a care role."""
    if _gemeentebreed(user, soort):
        # Every resident of the gemeente, whatever files the user has: the file rules' inputs (a bureaudienst
        # member's teams, regies and the teams' consented aanmeldingen: three statements, 10-20 ms a search over
        # a million residents) are not read.
        return ("inwoners.zicht.gemeente", soort, user.gemeente_id)
    if all(regel in _REGELINVOER for regel in _DOSSIERREGELS):
        return ("inwoners.zicht", soort, user.pk, user.gemeente_id, tuple(sorted(user.rollen)),
                timezone.localdate(), tuple(_REGELINVOER[regel](user) for regel in _DOSSIERREGELS))
    return None


def _personen_zichtbaar(user, soort: str) -> QuerySet[Persoon]:
    condition = _zicht_op_personen(user, soort)
    if condition is None:
        return Persoon.objects.none()
    return Persoon.objects.filter(condition, gemeente_id=user.gemeente_id).select_related("wijk")


def persoon_toont(user, persoon, soort: str) -> bool:
    """Whether this user may see `soort` of this resident: the same answer as
    `personen_visible_to(user, soort).filter(pk=...).exists()`, with every kind of data read in one
    query per resident and request (a person's page asks for contact, consents and more)."""
    from django.db.models import BooleanField, ExpressionWrapper

    from wijkregie.core.access import per_verzoek

    persoon_id = getattr(persoon, "pk", persoon)
    if persoon_id is None or gemeente_of(user) is None:
        return False
    cache = per_verzoek(user, "_persoon_gegevens")
    if persoon_id not in cache:
        condities = {soort_: _zicht_op_personen(user, soort_) for soort_ in Gegevens}
        vragen = {f"k_{s.value}": ExpressionWrapper(c if c else Q(pk__isnull=False), output_field=BooleanField())
                  for s, c in condities.items() if c is not None}
        rij = (Persoon.objects.filter(pk=persoon_id, gemeente_id=user.gemeente_id).annotate(**vragen)
               .values(*vragen).first() if vragen else None)
        cache[persoon_id] = frozenset() if rij is None else frozenset(
            s for s in condities if rij.get(f"k_{s.value}"))
    return soort in cache[persoon_id]


def persoon_zichtbaar(user, pk, soort: str = Gegevens.IDENTITEIT) -> Persoon | None:
    """`personen_visible_to(user, soort).filter(pk=pk).first()`, with its wijk: the resident a form names by key
    (a hidden field, ?persoon=N), or None when the user may not see them or `pk` is not a key.

    Compiling the visible residents' conditions for that one key was a tenth of registering an aanmelding's
    Python time under load (issue 17): the statement is kept per process under what those conditions are built
    from (personen_visible_to's key), the key filled in at each use (core.querying.eerste_rijen_van)."""
    persoon_id = sleutel_uit(pk)
    if persoon_id is None or gemeente_of(user) is None or not user.heeft_rol(*ZORGROLLEN):
        return None
    sleutel = _zicht_sleutel(user, soort)
    if sleutel is None:
        return personen_visible_to(user, soort).filter(pk=persoon_id).first()
    rijen = eerste_rijen_van(
        lambda persoon_id: {"persoon": (personen_visible_to(user, soort).filter(pk=persoon_id).order_by(), 1, None,
                                        ("wijk",))},
        sleutel=("inwoners.persoon_zichtbaar", *sleutel), model=Persoon, invullen={"persoon_id": persoon_id},
    )["persoon"]
    return rijen[0] if rijen else None


BSN_RE = re.compile(r"^\d{8,9}$")
DATUM_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
PC4_RE = re.compile(r"^\d{4}\s*[A-Za-z]{0,2}$")
POSTCODE_SPATIE = re.compile(r"\b(\d{4})\s+([A-Za-z]{2})\b")


@replica_reads  # a search only reads: the replica serves it unless it lags or this browser has just written
def personen_zoeken(user, zoek: str, *, limit: int = 25) -> list[Persoon]:
    """Search residents by name (typo-tolerant), BSN, birth date (dd-mm-jjjj) or postcode.

    Terms can be combined: 'jansen 12-03-1980'. Only residents the user may see are searched.
    """
    naamdelen: list[str] = []
    filters: list[tuple[str, object]] = []  # (field lookup, value), in the order typed
    zoek = POSTCODE_SPATIE.sub(r"\1\2", zoek)  # '1784 AB' is one postcode, not a postcode and a name
    for term in zoek.split():
        if BSN_RE.match(term):
            filters.append(("bsn", term.zfill(9)))
        elif match := DATUM_RE.match(term):
            try:
                datum = datetime.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            except ValueError:
                return []
            filters.append(("geboortedatum", datum))
        elif PC4_RE.match(term):
            filters.append(("postcode__startswith", normalise_postcode(term)[:7].strip()))
        else:
            naamdelen.append(term)
    naam = zoeknaam(*naamdelen)
    if naam:
        bewaard = _naam_zoeken_bewaard(user, naam, filters, limit)
        if bewaard is not None:
            return bewaard
    if not naam and (naamdelen or not zoek.strip()):
        return []  # nothing searchable was typed (only punctuation, or a script we cannot match)
    qs = personen_visible_to(user)
    for lookup, waarde in filters:
        qs = qs.filter(**{lookup: waarde})
    if naam:
        return naam_zoeken(qs, naam, limit=limit, gemeente_id=user.gemeente_id)
    return list(qs.order_by("achternaam", "voornamen")[:limit])


def _naam_zoeken_bewaard(user, naam: str, filters: list[tuple[str, object]], limit: int) -> list[Persoon] | None:
    """A search by name on PostgreSQL, by a statement kept per process for what the visible residents are built
    from (their key), the number of the name's words and the other terms' kinds; the name, its words and the
    terms filled in at each search (core.querying.eerste_rijen_van with Tekst). Compiling the search with the
    access policy's conditions was a third of a search's Python time (issue 17, py-spy under capacity load).
    The same residents in the same order as naam_zoeken; None where it does not apply (SQLite, a user whose
    visible residents are not kept, a term that is not a Tekst)."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    if connections[router.db_for_read(Persoon)].vendor != "postgresql" or gemeente_of(user) is None \
            or not user.heeft_rol(*ZORGROLLEN):
        return None
    sleutel = _zicht_sleutel(user, Gegevens.IDENTITEIT)
    if sleutel is None:
        return None
    kern = kernwoorden(naam)
    try:
        invullen = {"naam": Tekst(naam), **{f"woord_{i}": Tekst(w) for i, w in enumerate(kern)},
                    **{f"term_{i}": Tekst(w) if isinstance(w, str) else w for i, (_l, w) in enumerate(filters)}}
    except ValueError:
        return None

    def bronnen(**w) -> dict:
        qs = personen_visible_to(user)
        for i, (lookup, _waarde) in enumerate(filters):
            qs = qs.filter(**{lookup: w[f"term_{i}"]})
        qs = naam_queryset(qs, w["naam"], [w[f"woord_{i}"] for i in range(len(kern))])
        return {"treffers": (qs, limit, None, ("wijk",),
                             {"gelijkenis": TrigramWordSimilarity(w["naam"], "zoeknaam")})}

    rijen = eerste_rijen_van(
        bronnen, model=Persoon, invullen=invullen,
        sleutel=("inwoners.zoeken", *sleutel, limit, len(kern), tuple(lookup for lookup, _w in filters)))["treffers"]
    # The statement's order (its ORDER BY chose these rows), ties by name as SQLite's search sorts them.
    return sorted(rijen, key=lambda p: (-p.gelijkenis, p.achternaam, p.voornamen, p.pk))  # type: ignore[attr-defined]


def mogelijke_dubbelen(user, persoon: Persoon, *, limit: int = 5) -> list[Persoon]:
    """Visible persons who may be the same: a similar name, and the same birth date if one is given."""
    naam = zoeknaam(persoon.voornamen, persoon.tussenvoegsel, persoon.achternaam)
    if not naam:
        return []
    kandidaten = naam_zoeken(
        personen_visible_to(user), zoeknaam(persoon.achternaam), limit=50, gemeente_id=user.gemeente_id
    )
    result = []
    for kandidaat in kandidaten:
        if persoon.geboortedatum and kandidaat.geboortedatum and kandidaat.geboortedatum != persoon.geboortedatum:
            continue
        if (
            persoon.geboortedatum
            or kandidaat.zoeknaam == naam
            or zoeknaam(persoon.voornamen)[:1] == kandidaat.zoeknaam[:1]
        ):
            result.append(kandidaat)
    return result[:limit]


def op_hetzelfde_adres(user, persoon: Persoon, *, behalve=()) -> list[Persoon]:
    """Residents the user may see registered at the same address: likely members of the household."""
    if not (persoon.postcode and persoon.huisnummer):
        return []
    return list(personen_visible_to(user).filter(postcode=persoon.postcode, huisnummer=persoon.huisnummer)
                .exclude(pk__in=[persoon.pk, *behalve]).order_by("geboortedatum")[:10])
