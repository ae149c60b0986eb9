"""Deleting a whole chain (its events and its head row) is detected through the checkpoint."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wijkregie.core.audit import audit_verify

from .tamper import CHAINS, EVENTS, log_events, raw


def test_it_detects_a_deleted_chain(world, capsys):
    kept = log_events(world.collega, 2)
    gone = log_events(world.medewerker, 3)
    call_command("audit", "verify")
    assert "Auditlog intact" in capsys.readouterr().out
    key = gone[0].chain
    raw(f"DELETE FROM {EVENTS} WHERE chain = %s", [key])
    raw(f"DELETE FROM {CHAINS} WHERE key = %s", [key])
    with pytest.raises(CommandError, match=f"keten {key} ontbreekt"):
        call_command("audit", "verify")
    assert kept[0].chain != key


def test_it_detects_a_deleted_gemeente(world):
    """Every chain of a gemeente gone: the first one is named."""
    log_events(world.medewerker, 1)
    log_events(world.collega, 1)
    call_command("audit", "verify")
    raw(f"DELETE FROM {EVENTS} WHERE gemeente_id = %s", [world.den_helder.pk])
    raw(f"DELETE FROM {CHAINS} WHERE gemeente_id = %s", [world.den_helder.pk])
    assert audit_verify().ok  # nothing left in the database to contradict
    with pytest.raises(CommandError, match=f"keten g{world.den_helder.pk}:m"):
        call_command("audit", "verify")


def test_events_without_a_head_are_detected(world):
    events = log_events(world.medewerker, 2)
    raw(f"DELETE FROM {CHAINS} WHERE key = %s", [events[0].chain])
    result = audit_verify()
    assert not result.ok and result.chain == events[0].chain
