"""Deleting a chain's newest events and setting its head back is detected, naming the chain."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wijkregie.core.audit import audit_verify
from wijkregie.core.models import AuditChain

from .tamper import CHAINS, EVENTS, log_events, raw


def test_it_detects_deleted_newest_events_with_a_rewritten_head(world):
    events = log_events(world.medewerker, 5)
    key = events[0].chain
    raw(f"DELETE FROM {EVENTS} WHERE chain = %s AND seq > 3", [key])
    raw(f"UPDATE {CHAINS} SET length = 3, last_hash = %s WHERE key = %s", [events[2].hash, key])
    result = audit_verify()
    assert not result.ok and result.chain == key
    with pytest.raises(CommandError, match=f"keten {key}"):
        call_command("audit", "verify")


def test_it_detects_an_earlier_signed_head_put_back(world):
    """The attacker kept a copy of an earlier head row, signature and all: the checkpoint knows better."""
    events = log_events(world.medewerker, 3)
    key = events[0].chain
    old = AuditChain.objects.values("length", "last_hash", "signature").get(key=key)
    log_events(world.medewerker, 2)
    call_command("audit", "verify")  # the checkpoint now knows 5 events
    raw(f"DELETE FROM {EVENTS} WHERE chain = %s AND seq > 3", [key])
    raw(f"UPDATE {CHAINS} SET length = %s, last_hash = %s, signature = %s WHERE key = %s",
        [old["length"], old["last_hash"], old["signature"], key])
    assert audit_verify().ok  # the database alone cannot tell
    with pytest.raises(CommandError, match=f"keten {key}: 3 gebeurtenissen, het controlepunt"):
        call_command("audit", "verify")
