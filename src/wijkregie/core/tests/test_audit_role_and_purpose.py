"""Every event carries a role (NEN 7513 roleIDCode) and a purpose of use (purposeOfUse)."""

from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from wijkregie.core.audit import DOEL_WETTELIJKE_TAAK, AuditActie, audit_log, audit_seal, audit_verify
from wijkregie.core.models import AuditEvent


def _log(actor, **kwargs):
    """One event, sealed into its chain; as stored."""
    with transaction.atomic():
        event = audit_log(actor=actor, actie=AuditActie.READ, object_type="x", **kwargs)
    audit_seal()
    return AuditEvent.objects.get(pk=event.pk)


def test_it_fills_the_role_from_the_actor(world):
    assert _log(world.bureaudienst).rol == "bureaudienst,medewerker"
    assert _log(world.privacyfunctionaris).rol == "privacyfunctionaris"
    assert _log(None, gemeente_id=world.den_helder.pk).rol == "systeem"
    assert _log(AnonymousUser(), gemeente_id=world.den_helder.pk).rol == "anoniem"


def test_a_role_given_by_the_caller_is_kept(world):
    assert _log(world.medewerker, rol="regisseur").rol == "regisseur"


def test_it_fills_the_purpose_and_hashes_it(world, settings):
    event = _log(world.medewerker)
    assert event.doel == DOEL_WETTELIJKE_TAAK
    assert _log(world.medewerker, doel="verantwoording").doel == "verantwoording"
    assert audit_verify().ok
    event.doel = "iets anders"
    assert event.compute_hash() != event.hash


def test_an_event_without_purpose_keeps_its_old_hash(world):
    # Events written before `doel` existed have it blank; their hash must not change.
    event = _log(world.medewerker)
    event.doel = ""
    without = event.compute_hash()
    payload_fields = event.HASHED_FIELDS
    assert "doel" not in payload_fields
    assert without != event.hash  # a filled purpose is part of the hash
