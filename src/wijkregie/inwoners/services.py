"""Writes of residents and households; each in one transaction with its audit event."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone

from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.organisatie.models import Postcodegebied

from .models import Huishouden, Hulprelatie, Lidmaatschap, Persoon, Relatie

#: Sent inside the transaction that adds a member to a household: sender=Lidmaatschap, lidmaatschap, actor.
#: The household's running casus now holds someone whose consent is not recorded (regie listens).
lid_toegevoegd = Signal()


def wijk_for_postcode(gemeente_id: int, postcode: str):
    """The wijk of an address, from the gemeente's table of four-digit postcode areas."""
    pc4 = (postcode or "").strip()[:4]
    if len(pc4) != 4 or not pc4.isdigit():
        return None
    gebied = Postcodegebied.objects.filter(gemeente_id=gemeente_id, postcode4=pc4).select_related("wijk").first()
    return gebied.wijk if gebied else None


def persoon_audit(*, actor, persoon: Persoon, actie: str, omschrijving: str = "", grondslag: str = "rol") -> None:
    audit_log(
        actor=actor, actie=actie, object_type="inwoners.persoon", object_id=persoon.pk, gemeente_id=persoon.gemeente_id,
        client_id=persoon.pk, omschrijving=omschrijving, grondslag=grondslag,
    )


def persoon_create(*, actor, persoon: Persoon, huishouden: Huishouden | None = None,
                   relatie: str = Relatie.HOOFD, gezag: bool = False) -> Persoon:
    """Registers a resident (already validated) in the actor's gemeente, with a household.

    Without a household given, the person gets one of their own ('huishouden <achternaam>'),
    so that every person has the unit the plan is made for.
    """
    with transaction.atomic():
        persoon.gemeente_id = actor.gemeente_id
        persoon.aangemaakt_door = actor
        persoon.wijk = wijk_for_postcode(actor.gemeente_id, persoon.postcode)
        persoon.save()
        if huishouden is None:
            huishouden = Huishouden.objects.create(
                gemeente_id=actor.gemeente_id,
                naam=f"Huishouden {persoon.tussenvoegsel} {persoon.achternaam}".replace("  ", " "),
            )
        lid = Lidmaatschap.objects.create(gemeente_id=actor.gemeente_id, persoon=persoon, huishouden=huishouden,
                                          relatie=relatie, gezag=gezag)
        persoon_audit(actor=actor, persoon=persoon, actie=AuditActie.CREATE, omschrijving="persoon geregistreerd")
        lid_toegevoegd.send(sender=Lidmaatschap, lidmaatschap=lid, actor=actor)
    return persoon


def persoon_update(*, actor, persoon: Persoon, changed: list[str]) -> Persoon:
    with transaction.atomic():
        persoon.wijk = wijk_for_postcode(persoon.gemeente_id, persoon.postcode)
        persoon.save()
        persoon_audit(
            actor=actor, persoon=persoon, actie=AuditActie.UPDATE, omschrijving="velden: " + ", ".join(changed)
        )
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


def hulprelatie_end(*, persoon_ids, team, reden: str | None = None) -> None:
    """Ends the team's relationship; with `reden`, only the one given for that reason (one casus)."""
    qs = Hulprelatie.objects.filter(persoon_id__in=persoon_ids, team=team, tot__isnull=True)
    if reden is not None:
        qs = qs.filter(reden=reden)
    qs.update(tot=timezone.now())


def huishouden_leden(huishouden: Huishouden) -> list[Persoon]:
    """The household's current members (judged per membership row, so an ended one never counts)."""
    return list(Persoon.objects.filter(
        pk__in=Lidmaatschap.objects.huidig().filter(huishouden=huishouden).values("persoon_id")))


KINDROLLEN = (Relatie.KIND, Relatie.PLEEGKIND)


def lidmaatschap_check(*, huishouden: Huishouden, persoon: Persoon, relatie: str, van=None,
                             gezag: bool = False) -> None:
    """Refuses, with the reason at the field, a person already in the household, and a relation the
    birth dates contradict (a parent younger than a child of the household, a child older than its
    parent). Works for a person not saved yet too, so a new member is checked before anything is saved."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    van = van or timezone.localdate()
    if persoon.gemeente_id and huishouden.gemeente_id != persoon.gemeente_id:
        raise ValidationError({"persoon": _("Deze persoon hoort bij een andere gemeente.")})
    leden = Lidmaatschap.objects.filter(huishouden=huishouden).huidig(van).select_related("persoon")
    if persoon.pk and any(lid.persoon_id == persoon.pk for lid in leden):
        raise ValidationError({"persoon": _("%(naam)s hoort al bij dit huishouden.") % {"naam": persoon.naam}})
    geboren = persoon.geboortedatum
    if relatie in KINDROLLEN and not geboren:
        # The age decides who consents for a child (casus/toestemming.py): unknown, it would count as an adult.
        raise ValidationError({"geboortedatum": _(
            "Vul de geboortedatum van het kind in: die bepaalt wie toestemming geeft.")})
    if geboren:
        for lid in leden:
            ander = lid.persoon.geboortedatum
            if not ander:
                continue
            # A parent, or anyone with gezag, is older than the household's children.
            ouderlijk = relatie == Relatie.OUDER or (gezag and relatie not in KINDROLLEN)
            if ouderlijk and lid.relatie in KINDROLLEN and geboren >= ander:
                raise ValidationError(
                    {
                        "relatie": _("Een ouder kan niet jonger zijn dan een kind in het huishouden (%(naam)s).")
                        % {"naam": lid.persoon.naam}
                    }
                )
            if relatie in KINDROLLEN and (lid.relatie == Relatie.OUDER or lid.gezag) and geboren <= ander:
                raise ValidationError(
                    {
                        "relatie": _("Een kind kan niet ouder zijn dan een ouder in het huishouden (%(naam)s).")
                        % {"naam": lid.persoon.naam}
                    }
                )
    if gezag and relatie in KINDROLLEN:
        raise ValidationError({"gezag": _("Een kind in het huishouden heeft geen gezag over de anderen.")})


def lidmaatschap_add(*, actor, huishouden: Huishouden, persoon: Persoon, relatie: str,
                           van=None, gezag: bool = False, woont_hier: bool = True) -> Lidmaatschap:
    """Links a person into a household (seed 002: one household, one plan), after
    `lidmaatschap_check`. A person lives in one household: marking this one moves the mark from
    the others."""
    van = van or timezone.localdate()
    lidmaatschap_check(huishouden=huishouden, persoon=persoon, relatie=relatie, van=van, gezag=gezag)
    with transaction.atomic():
        if woont_hier:
            Lidmaatschap.objects.filter(persoon=persoon).huidig(van).update(woont_hier=False)
        lid = Lidmaatschap.objects.create(gemeente_id=huishouden.gemeente_id, persoon=persoon, huishouden=huishouden,
                                          relatie=relatie, van=van, gezag=gezag, woont_hier=woont_hier)
        persoon_audit(
            actor=actor,
            persoon=persoon,
            actie=AuditActie.CREATE,
            omschrijving=f"lid van huishouden {huishouden.pk} als {relatie}" + (", met gezag" if gezag else ""),
        )
        lid_toegevoegd.send(sender=Lidmaatschap, lidmaatschap=lid, actor=actor)
    return lid


def lidmaatschap_end(*, actor, lidmaatschap: Lidmaatschap, tot=None) -> Lidmaatschap:
    """Ends a membership (moved out, grew up, separated); the history stays. `tot` is the last day as a
    member ("tot en met"); by default yesterday, so the person is out of the household from today (a
    membership begun today and ended today was a mistake: its period becomes empty, the row stays)."""
    with transaction.atomic():
        lidmaatschap.tot = tot or timezone.localdate() - datetime.timedelta(days=1)
        lidmaatschap.save(update_fields=["tot"])
        persoon_audit(actor=actor, persoon=lidmaatschap.persoon, actie=AuditActie.UPDATE,
                      omschrijving=f"lidmaatschap van huishouden {lidmaatschap.huishouden_id} beëindigd")
    return lidmaatschap
