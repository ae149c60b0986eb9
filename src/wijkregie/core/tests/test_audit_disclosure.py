"""audit_disclosure: one event per person shown, in one insert under one lock."""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from wijkregie.core.audit import AuditActie, audit_disclosure, audit_seal, audit_verify
from wijkregie.core.models import AuditEvent


def test_it_writes_one_event_per_person_without_duplicates(world):
    with transaction.atomic():
        events = audit_disclosure(actor=world.medewerker, client_ids=[11, 12, 11, None, 13],
                                  object_type="inwoners.persoon", omschrijving="zoekresultaat")
    assert [e.client_id for e in events] == [11, 12, 13]
    assert audit_seal() == 3
    stored = list(AuditEvent.objects.filter(object_type="inwoners.persoon").order_by("seq"))
    assert [e.client_id for e in stored] == [11, 12, 13]
    assert [e.seq for e in stored] == [1, 2, 3]
    assert {e.omschrijving for e in stored} == {"zoekresultaat"}
    assert {e.actie for e in stored} == {AuditActie.READ}
    assert {e.gemeente_id for e in stored} == {world.den_helder.pk}
    assert stored[1].prev_hash == stored[0].hash
    assert audit_verify().ok


def test_it_costs_the_same_statements_for_forty_persons_as_for_two(world):
    """One insert, no lock, no head update (sealing comes later). (SQLite splits an insert beyond ~45 rows.)"""

    def statements(n):
        with CaptureQueriesContext(connection) as ctx, transaction.atomic():
            audit_disclosure(actor=world.medewerker, client_ids=range(1, n + 1), object_type="inwoners.persoon",
                             omschrijving="werkvoorraad")
        return len([q for q in ctx.captured_queries if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE"))])

    statements(1)  # the actor's roles are loaded once
    assert statements(2) == statements(40) == 1


def test_it_does_nothing_for_an_empty_list(world):
    with CaptureQueriesContext(connection) as ctx:
        assert audit_disclosure(actor=world.medewerker, client_ids=[], object_type="inwoners.persoon",
                                omschrijving="zoekresultaat") == []
    assert len(ctx.captured_queries) == 0
    assert not AuditEvent.objects.exists()
