"""The checkpoint file: signed, outside the database, only moving forward."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wijkregie.core.audit import CheckpointStore, audit_verify

from .tamper import EVENTS, log_events, raw


def test_it_records_every_chain_signed(world, settings):
    events = log_events(world.medewerker, 2)
    call_command("audit", "verify")
    data = json.loads((settings.AUDIT_CHECKPOINT_DIR / "controlepunt.json").read_text())
    entry = data["ketens"][events[0].chain]
    assert (entry["lengte"], entry["hash"], entry["gemeente"]) == (2, events[1].hash, world.den_helder.pk)
    assert data["handtekening"]


def test_a_forged_checkpoint_is_refused(world, settings):
    log_events(world.medewerker, 2)
    call_command("audit", "verify")
    path = settings.AUDIT_CHECKPOINT_DIR / "controlepunt.json"
    data = json.loads(path.read_text())
    data["ketens"] = {}
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="niet ondertekend"):
        call_command("audit", "verify")


def test_it_detects_a_different_event_at_the_checkpointed_place(world, settings):
    """A rewritten chain of the same length (events replaced) differs at the checkpointed sequence."""
    events = log_events(world.medewerker, 2)
    call_command("audit", "verify")
    path = settings.AUDIT_CHECKPOINT_DIR / "controlepunt.json"
    store = CheckpointStore()
    data = store.read()
    data["ketens"][events[0].chain]["hash"] = "0" * 64  # as if the event there had been another
    store.write({}, data)
    assert not audit_verify(checkpoint=True).ok
    assert path.exists()


def test_it_never_moves_a_chain_back(world, settings):
    events = log_events(world.medewerker, 3)
    store = CheckpointStore()
    store.write({events[0].chain: (3, events[2].hash, world.den_helder.pk)}, None)
    store.write({events[0].chain: (2, events[1].hash, world.den_helder.pk)}, None)
    assert store.read()["ketens"][events[0].chain]["lengte"] == 3


def test_a_failed_verification_leaves_the_checkpoint_alone(world, settings):
    events = log_events(world.medewerker, 2)
    call_command("audit", "verify")
    before = (settings.AUDIT_CHECKPOINT_DIR / "controlepunt.json").read_text()
    raw(f"UPDATE {EVENTS} SET omschrijving = %s WHERE id = %s", ["x", events[0].pk])
    assert not audit_verify(checkpoint=True).ok
    assert (settings.AUDIT_CHECKPOINT_DIR / "controlepunt.json").read_text() == before
