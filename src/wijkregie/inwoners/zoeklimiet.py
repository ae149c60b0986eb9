"""Limits on harvesting residents through search (issue 11; Open Zaak's CVE-2026-54657 is the warning).

A gemeente-wide role (KCC, bureaudienst, backoffice) can find every resident, so its query must be
specific enough to be about one person, and everyone's searches and the residents shown are counted
per hour: over the limit the search is refused and the privacy officer is alerted (one
`beveiliging.zoeklimiet` event per user per hour, on her audit page). The counters live in the
shared cache (settings.CACHES), so every app process counts the same searches.
"""

from __future__ import annotations

import datetime
import re
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from wijkregie.core.audit import AuditActie, AuditResultaat, audit_disclosure, audit_log
from wijkregie.organisatie.toegangsbeleid import GEMEENTEBREDE_ROLLEN

from .models import Persoon, zoeknaam
from .search import TUSSENVOEGSELS
from .selectors import BSN_RE, DATUM_RE, PC4_RE, POSTCODE_SPATIE, mogelijke_dubbelen, personen_zoeken

UUR = 3600


@dataclass
class Zoekresultaat:
    personen: list[Persoon] = field(default_factory=list)
    fout: str = ""


def onmogelijke_datum(zoek: str) -> str:
    """What is wrong with a date typed in the search that does not exist ('31-02-2020'), '' when none is.

    Such a term cannot match anyone, and answering "nobody found" would send the medewerker off to register
    a resident who may well exist; so it is a mistake to point out at the field, before any other answer."""
    for term in zoek.split():
        if match := DATUM_RE.match(term):
            try:
                datetime.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            except ValueError:
                return _("Deze datum bestaat niet: %(datum)s. Typ de geboortedatum als dd-mm-jjjj.") % {"datum": term}
    return ""


def te_algemeen(user, zoek: str) -> str:
    """Why this query is not specific enough for this user ('' when it is).

    For a gemeente-wide role a query names one person: a BSN, or a birth date or postcode with a
    name, or a first name and a surname (two name parts, at least five letters in all). Teams search
    only the residents they work with, so any query will do for them.
    """
    if not user.heeft_rol(*GEMEENTEBREDE_ROLLEN):
        return ""
    termen = list(dict.fromkeys(POSTCODE_SPATIE.sub(r"\1\2", zoek).lower().split()))  # a repeat adds nothing
    if any(BSN_RE.match(t) for t in termen):
        return ""
    kenmerk = any(DATUM_RE.match(t) or PC4_RE.match(t) for t in termen)
    # Name parts that narrow: two letters at least (a lone initial or 'de' matches half the gemeente).
    namen = {re.sub(r"[^a-z]", "", zoeknaam(t)) for t in termen if not (DATUM_RE.match(t) or PC4_RE.match(t))}
    namen = {n for n in namen if len(n) >= 2 and n not in TUSSENVOEGSELS}
    letters = sum(len(n) for n in namen)
    if kenmerk and any(len(n) >= 3 for n in namen):
        return ""
    if len(namen) >= 2 and letters >= 6:
        return ""
    return _("Zoek specifieker: voornaam en achternaam, een naam met geboortedatum of postcode, of het BSN.")


def _teller(sleutel: str, bij: int) -> int:
    """Adds `bij` to an hourly counter and returns the new total (approximate under races: a limit, not a ledger)."""
    venster = int(time.time() // UUR)
    key = f"zoeklimiet:{sleutel}:{venster}"
    if cache.add(key, bij, timeout=UUR + 60):
        return bij
    try:
        return cache.incr(key, bij)
    except ValueError:  # expired between add and incr
        cache.set(key, bij, timeout=UUR + 60)
        return bij


def _gezien(user, personen) -> int:
    """Adds residents to the set this user was shown this hour; returns how many distinct ones.

    Distinct, because harvesting is about how many people one sees: the live search shows the same few
    residents again at every pause in typing, and that must not exhaust a KCC worker's hour."""
    venster = int(time.time() // UUR)
    key = f"zoeklimiet:gezien:{user.pk}:{venster}"
    gezien = set(cache.get(key, ())) | {p.pk for p in personen}
    cache.set(key, gezien, timeout=UUR + 60)
    return len(gezien)


def _alarm(user, wat: str) -> None:
    venster = int(time.time() // UUR)
    if cache.add(f"zoeklimiet:alarm:{user.pk}:{venster}", 1, timeout=UUR + 60):
        with transaction.atomic():
            audit_log(actor=user, actie=AuditActie.EXECUTE, object_type="beveiliging.zoeklimiet",
                      resultaat=AuditResultaat.GEWEIGERD, omschrijving=wat)


def personen_zoeken_beperkt(user, zoek: str, *, omschrijving: str = "zoekresultaat") -> Zoekresultaat:
    """Search within the policy and the limits; the residents shown are audited one event each."""
    zoek = (zoek or "").strip()[:100]
    if not zoek:
        return Zoekresultaat()
    if fout := onmogelijke_datum(zoek) or te_algemeen(user, zoek):
        return Zoekresultaat(fout=fout)
    max_zoek, max_personen = settings.ZOEKLIMIET_PER_UUR, settings.RESULTATENLIMIET_PER_UUR
    if _teller(f"zoek:{user.pk}", 1) > max_zoek:
        _alarm(user, f"meer dan {max_zoek} zoekopdrachten in een uur")
        return Zoekresultaat(fout=_("U heeft in korte tijd erg veel gezocht. Zoeken kan over een uur weer; "
                                    "de privacyfunctionaris is ingelicht."))
    personen = personen_zoeken(user, zoek)
    if personen and _gezien(user, personen) > max_personen:
        _alarm(user, f"meer dan {max_personen} inwoners in zoekresultaten in een uur")
        return Zoekresultaat(fout=_("U heeft in korte tijd erg veel inwoners opgezocht. Zoeken kan over een uur "
                                    "weer; de privacyfunctionaris is ingelicht."))
    with transaction.atomic():
        audit_disclosure(actor=user, client_ids=[p.pk for p in personen], object_type="inwoners.persoon",
                         omschrijving=f"{omschrijving}: identiteit")
    return Zoekresultaat(personen=personen)


def mogelijke_dubbelen_beperkt(user, kandidaat: Persoon) -> list[Persoon]:
    """The duplicate check of a registration is a search too, under the same limits: a gemeente-wide
    role without a birth date is shown only residents of exactly that name; what is shown counts
    towards the hourly limit and is audited one event per resident."""
    dubbelen = mogelijke_dubbelen(user, kandidaat)
    if user.heeft_rol(*GEMEENTEBREDE_ROLLEN) and not kandidaat.geboortedatum:
        naam = zoeknaam(kandidaat.voornamen, kandidaat.tussenvoegsel, kandidaat.achternaam)
        dubbelen = [p for p in dubbelen if p.zoeknaam == naam]
    if not dubbelen:
        return []
    if _gezien(user, dubbelen) > settings.RESULTATENLIMIET_PER_UUR:
        _alarm(user, f"meer dan {settings.RESULTATENLIMIET_PER_UUR} inwoners in zoekresultaten in een uur")
        return []
    with transaction.atomic():
        audit_disclosure(actor=user, client_ids=[p.pk for p in dubbelen], object_type="inwoners.persoon",
                         omschrijving="mogelijke dubbelen: identiteit")
    return dubbelen
