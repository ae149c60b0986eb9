"""One chain per gemeente and actor: medewerkers do not wait on each other's lock."""

from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from wijkregie.core.audit import AuditActie, audit_log, audit_seal, audit_verify
from wijkregie.core.models import AuditChain

from .tamper import sealed


def test_it_keeps_one_chain_per_actor(world):
    dh = world.den_helder.pk
    with transaction.atomic():
        a = audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="x")
        b = audit_log(actor=world.collega, actie=AuditActie.READ, object_type="x")
        c = audit_log(actor=None, actie=AuditActie.EXECUTE, object_type="x", gemeente_id=dh)
        d = audit_log(actor=AnonymousUser(), actie=AuditActie.EXECUTE, object_type="x", gemeente_id=dh)
        e = audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="x")
    audit_seal()
    a, b, c, d, e = sealed([a.pk, b.pk, c.pk, d.pk, e.pk])
    assert a.chain == f"g{dh}:m{world.medewerker.pk}"
    assert b.chain == f"g{dh}:m{world.collega.pk}"
    assert (c.chain, d.chain) == (f"g{dh}:systeem", f"g{dh}:anoniem")
    assert (a.seq, b.seq, e.seq) == (1, 1, 2)
    assert e.prev_hash == a.hash
    chain = AuditChain.objects.get(key=a.chain)
    assert (chain.length, chain.last_hash, chain.gemeente_id) == (2, e.hash, dh)
    assert chain.signature == chain.expected_signature()
    assert audit_verify().ok


def test_old_gemeente_chains_still_verify(world):
    """A database from before per-actor chains: its `gemeente:N` chain keeps verifying beside the new ones."""
    from django.utils import timezone

    from wijkregie.core.models import AuditEvent, head_signature

    dh = world.den_helder.pk
    prev = ""
    for seq in (1, 2):
        event = AuditEvent(chain=f"gemeente:{dh}", seq=seq, gemeente_id=dh, tijd=timezone.now(), actor="oud",
                           actor_id=None, rol="", object_type="x", actie="R", grondslag="rol", resultaat="gelukt",
                           prev_hash=prev)
        event.hash = event.compute_hash()
        event.save()
        prev = event.hash
    AuditChain.objects.create(key=f"gemeente:{dh}", length=2, last_hash=prev, gemeente_id=dh,
                              signature=head_signature(f"gemeente:{dh}", 2, prev, dh))
    with transaction.atomic():
        audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="x")
    result = audit_verify()
    assert result.ok and result.events == 3
