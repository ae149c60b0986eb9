"""Who may see which resident.

- KCC, bureaudienst and backoffice register, allocate and decide for the whole gemeente: they see all
  residents of their own gemeente.
- Everyone else sees the residents their team has a current Hulprelatie with, and the residents they
  registered themselves.
- Policy officers and privacy officers see no residents (aggregates and the audit trail only),
  unless they also hold one of the roles above. Nobody sees residents of another gemeente.
"""

from __future__ import annotations

import datetime
import re

from django.db.models import Q, QuerySet
from django.utils import timezone

from wijkregie.core.access import gemeente_of
from wijkregie.organisatie.models import ZORGROLLEN, Rol
from wijkregie.organisatie.selectors import team_ids_of

from .models import Hulprelatie, Persoon, normalise_postcode, zoeknaam
from .search import naam_zoeken

GEMEENTEBREDE_ROLLEN = (Rol.KCC, Rol.BUREAUDIENST, Rol.BACKOFFICE)


def _zicht_op_personen(user) -> Q | None:
    """The condition on Persoon for this user; None means nothing at all."""
    if gemeente_of(user) is None or not user.heeft_rol(*ZORGROLLEN):
        return None
    if user.heeft_rol(*GEMEENTEBREDE_ROLLEN):
        return Q()
    now = timezone.now()
    return Q(aangemaakt_door=user) | Q(
        pk__in=Hulprelatie.objects.filter(
            team_id__in=team_ids_of(user), sinds__lte=now
        ).filter(Q(tot__isnull=True) | Q(tot__gt=now)).values("persoon_id")
    )


def personen_visible_to(user) -> QuerySet[Persoon]:
    condition = _zicht_op_personen(user)
    if condition is None:
        return Persoon.objects.none()
    return Persoon.objects.filter(condition, gemeente_id=user.gemeente_id).select_related("wijk")


BSN_RE = re.compile(r"^\d{8,9}$")
DATUM_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
PC4_RE = re.compile(r"^\d{4}\s*[A-Za-z]{0,2}$")
POSTCODE_SPATIE = re.compile(r"\b(\d{4})\s+([A-Za-z]{2})\b")


def personen_zoeken(user, zoek: str, *, limit: int = 25) -> list[Persoon]:
    """Search residents by name (typo-tolerant), BSN, birth date (dd-mm-jjjj) or postcode.

    Terms can be combined: 'jansen 12-03-1980'. Only residents the user may see are searched.
    """
    qs = personen_visible_to(user)
    naamdelen = []
    zoek = POSTCODE_SPATIE.sub(r"\1\2", zoek)  # '1784 AB' is one postcode, not a postcode and a name
    for term in zoek.split():
        if BSN_RE.match(term):
            qs = qs.filter(bsn=term.zfill(9))
        elif match := DATUM_RE.match(term):
            try:
                datum = datetime.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            except ValueError:
                return []
            qs = qs.filter(geboortedatum=datum)
        elif PC4_RE.match(term):
            qs = qs.filter(postcode__startswith=normalise_postcode(term)[:7].strip())
        else:
            naamdelen.append(term)
    naam = zoeknaam(*naamdelen)
    if naam:
        return naam_zoeken(qs, naam, limit=limit, gemeente_id=user.gemeente_id)
    if naamdelen or not zoek.strip():
        return []  # nothing searchable was typed (only punctuation, or a script we cannot match)
    return list(qs.order_by("achternaam", "voornamen")[:limit])


def mogelijke_dubbelen(user, persoon: Persoon, *, limit: int = 5) -> list[Persoon]:
    """Visible persons who may be the same: a similar name, and the same birth date if one is given."""
    naam = zoeknaam(persoon.voornamen, persoon.tussenvoegsel, persoon.achternaam)
    if not naam:
        return []
    kandidaten = naam_zoeken(personen_visible_to(user), zoeknaam(persoon.achternaam), limit=50, gemeente_id=user.gemeente_id)
    result = []
    for kandidaat in kandidaten:
        if persoon.geboortedatum and kandidaat.geboortedatum and kandidaat.geboortedatum != persoon.geboortedatum:
            continue
        if persoon.geboortedatum or kandidaat.zoeknaam == naam or zoeknaam(persoon.voornamen)[:1] == kandidaat.zoeknaam[:1]:
            result.append(kandidaat)
    return result[:limit]
