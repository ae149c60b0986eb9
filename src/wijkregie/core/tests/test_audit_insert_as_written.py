"""An audit event is stored exactly as it was made, whatever way it is inserted (issue 17: on PostgreSQL one
INSERT of side-by-side arrays instead of bulk_create, which prepared every field of every event in Python): the
ids handed back belong to the rows of those events, a choice is stored as its text,
and the MAC the writer computed still holds for the stored row, so the sealer seals it."""

from django.db import transaction

from wijkregie.core.audit import audit_disclosure, audit_seal, audit_verify
from wijkregie.core.models import AuditActie, AuditEvent


def test_the_stored_rows_are_the_events_written_with_their_own_ids(world):
    with transaction.atomic():
        events = audit_disclosure(actor=world.medewerker, client_ids=[31, 32, 33], object_type="bench.lijst",
                                  omschrijving="werkvoorraad", actie=AuditActie.EXECUTE,
                                  object_id=7, doel="verantwoording")
    assert all(e.pk is not None and not e._state.adding for e in events)
    stored = {e.pk: e for e in AuditEvent.objects.filter(pk__in=[e.pk for e in events])}
    velden = [f.attname for f in AuditEvent._meta.concrete_fields]
    for event in events:
        rij = stored[event.pk]
        assert [getattr(rij, v) for v in velden] == [getattr(event, v) for v in velden]
        assert type(rij.omschrijving) is str and rij.omschrijving == "werkvoorraad"
        assert (rij.actie, rij.object_id, rij.seq, rij.hash) == (AuditActie.EXECUTE, "7", None, "")
        assert rij.mac == rij.compute_mac()
    assert [stored[e.pk].client_id for e in events] == [31, 32, 33]
    assert audit_seal() == 3
    assert audit_verify().ok


def test_a_text_longer_than_its_column_is_never_stored_cut_off(world):
    """A cast to varchar(64) would cut it off without an error: the row would differ from the event its MAC was
    computed on, and the sealer would leave it unsealed for ever. Refused (PostgreSQL), or stored whole (SQLite)."""
    from django.db import DataError

    lang = "object-" + "x" * 80
    try:
        with transaction.atomic():
            [event] = audit_disclosure(actor=world.medewerker, client_ids=[41], object_type="bench.lang",
                                       omschrijving="lang", object_id=lang)
    except DataError:
        assert not AuditEvent.objects.filter(object_type="bench.lang").exists()
    else:
        rij = AuditEvent.objects.get(pk=event.pk)
        assert rij.object_id == lang and rij.mac == rij.compute_mac()
