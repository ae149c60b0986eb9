"""Reads of the privacy officer's desk: the audit trail of her own gemeente, in names instead of ids."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.core.access import gemeente_of
from wijkregie.core.models import AuditEvent, AuditResultaat
from wijkregie.inwoners.models import Persoon, zoeknaam
from wijkregie.organisatie.models import Medewerker, Rol

# Name searches find at most this many residents: a privacy officer narrows down, never lists everybody.
MAX_PERSONEN = 200
SIGNAAL_PREFIX = "beveiliging."


def auditevents_visible_to(
    user, *, client_ids: list[int] | None = None, actor_id: int | None = None, actie: str = "",
    van: datetime.date | None = None, tot: datetime.date | None = None, bijzonder: str = "",
) -> QuerySet[AuditEvent]:
    """The audit trail of the user's own gemeente only, newest first.

    `client_ids` None means any resident; an empty list (a search that found nobody) means none.
    """
    gemeente_id = gemeente_of(user)
    if gemeente_id is None:
        return AuditEvent.objects.none()
    qs = AuditEvent.objects.filter(gemeente_id=gemeente_id)
    if client_ids is not None:
        qs = qs.filter(client_id__in=client_ids)
    if actor_id:
        qs = qs.filter(actor_id=actor_id)
    if actie:
        qs = qs.filter(actie=actie)
    if bijzonder == "wettelijk":  # shared without consent on a recorded legal ground (casus.services)
        qs = qs.filter(grondslag__startswith="wettelijke grondslag")
    elif bijzonder == "geweigerd":
        qs = qs.filter(resultaat=AuditResultaat.GEWEIGERD)
    elif bijzonder == "noodtoegang":  # break-the-glass: opened, and every read under it (privacy/noodtoegang.py)
        qs = qs.filter(grondslag="noodtoegang")
    tz = timezone.get_current_timezone()
    if van:
        qs = qs.filter(tijd__gte=datetime.datetime.combine(van, datetime.time.min, tz))
    if tot:
        qs = qs.filter(tijd__lt=datetime.datetime.combine(tot + datetime.timedelta(days=1), datetime.time.min, tz))
    return qs.order_by("-tijd", "-id")


def signalen_visible_to(user, *, limit: int = 10) -> list[AuditEvent]:
    """Security alerts of the gemeente (events 'beveiliging.*', e.g. a search limit exceeded), newest first."""
    gemeente_id = gemeente_of(user)
    if gemeente_id is None:
        return []
    return list(
        AuditEvent.objects.filter(gemeente_id=gemeente_id, object_type__startswith=SIGNAAL_PREFIX)
        .order_by("-tijd", "-id")[:limit]
    )


def personen_gezocht(user, inwoner: dict) -> list[int]:
    """The ids of the gemeente's residents with this BSN, or whose name contains every word typed, and
    with this birth date when one is given.

    Not through personen_visible_to: the privacy officer sees no files, but accounts for every
    resident of the gemeente, so she finds anyone whose data was processed.
    """
    gemeente_id = gemeente_of(user)
    if gemeente_id is None:
        return []
    qs = Persoon.objects.filter(gemeente_id=gemeente_id)
    if inwoner.get("geboortedatum"):
        qs = qs.filter(geboortedatum=inwoner["geboortedatum"])
    if "bsn" in inwoner:
        qs = qs.filter(bsn=inwoner["bsn"])
    elif "naam" in inwoner:
        for woord in zoeknaam(inwoner["naam"]).split():
            qs = qs.filter(zoeknaam__contains=woord)
    return list(qs.order_by("pk").values_list("pk", flat=True)[:MAX_PERSONEN])


def personen_exact(gemeente_id: int, *, bsn: str = "", achternaam: str = "", geboortedatum=None) -> list[Persoon]:
    """At most two residents of the gemeente matching exact identifying input: a BSN, or a surname with
    its birth date (with or without its particles). Never a partial name: break-the-glass and a request
    for inzage name one person, they do not browse (privacy/noodtoegang.py, privacy/inzage.py)."""
    qs = Persoon.objects.filter(gemeente_id=gemeente_id)
    if bsn:
        return list(qs.filter(bsn=bsn)[:2])
    gezocht = zoeknaam(achternaam)
    if not gezocht or geboortedatum is None:
        return []
    return [p for p in qs.filter(geboortedatum=geboortedatum)[:50]
            if gezocht in (zoeknaam(p.achternaam), zoeknaam(p.tussenvoegsel, p.achternaam))][:2]


def soort(object_type: str) -> str:
    """'inwoners.persoon' → 'persoon': the kind of data in words."""
    vast = {
        "sessie": _("inloggen"), "pagina": _("pagina"), "demo": _("demogegevens"),
        "beveiliging.zoeklimiet": _("zoeklimiet overschreden"),
        "beveiliging.noodtoegang": _("te vaak gezocht voor noodtoegang"),
        "monitor.export": _("export van de monitor"), "monitor.onderzoek": _("onderzoeksbestand van de monitor"),
        "regie.werkvoorraad": _("werkvoorraad"), "privacy.bewaartermijnen": _("bewaartermijnen"),
    }
    if object_type in vast:
        return vast[object_type]
    if object_type.startswith(SIGNAAL_PREFIX):
        return _("beveiliging")
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        # Never a model label on the page: the last part, in words ('monitor.iets_nieuws' → 'iets nieuws').
        return object_type.rsplit(".", 1)[-1].replace("_", " ")


def rollen_in_woorden(codes: str) -> str:
    labels = dict(Rol.choices)
    vast = {"systeem": _("systeem"), "anoniem": _("niet ingelogd"), "geen rol": _("geen rol"),
            "technisch beheer": _("technisch beheer")}
    if codes in vast:
        return vast[codes]
    return ", ".join(str(labels.get(code, code)) for code in codes.split(",") if code)


def in_woorden(user, events: list[AuditEvent]) -> list[dict]:
    """Each event with the resident's and the medewerker's name, role labels and the kind of data.

    Two queries whatever the number of events: residents (own gemeente only) and medewerkers.
    """
    gemeente_id = gemeente_of(user)
    client_ids = {e.client_id for e in events if e.client_id}
    actor_ids = {e.actor_id for e in events if e.actor_id}
    personen: dict[int | None, str] = {
        p.pk: p.naam for p in Persoon.objects.filter(gemeente_id=gemeente_id, pk__in=client_ids)
        .only("voornamen", "tussenvoegsel", "achternaam")
    } if client_ids and gemeente_id is not None else {}
    medewerkers: dict[int | None, str] = {
        m.pk: m.get_full_name() or m.username
        for m in Medewerker.objects.filter(pk__in=actor_ids).only("first_name", "last_name", "username")
    } if actor_ids else {}
    return [
        {
            "event": e,
            "inwoner": personen.get(e.client_id, ""),
            "medewerker": medewerkers.get(e.actor_id) or e.actor,
            "rollen": rollen_in_woorden(e.rol) if e.rol else "",
            "soort": soort(e.object_type),
        }
        for e in events
    ]
