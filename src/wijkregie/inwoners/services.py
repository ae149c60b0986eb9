"""Writes of residents and households; each in one transaction with its audit event."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.organisatie.models import Postcodegebied

from .models import Huishouden, Hulprelatie, Lidmaatschap, Persoon, Relatie


def wijk_voor_postcode(gemeente_id: int, postcode: str):
    """The wijk of an address, from the gemeente's table of four-digit postcode areas."""
    pc4 = (postcode or "").strip()[:4]
    if len(pc4) != 4 or not pc4.isdigit():
        return None
    gebied = Postcodegebied.objects.filter(gemeente_id=gemeente_id, postcode4=pc4).select_related("wijk").first()
    return gebied.wijk if gebied else None


def audit_persoon(*, actor, persoon: Persoon, actie: str, omschrijving: str = "", grondslag: str = "rol") -> None:
    audit_log(
        actor=actor, actie=actie, object_type="inwoners.persoon", object_id=persoon.pk, gemeente_id=persoon.gemeente_id,
        client_id=persoon.pk, omschrijving=omschrijving, grondslag=grondslag,
    )


def persoon_create(*, actor, persoon: Persoon, huishouden: Huishouden | None = None,
                   relatie: str = Relatie.HOOFD) -> Persoon:
    """Registers a resident (already validated) in the actor's gemeente, with a household.

    Without a household given, the person gets one of their own ('huishouden <achternaam>'),
    so that every person has the unit the plan is made for.
    """
    with transaction.atomic():
        persoon.gemeente_id = actor.gemeente_id
        persoon.aangemaakt_door = actor
        persoon.wijk = wijk_voor_postcode(actor.gemeente_id, persoon.postcode)
        persoon.save()
        if huishouden is None:
            huishouden = Huishouden.objects.create(
                gemeente_id=actor.gemeente_id, naam=f"Huishouden {persoon.tussenvoegsel} {persoon.achternaam}".replace("  ", " ")
            )
        Lidmaatschap.objects.create(gemeente_id=actor.gemeente_id, persoon=persoon, huishouden=huishouden, relatie=relatie)
        audit_persoon(actor=actor, persoon=persoon, actie=AuditActie.CREATE, omschrijving="persoon geregistreerd")
    return persoon


def persoon_update(*, actor, persoon: Persoon, changed: list[str]) -> Persoon:
    with transaction.atomic():
        persoon.wijk = wijk_voor_postcode(persoon.gemeente_id, persoon.postcode)
        persoon.save()
        audit_persoon(actor=actor, persoon=persoon, actie=AuditActie.UPDATE, omschrijving="velden: " + ", ".join(changed))
    return persoon


def hulprelatie_begin(*, persoon_ids, team, reden: str) -> None:
    """The team may see these residents from now on, for this reason (a casus). Idempotent per reason,
    so that each casus has its own relationship and ending one leaves the others."""
    now = timezone.now()
    bestaand = set(
        Hulprelatie.objects.filter(persoon_id__in=persoon_ids, team=team, reden=reden)
        .filter(Q(tot__isnull=True) | Q(tot__gt=now)).values_list("persoon_id", flat=True)
    )
    Hulprelatie.objects.bulk_create([
        Hulprelatie(gemeente_id=team.gemeente_id, persoon_id=pid, team=team, sinds=now, reden=reden)
        for pid in set(persoon_ids) - bestaand
    ])


def hulprelatie_einde(*, persoon_ids, team, reden: str | None = None) -> None:
    """Ends the team's relationship; with `reden`, only the one given for that reason (one casus)."""
    qs = Hulprelatie.objects.filter(persoon_id__in=persoon_ids, team=team, tot__isnull=True)
    if reden is not None:
        qs = qs.filter(reden=reden)
    qs.update(tot=timezone.now())


def huishouden_leden(huishouden: Huishouden) -> list[Persoon]:
    today = timezone.localdate()
    return list(
        Persoon.objects.filter(
            lidmaatschappen__huishouden=huishouden, lidmaatschappen__van__lte=today,
        ).filter(Q(lidmaatschappen__tot__isnull=True) | Q(lidmaatschappen__tot__gte=today)).distinct()
    )
