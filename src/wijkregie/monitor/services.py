"""Monitor writes: invitations to the cliëntervaring, the resident's answers, frozen nulmetingen."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.regie.signals import casus_afgesloten, evaluatie_gehouden

from .computation import bereken_rijen
from .models import Aanleiding, Clientervaring, Ervaringsinstelling, Nulmeting
from .scope import Filter
from .survey import VRAGEN

GELDIG_DAGEN = 60  # long enough for a resident to get round to it, short enough to still remember


def clientervaring_invite(*, casus, aanleiding: str, bron: str, actor=None) -> Clientervaring:
    """One invitation per cause (idempotent: a repeated signal or double submit gives the same one)."""
    with transaction.atomic():
        ervaring, nieuw = Clientervaring.objects.get_or_create(
            gemeente_id=casus.gemeente_id, bron=bron,
            defaults={"casus": casus, "aanleiding": aanleiding,
                      "geldig_tot": timezone.localdate() + datetime.timedelta(days=GELDIG_DAGEN)},
        )
        if nieuw:
            audit_log(actor=actor, actie=AuditActie.CREATE, object_type="monitor.clientervaring", object_id=ervaring.pk,
                      gemeente_id=casus.gemeente_id, client_id=casus.hoofdpersoon_id,
                      omschrijving=f"uitnodiging cliëntervaring ({aanleiding}) voor casus {casus.pk}")
    return ervaring


@receiver(casus_afgesloten)
def _na_afsluiting(sender, afsluiting, actor, **kwargs):
    clientervaring_invite(casus=afsluiting.casus, aanleiding=Aanleiding.AFSLUITING,
                              bron=f"afsluiting:{afsluiting.pk}", actor=actor)


@receiver(evaluatie_gehouden)
def _na_evaluatie(sender, evaluatie, actor, **kwargs):
    if Ervaringsinstelling.objects.filter(team_id=evaluatie.casus.team_id, bij_evaluatie=True).exists():
        clientervaring_invite(casus=evaluatie.casus, aanleiding=Aanleiding.EVALUATIE,
                                  bron=f"evaluatie:{evaluatie.pk}", actor=actor)


def clientervaring_answer(*, token: str, antwoorden: dict, rapportcijfer: int | None) -> Clientervaring:
    """Stores the answers once. Unknown, used or expired tokens all fail the same way."""
    with transaction.atomic():
        ervaring = Clientervaring.objects.select_for_update().filter(token=token).first()
        if ervaring is None or ervaring.beantwoord_op is not None or ervaring.verlopen:
            raise ValidationError(_("Deze link is niet (meer) geldig."))
        for veld, _onderwerp, _tekst in VRAGEN:
            setattr(ervaring, veld, antwoorden.get(veld))
        ervaring.rapportcijfer = rapportcijfer
        ervaring.beantwoord_op = timezone.now()
        ervaring.save()
        audit_log(actor=None, actie=AuditActie.UPDATE, object_type="monitor.clientervaring", object_id=ervaring.pk,
                  gemeente_id=ervaring.gemeente_id, client_id=ervaring.casus.hoofdpersoon_id,
                  omschrijving="vragenlijst cliëntervaring ingevuld door de inwoner")
    return ervaring


def ervaringsinstelling_save(*, actor, team, bij_evaluatie: bool) -> Ervaringsinstelling:
    with transaction.atomic():
        instelling, _nieuw = Ervaringsinstelling.objects.update_or_create(
            gemeente_id=team.gemeente_id, team=team, defaults={"bij_evaluatie": bij_evaluatie})
        audit_log(
            actor=actor,
            actie=AuditActie.UPDATE,
            object_type="monitor.ervaringsinstelling",
            object_id=instelling.pk,
            omschrijving=f"team {team.pk}: cliëntervaring bij evaluatie {'aan' if bij_evaluatie else 'uit'}",
        )
    return instelling


def nulmeting_set(*, actor, filter: Filter, naam: str) -> Nulmeting:
    """Freezes the indicators of a period as they are computed now."""
    if not naam.strip():
        raise ValidationError({"naam": _("Geef de nulmeting een naam.")})
    if filter.tot > timezone.localdate() + datetime.timedelta(days=1):
        raise ValidationError({"tot": _("Een nulmeting gaat over een periode die voorbij is.")})
    rijen = [[r.indicator, r.breakdown, r.waarde, r.n] for r in bereken_rijen(filter)]
    with transaction.atomic():
        nulmeting = Nulmeting.objects.create(
            gemeente=filter.gemeente,
            naam=naam.strip(),
            van=filter.van,
            tot=filter.tot,
            wijk=filter.wijk,
            team=filter.team,
            locatie=filter.locatie,
            fase=filter.fase,
            wet=filter.wet,
            rijen=rijen,
            vastgesteld_door=actor,
        )
        audit_log(actor=actor, actie=AuditActie.CREATE, object_type="monitor.nulmeting", object_id=nulmeting.pk,
                  omschrijving=f"nulmeting {filter.van}–{filter.tot} vastgesteld ({len(rijen)} waarden)")
    return nulmeting
