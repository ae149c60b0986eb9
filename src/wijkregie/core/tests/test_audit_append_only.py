import pytest
from django.db import transaction

from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.core.models import AuditEvent


def test_it_refuses_changes_through_the_orm(world):
    with transaction.atomic():
        event = audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="x")
    event.actor = "ander"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(actor="ander")
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).actor == "medewerker"


def test_it_survives_the_deletion_of_its_actor(world):
    with transaction.atomic():
        event = audit_log(actor=world.collega, actie=AuditActie.READ, object_type="x")
    world.collega.delete()
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.actor == "collega"
