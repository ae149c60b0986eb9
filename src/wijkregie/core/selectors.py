from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from .access import gemeente_of
from .models import AuditEvent


def auditevents_visible_to(
    user, *, actor: str = "", client_id: int | None = None, actie: str = "",
    van: datetime.date | None = None, tot: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """The audit trail of the user's own gemeente only, newest first, filtered on NEN 7513 fields."""
    gemeente_id = gemeente_of(user)
    if gemeente_id is None:
        return AuditEvent.objects.none()
    qs = AuditEvent.objects.filter(gemeente_id=gemeente_id)
    if actor:
        qs = qs.filter(actor__iexact=actor)
    if client_id:
        qs = qs.filter(client_id=client_id)
    if actie:
        qs = qs.filter(actie=actie)
    tz = timezone.get_current_timezone()
    if van:
        qs = qs.filter(tijd__gte=datetime.datetime.combine(van, datetime.time.min, tz))
    if tot:
        qs = qs.filter(tijd__lt=datetime.datetime.combine(tot + datetime.timedelta(days=1), datetime.time.min, tz))
    return qs.order_by("-tijd", "-seq")
