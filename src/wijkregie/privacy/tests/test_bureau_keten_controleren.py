"""The privacy officer verifies the audit chain from the page: the outcome is shown, a broken chain says
so, starting the check is audited, and nobody else may start it."""

from django.db import transaction

from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.core.models import AuditEvent, AuditVerificatie
from wijkregie.core.tests.tamper import EVENTS, raw
from wijkregie.testing import login


def test_the_button_verifies_the_chain_and_shows_the_outcome(client, world, settings, tmp_path):
    settings.AUDIT_CHECKPOINT_DIR = tmp_path
    with transaction.atomic():
        audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="inwoners.persoon", client_id=1)
    login(client, world.privacyfunctionaris)
    assert client.get("/audit/controleren/").status_code == 405
    response = client.post("/audit/controleren/", follow=True)
    inhoud = response.content.decode()
    assert "Het auditlog is gecontroleerd en intact." in inhoud and "het auditlog is intact" in inhoud
    assert AuditVerificatie.objects.first().ok
    assert (tmp_path / "controlepunt.json").exists()
    assert AuditEvent.objects.filter(actor="privacy", omschrijving="controle van het auditlog gestart").exists()


def test_a_tampered_event_is_reported_on_the_page(client, world, settings, tmp_path):
    settings.AUDIT_CHECKPOINT_DIR = tmp_path
    with transaction.atomic():
        event = audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="inwoners.persoon", client_id=1)
    # What an attacker with database rights (not the audit key) can do.
    raw(f"UPDATE {EVENTS} SET omschrijving = 'vervalst' WHERE id = %s", [event.pk])
    login(client, world.privacyfunctionaris)
    response = client.post("/audit/controleren/", follow=True)
    inhoud = response.content.decode()
    assert "Het auditlog is niet intact." in inhoud and "inhoud gewijzigd" in inhoud
    assert not AuditVerificatie.objects.first().ok


def test_others_cannot_start_the_check(client, world):
    for user in (world.medewerker, world.beheerder, world.beleidsmedewerker):
        login(client, user)
        assert client.post("/audit/controleren/").status_code == 403
    assert not AuditVerificatie.objects.exists()
