"""The worker's task seals what writing processes left and queues its own next run, once."""

from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wijkregie.core.audit import AuditActie, audit_controleren, audit_log, audit_verzegelen
from wijkregie.core.models import AuditEvent


def _queued():
    return DBTaskResult.objects.filter(task_path=audit_verzegelen.module_path, status="READY")


def test_it_seals_and_queues_the_next_run_once(world):
    with transaction.atomic():
        event = audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="x")
    assert audit_verzegelen.call() == 1
    assert AuditEvent.objects.get(pk=event.pk).seq == 1
    assert [r.run_after > timezone.now() for r in _queued()] == [True]
    assert audit_verzegelen.call() == 0
    assert _queued().count() == 1


def test_the_daily_check_starts_the_sealing_task(world):
    assert not _queued().exists()
    assert audit_controleren.call() is True
    assert _queued().count() == 1
