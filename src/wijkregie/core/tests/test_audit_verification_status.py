"""The outcome of the last verification is kept (signed) for the privacy officer's page, and the daily task runs it."""

from django.core.management import call_command

from wijkregie.core.audit import audit_controleren, audit_verification_last, audit_verify
from wijkregie.core.models import AuditVerificatie

from .tamper import EVENTS, log_events, raw


def test_it_stores_the_outcome(world):
    events = log_events(world.medewerker, 2)
    audit_verify(checkpoint=True)
    last = audit_verification_last()
    assert last.ok and last.gebeurtenissen == 2 and last.echt
    raw(f"UPDATE {EVENTS} SET actor = %s WHERE id = %s", ["x", events[1].pk])
    audit_verify(checkpoint=True)
    last = audit_verification_last()
    assert not last.ok and last.keten == events[1].chain and "inhoud gewijzigd" in last.reden


def test_a_forged_status_is_recognised(world):
    audit_verify()
    AuditVerificatie.objects.update(ok=False)
    assert not audit_verification_last().echt


def test_the_daily_task_verifies_and_checkpoints(world, settings):
    log_events(world.medewerker, 1)
    assert audit_controleren.call() is True
    assert (settings.AUDIT_CHECKPOINT_DIR / "controlepunt.json").exists()


def test_the_command_queues_the_task(world, capsys):
    call_command("audit", "verify", "--wachtrij")
    assert "wachtrij" in capsys.readouterr().out
