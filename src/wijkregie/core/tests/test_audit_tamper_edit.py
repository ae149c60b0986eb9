"""An edited event fails verification, naming the chain; an intact trail passes with exit 0."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .tamper import EVENTS, log_events, raw


def test_it_detects_an_edited_event_naming_the_chain(world):
    events = log_events(world.medewerker, 3)
    raw(f"UPDATE {EVENTS} SET client_id = %s WHERE id = %s", [999, events[1].pk])
    with pytest.raises(CommandError, match=f"keten {events[1].chain}: inhoud gewijzigd"):
        call_command("audit", "verify")


def test_an_intact_trail_passes(world, capsys):
    log_events(world.medewerker, 3)
    log_events(world.collega, 2)
    call_command("audit", "verify")
    call_command("audit", "verify")  # against its own checkpoint
    out = capsys.readouterr().out
    assert out.count("Auditlog intact: 5 gebeurtenissen") == 2
