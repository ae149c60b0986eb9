"""Break-the-glass (noodtoegang): opening a file outside one's sight, with a reason, for a limited time.

A team medewerker who needs a casus they have no relation with (a crisis at night, the regisseur ill)
does not probe ids: a 404 stays a 404 and says nothing. On the page "Noodtoegang" they identify the
resident exactly (BSN, or surname and birth date together), learn only whether a file exists that they
may open this way and which team holds it (so that calling the team is the first option), and open it
with a written reason. For NOODTOEGANG_DUUR the access policy then gives them the relation NOODTOEGANG
(organisatie/toegangsbeleid.py, derived in casus/selectors.py): the file without its documents, read-only.
Every step is audited: the lookup (found or not), a refused attempt without a reason, the opening, and
every read while it lasts (ground "noodtoegang"). The privacy officer's queue shows each opening at once
(privacy/beoordeling.py) and the resident's inzage lists it (privacy/inzage.py).
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.casus.models import Casus, Status
from wijkregie.casus.selectors import casussen_visible_to
from wijkregie.core.access import gemeente_of
from wijkregie.core.audit import AuditActie, AuditResultaat, audit_log
from wijkregie.inwoners.models import Lidmaatschap, Persoon
from wijkregie.organisatie.toegangsbeleid import TEAMROLLEN

from .models import Noodtoegang
from .selectors import personen_exact

#: How long a break-the-glass lasts. Long enough for a crisis night and the handover the next day;
#: after that the regular relations (allocation, regie, consent) must carry the work.
NOODTOEGANG_DUUR = datetime.timedelta(hours=24)
#: The ground every read under break-the-glass carries (casus.selectors.GRONDSLAG; NEN 7513).
GRONDSLAG = "noodtoegang"
OBJECT_TYPE = "privacy.noodtoegang"
#: A reason must say something: "x" or "nood" is no reason the privacy officer can judge.
MIN_REDEN = 10
#: Lookups per medewerker and hour. Break-the-glass is rare; trying BSNs one after another to learn who
#: has a file is harvesting: past this the lookup is refused and the privacy officer signalled.
ZOEKLIMIET_PER_UUR = 10


def mag_noodtoegang(user) -> bool:
    """Team roles only (who do casework in a team); never policy, privacy, beheer, KCC or backoffice."""
    return bool(gemeente_of(user) is not None and user.heeft_rol(*TEAMROLLEN))


@dataclass
class Zoekuitkomst:
    """What the lookup may tell: nothing, or that a file exists (and its team), never its content."""

    persoon: Persoon | None = None
    meerdere: bool = False
    te_vaak: bool = False
    al_zichtbaar: list[Casus] = field(default_factory=list)
    te_openen: list[Casus] = field(default_factory=list)


def _casussen_van(persoon: Persoon) -> list[Casus]:
    """The files about this resident: as hoofdpersoon, or as a current member of the household. The
    running ones; a resident with none running, their latest closed one."""
    huishoudens = Lidmaatschap.objects.huidig().filter(persoon=persoon).values("huishouden_id")
    casussen = list(Casus.objects.filter(gemeente_id=persoon.gemeente_id)
                    .filter(Q(hoofdpersoon=persoon) | Q(huishouden_id__in=huishoudens))
                    .select_related("team").order_by("-geopend_op"))
    lopend = [c for c in casussen if c.status != Status.AFGESLOTEN]
    return lopend or casussen[:1]


def noodtoegang_zoeken(*, actor, bsn: str = "", achternaam: str = "", geboortedatum=None) -> Zoekuitkomst:
    """Look a resident up for break-the-glass, in the actor's own gemeente only. Audited either way."""
    if not mag_noodtoegang(actor):
        return Zoekuitkomst()
    if _te_vaak(actor):
        with transaction.atomic():
            audit_log(actor=actor, actie=AuditActie.READ, object_type=OBJECT_TYPE, grondslag=GRONDSLAG,
                      resultaat=AuditResultaat.GEWEIGERD, omschrijving="noodtoegang: zoeken geweigerd, te vaak gezocht")
        return Zoekuitkomst(te_vaak=True)
    personen = personen_exact(actor.gemeente_id, bsn=bsn, achternaam=achternaam, geboortedatum=geboortedatum)
    uitkomst = Zoekuitkomst(meerdere=len(personen) > 1)
    if len(personen) == 1:
        uitkomst.persoon = personen[0]
        casussen = _casussen_van(uitkomst.persoon)
        zichtbaar = set(casussen_visible_to(actor).filter(pk__in=[c.pk for c in casussen]).values_list("pk", flat=True))
        uitkomst.al_zichtbaar = [c for c in casussen if c.pk in zichtbaar]
        uitkomst.te_openen = [c for c in casussen if c.pk not in zichtbaar]
    with transaction.atomic():
        # Knowing that a file exists is a disclosure too: under the resident when one was found.
        audit_log(actor=actor, actie=AuditActie.READ, object_type=OBJECT_TYPE, grondslag=GRONDSLAG,
                  client_id=uitkomst.persoon.pk if uitkomst.persoon else None,
                  omschrijving=("noodtoegang: gezocht op " + ("BSN" if bsn else "achternaam en geboortedatum") + ", "
                                + ("dossier gevonden" if uitkomst.te_openen else
                                   "inwoner gevonden, geen dossier om te openen" if uitkomst.persoon else
                                   "meerdere inwoners" if uitkomst.meerdere else "niets gevonden")))
    return uitkomst


def _te_vaak(actor) -> bool:
    """Counts this lookup in the actor's hour; past ZOEKLIMIET_PER_UUR one signal per hour for the privacy
    officer (a `beveiliging.noodtoegang` event, listed under Signalen on the audit page)."""
    venster = int(time.time() // 3600)
    sleutel = f"noodtoegang:zoek:{actor.pk}:{venster}"
    if cache.add(sleutel, 1, timeout=3660):
        aantal = 1
    else:
        try:
            aantal = cache.incr(sleutel)
        except ValueError:  # expired between add and incr
            cache.set(sleutel, 1, timeout=3660)
            aantal = 1
    if aantal <= ZOEKLIMIET_PER_UUR:
        return False
    if cache.add(f"noodtoegang:alarm:{actor.pk}:{venster}", 1, timeout=3660):
        with transaction.atomic():
            audit_log(actor=actor, actie=AuditActie.EXECUTE, object_type="beveiliging.noodtoegang",
                      resultaat=AuditResultaat.GEWEIGERD, doel="beveiliging", grondslag=GRONDSLAG,
                      omschrijving=f"meer dan {ZOEKLIMIET_PER_UUR} keer gezocht voor noodtoegang in een uur")
    return True


def noodtoegang_openen(*, actor, persoon_id: int, casus_ids: list[int], reden: str) -> list[Noodtoegang]:
    """Open these casussen of this resident for the actor, for NOODTOEGANG_DUUR, with a reason.

    Refused (ValidationError, nothing written but the audited refusal) without a reason of at least
    MIN_REDEN characters, for a role without casework in a team, and for a casus that is not this
    resident's or not in the actor's gemeente (the lookup is checked again: the session is no proof).
    """
    reden = (reden or "").strip()
    casussen = []
    if mag_noodtoegang(actor):
        persoon = Persoon.objects.filter(gemeente_id=actor.gemeente_id, pk=persoon_id).first()
        if persoon is not None:
            toegestaan = {c.pk for c in _casussen_van(persoon)}
            casussen = [c for c in Casus.objects.filter(gemeente_id=actor.gemeente_id, pk__in=casus_ids)
                        if c.pk in toegestaan]
    if not casussen or len(reden) < MIN_REDEN:
        with transaction.atomic():
            audit_log(actor=actor, actie=AuditActie.EXECUTE, object_type=OBJECT_TYPE, grondslag=GRONDSLAG,
                      client_id=persoon_id if casussen else None, resultaat=AuditResultaat.GEWEIGERD,
                      omschrijving="noodtoegang geweigerd: " + ("geen reden gegeven" if casussen else "geen dossier"))
        if not casussen:
            raise ValidationError(
                _("Er is geen dossier dat u met noodtoegang kunt openen. Zoek de inwoner opnieuw op.")
            )
        raise ValidationError({"reden": _(
            "Geef de reden voor de noodtoegang, in minstens %(n)d tekens: waarom is het dossier nu nodig en "
            "waarom kan het team dat het dossier heeft niet helpen?") % {"n": MIN_REDEN}})
    van = timezone.now()
    tot = van + NOODTOEGANG_DUUR
    with transaction.atomic():
        rijen = [Noodtoegang.objects.create(gemeente_id=actor.gemeente_id, medewerker=actor, persoon_id=persoon_id,
                                            casus=casus, reden=reden, van=van, tot=tot) for casus in casussen]
        for rij in rijen:
            # The reason stays in the record (the privacy officer reads it there), not in the trail.
            audit_log(actor=actor, actie=AuditActie.EXECUTE, object_type=OBJECT_TYPE, object_id=rij.pk,
                      client_id=persoon_id, grondslag=GRONDSLAG,
                      omschrijving=f"noodtoegang geopend tot {timezone.localtime(tot):%d-%m-%Y %H:%M}, met reden")
    return rijen


def noodtoegangen_actief(user) -> list[Noodtoegang]:
    """The user's own break-the-glass accesses that still run, soonest ending first."""
    if not mag_noodtoegang(user):
        return []
    nu = timezone.now()
    return list(Noodtoegang.objects.filter(gemeente_id=user.gemeente_id, medewerker=user, van__lte=nu, tot__gt=nu)
                .select_related("casus", "persoon").order_by("tot"))
