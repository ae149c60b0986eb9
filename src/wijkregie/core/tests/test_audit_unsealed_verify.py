"""Verification seals first, then checks the unsealed rest: a forged or edited row, or one waiting too long."""

import datetime

from django.db import transaction

from wijkregie.core import audit
from wijkregie.core.audit import AuditActie, audit_log, audit_seal, audit_verify
from wijkregie.core.models import AuditChain, AuditEvent

from .tamper import CHAINS, EVENTS, log_events, raw


def _log(actor):
    with transaction.atomic():
        return audit_log(actor=actor, actie=AuditActie.READ, object_type="inwoners.persoon", client_id=5)


def test_verify_seals_what_is_waiting_and_checks_it(world):
    event = _log(world.medewerker)
    result = audit_verify()
    assert result.ok and result.events == 1
    assert AuditEvent.objects.get(pk=event.pk).seq == 1


def test_an_unsealed_event_edited_before_its_seal_is_not_sealed_and_is_reported(world):
    event = _log(world.medewerker)
    raw(f"UPDATE {EVENTS} SET client_id = %s WHERE id = %s", [999, event.pk])
    assert audit_seal() == 0
    assert AuditEvent.objects.get(pk=event.pk).seq is None
    result = audit_verify()
    assert not result.ok and result.chain == event.chain
    assert f"id={event.pk}: inhoud gewijzigd" in result.reason


def test_a_row_inserted_without_the_key_is_not_sealed_and_is_reported(world):
    model = _log(world.medewerker)
    forged = AuditEvent.objects.get(pk=model.pk)
    forged.pk, forged.client_id, forged.mac = None, 12345, "0" * 64
    forged._state.adding = True  # a new row, as an INSERT by someone with database rights would make
    forged.save()
    assert audit_seal() == 1  # only the real one
    result = audit_verify()
    assert not result.ok and f"id={forged.pk}" in result.reason and "zonder de auditsleutel" in result.reason


def test_an_event_left_unsealed_too_long_is_a_finding(world, monkeypatch):
    monkeypatch.setattr(audit, "audit_seal", lambda **kwargs: 0)  # sealing does not work
    event = _log(world.medewerker)
    assert audit_verify().ok  # young: within the bound
    monkeypatch.setattr(audit, "UNSEALED_MAX_AGE", datetime.timedelta(0))
    result = audit_verify()
    assert not result.ok and result.chain == event.chain
    assert f"gebeurtenis id={event.pk}" in result.reason and "nog niet verzegeld" in result.reason


def test_the_sealer_never_extends_a_chain_whose_head_is_not_signed(world):
    """Sealing onto a head set back by an attacker would sign the truncation; it leaves the events alone."""
    events = log_events(world.medewerker, 3)
    key = events[0].chain
    raw(f"DELETE FROM {EVENTS} WHERE chain = %s AND seq = 3", [key])
    raw(f"UPDATE {CHAINS} SET length = 2, last_hash = %s WHERE key = %s", [events[1].hash, key])
    new = _log(world.medewerker)
    assert audit_seal() == 0
    assert AuditEvent.objects.get(pk=new.pk).seq is None
    assert AuditChain.objects.get(key=key).length == 2
    result = audit_verify()
    assert not result.ok and result.chain == key and "niet door de applicatie ondertekend" in result.reason
