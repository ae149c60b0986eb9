"""A disclosure of many residents makes its events by copying the first one's fields (core.audit._zelfde_met,
issue 17): each event must be exactly what making it on its own gives, a new unsaved row with a MAC of its own."""

from django.db.models import signals

from wijkregie.core import audit
from wijkregie.core.models import AuditEvent
from wijkregie.core.querying import _eigen_opbouw


def _los(user, client_id, tijd):
    return audit._event(actor=user, gemeente_id=user.gemeente_id, rol=audit.actor_rol(user), namens="", doel="",
                        tijd=tijd, client_id=client_id, object_type="inwoners.persoon", object_id="",
                        actie="R", omschrijving="zoekresultaat", grondslag="rol", resultaat="gelukt")


def test_a_copied_event_is_the_event_made_on_its_own(world):
    sjabloon = _los(world.medewerker, 1, audit.timezone.now())
    kopie = audit._zelfde_met(sjabloon, client_id=2)
    los = _los(world.medewerker, 2, sjabloon.tijd)
    assert {k: v for k, v in kopie.__dict__.items() if k != "_state"} == \
        {k: v for k, v in los.__dict__.items() if k != "_state"}
    assert (kopie._state.adding, kopie._state.db) == (los._state.adding, los._state.db) == (True, None)
    assert kopie._state is not sjabloon._state and sjabloon.client_id == 1
    assert not signals.pre_init.has_listeners(AuditEvent) and not signals.post_init.has_listeners(AuditEvent)
    assert not _eigen_opbouw(AuditEvent)  # no __init__ or from_db of its own that a copy would skip


def test_a_disclosure_writes_one_sound_event_per_resident(world):
    events = audit.audit_disclosure(actor=world.medewerker, client_ids=[5, 6, 7, 6], object_type="inwoners.persoon",
                                    omschrijving="zoekresultaat")
    opgeslagen = list(AuditEvent.objects.filter(pk__in=[e.pk for e in events]).order_by("client_id"))
    assert [e.client_id for e in opgeslagen] == [5, 6, 7]
    assert len({e.pk for e in opgeslagen}) == 3
    for event in opgeslagen:
        assert event.mac == event.compute_mac()  # each its own MAC, over its own client
    assert len({e.mac for e in opgeslagen}) == 3
    assert audit.audit_seal() >= 3
    assert audit.audit_verify().ok
