"""Readers of the trail see an event as soon as it is committed, sealed or not: sealing changes only its place."""

from django.db import transaction

from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.core.models import AuditEvent
from wijkregie.privacy.selectors import auditevents_visible_to
from wijkregie.testing import login


def test_the_privacy_officer_sees_an_unsealed_event(client, world):
    with transaction.atomic():
        event = audit_log(actor=world.medewerker, actie=AuditActie.EXECUTE, object_type="beveiliging.zoeklimiet",
                          omschrijving="nog niet verzegeld signaal")
    assert AuditEvent.objects.get(pk=event.pk).seq is None
    assert event.pk in set(auditevents_visible_to(world.privacyfunctionaris).values_list("pk", flat=True))
    login(client, world.privacyfunctionaris)
    content = client.get("/audit/").content.decode()
    assert "nog niet verzegeld signaal" in content
