"""Every phase moves a Casus through these services (one transition table: states.py)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.core.audit import AuditActie, audit_log, audit_object
from wijkregie.inwoners.services import hulprelatie_begin, hulprelatie_einde, huishouden_leden

from . import states
from .models import Casus, Status, Statusovergang, Toestemming, ToestemmingScope
from .selectors import toestemming_actief


def casus_open(*, actor, team, medewerker=None, huishouden=None, hoofdpersoon=None,
               status: str = Status.VRAAGVERHELDERING, reden: str = "") -> Casus:
    """Opens the team's file for a household; the team gets a Hulprelatie with its members."""
    with transaction.atomic():
        casus = Casus.objects.create(
            gemeente_id=team.gemeente_id, team=team, medewerker=medewerker, huishouden=huishouden,
            hoofdpersoon=hoofdpersoon, status=status,
        )
        Statusovergang.objects.create(gemeente_id=team.gemeente_id, casus=casus, van="", naar=status, door=actor, reden=reden)
        leden = huishouden_leden(huishouden) if huishouden else []
        ids = {p.pk for p in leden} | ({hoofdpersoon.pk} if hoofdpersoon else set())
        hulprelatie_begin(persoon_ids=ids, team=team, reden=f"casus {casus.pk}")
        audit_object(actor=actor, actie=AuditActie.CREATE, obj=casus, client_id=hoofdpersoon.pk if hoofdpersoon else None,
                     omschrijving=f"casus geopend ({status})")
    return casus


def casus_transition(*, actor, casus: Casus, naar: str, reden: str = "") -> Casus:
    if not states.allowed(casus.status, naar):
        raise ValidationError(
            _("Een casus kan niet van ‘%(van)s’ naar ‘%(naar)s’.")
            % {"van": Status(casus.status).label, "naar": Status(naar).label}
        )
    with transaction.atomic():
        van = casus.status
        casus.status = naar
        casus.afgesloten_op = timezone.now() if naar == Status.AFGESLOTEN else None
        casus.save(update_fields=["status", "afgesloten_op"])
        ids = _persoon_ids(casus)
        if naar == Status.AFGESLOTEN:
            hulprelatie_einde(persoon_ids=ids, team=casus.team, reden=f"casus {casus.pk}")
        elif van == Status.AFGESLOTEN:
            hulprelatie_begin(persoon_ids=ids, team=casus.team, reden=f"casus {casus.pk}")
        Statusovergang.objects.create(gemeente_id=casus.gemeente_id, casus=casus, van=van, naar=naar, door=actor, reden=reden)
        audit_object(actor=actor, actie=AuditActie.UPDATE, obj=casus, client_id=casus.hoofdpersoon_id,
                     omschrijving=f"status {van} → {naar}")
    return casus


def _persoon_ids(casus) -> set[int]:
    ids = {p.pk for p in huishouden_leden(casus.huishouden)} if casus.huishouden_id else set()
    if casus.hoofdpersoon_id:
        ids.add(casus.hoofdpersoon_id)
    return ids


def casus_verplaats(*, actor, casus: Casus, team, medewerker, reden: str) -> Casus:
    """Moves a casus to another team or medewerker (reallocation): the old team's relationship ends."""
    with transaction.atomic():
        ids = _persoon_ids(casus)
        if team.pk != casus.team_id:
            # Only this casus' relationship moves: another open casus of the old team keeps its own.
            hulprelatie_einde(persoon_ids=ids, team=casus.team, reden=f"casus {casus.pk}")
            hulprelatie_begin(persoon_ids=ids, team=team, reden=f"casus {casus.pk}")
        casus.team, casus.medewerker = team, medewerker
        casus.save(update_fields=["team", "medewerker"])
        audit_object(actor=actor, actie=AuditActie.UPDATE, obj=casus, client_id=casus.hoofdpersoon_id,
                     omschrijving=f"verplaatst naar team {team.pk}: {reden}"[:200])
    return casus


def toestemming_register(*, actor, toestemming: Toestemming) -> Toestemming:
    with transaction.atomic():
        toestemming.gemeente_id = toestemming.persoon.gemeente_id
        toestemming.vastgelegd_door = actor
        toestemming.save()
        audit_log(
            actor=actor, actie=AuditActie.CREATE, object_type="casus.toestemming", object_id=toestemming.pk,
            gemeente_id=toestemming.gemeente_id, client_id=toestemming.persoon_id,
            omschrijving=f"toestemming {toestemming.scope} vastgelegd",
        )
    return toestemming


def toestemming_intrekken(*, actor, toestemming: Toestemming, reden: str = "") -> Toestemming:
    """Withdrawal takes effect at once: every later consent check asks the database."""
    if toestemming.ingetrokken_op is not None:
        return toestemming
    with transaction.atomic():
        toestemming.ingetrokken_op = timezone.now()
        toestemming.ingetrokken_door = actor
        toestemming.reden_intrekking = reden
        toestemming.save(update_fields=["ingetrokken_op", "ingetrokken_door", "reden_intrekking"])
        audit_log(
            actor=actor, actie=AuditActie.UPDATE, object_type="casus.toestemming", object_id=toestemming.pk,
            gemeente_id=toestemming.gemeente_id, client_id=toestemming.persoon_id, omschrijving="toestemming ingetrokken",
        )
    return toestemming


def toestemming_geldig(persoon, *, scope: str, organisatie=None, op: datetime.datetime | None = None) -> bool:
    """The one question later features ask: is there consent for X (now, or at `op`)?"""
    if scope == ToestemmingScope.DELEN and organisatie is None:
        raise ValueError("Sharing consent is always for a named organisation.")
    return toestemming_actief(persoon, scope=scope, organisatie=organisatie, op=op) is not None


def casus_inzien(*, actor, casus: Casus, wat: str, soort: str = "plan") -> None:
    """Reading a page of the casus is an audit event with the ground it rests on (the relation that
    gives the user this data now: behandelrelatie, the household's consent, a consult, a role)."""
    from .selectors import grondslag_voor

    with transaction.atomic():
        audit_object(actor=actor, actie=AuditActie.READ, obj=casus, client_id=casus.hoofdpersoon_id,
                     omschrijving=wat, grondslag=grondslag_voor(actor, casus, soort))
