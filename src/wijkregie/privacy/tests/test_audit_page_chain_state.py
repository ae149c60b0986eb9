"""The page shows the state of the trail: the last verification, a broken chain in red, and security signals."""

from django.db import transaction

from wijkregie.core.audit import AuditActie, audit_log, audit_verify
from wijkregie.core.models import AuditEvent, AuditVerificatie
from wijkregie.core.tests.tamper import EVENTS, log_events, raw
from wijkregie.testing import login


def test_it_shows_an_intact_trail(client, world):
    log_events(world.medewerker, 2)
    audit_verify()
    login(client, world.privacyfunctionaris)
    content = client.get("/audit/").content.decode()
    assert "het auditlog is intact" in content and "wr-alarm" not in content


def test_it_names_a_broken_chain_in_red(client, world):
    events = log_events(world.medewerker, 2)
    raw(f"UPDATE {EVENTS} SET actor = %s WHERE id = %s", ["x", events[0].pk])
    audit_verify()
    login(client, world.privacyfunctionaris)
    content = client.get("/audit/").content.decode()
    assert "wr-alarm" in content and f"keten {events[0].chain}" in content


def test_a_forged_status_shows_in_red(client, world):
    audit_verify()
    AuditVerificatie.objects.update(ok=True, reden="alles goed")
    AuditVerificatie.objects.update(gebeurtenissen=12345)
    login(client, world.privacyfunctionaris)
    content = client.get("/audit/").content.decode()
    assert "wr-alarm" in content and "niet door de applicatie ondertekend" in content


def test_it_lists_security_signals(client, world):
    with transaction.atomic():
        audit_log(actor=world.medewerker, actie=AuditActie.EXECUTE, object_type="beveiliging.zoeklimiet",
                  omschrijving="42 zoekopdrachten in 1 minuut", doel="beveiliging")
        audit_log(actor=world.buitenstaander, actie=AuditActie.EXECUTE, object_type="beveiliging.zoeklimiet",
                  omschrijving="elders")
    login(client, world.privacyfunctionaris)
    response = client.get("/audit/")
    signalen = response.context["signalen"]
    assert [s["event"].omschrijving for s in signalen] == ["42 zoekopdrachten in 1 minuut"]
    content = response.content.decode()
    assert "Signalen" in content and "zoeklimiet overschreden" in content and "Sanne Visser" in content
    assert AuditEvent.objects.filter(object_type="beveiliging.zoeklimiet").count() == 2
