from django.db import transaction

from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.core.models import AuditEvent
from wijkregie.testing import login


def test_the_privacy_officer_sees_her_own_gemeentes_trail(client, world):
    with transaction.atomic():
        audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="inwoners.persoon", client_id=4711)
        audit_log(actor=world.buitenstaander, actie=AuditActie.READ, object_type="inwoners.persoon", client_id=815)
    login(client, world.privacyfunctionaris)
    content = client.get("/audit/").content.decode()
    assert "4711" in content
    assert "815" not in content and "buiten" not in content


def test_it_filters_by_client_and_records_the_reading(client, world):
    with transaction.atomic():
        audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="inwoners.persoon", client_id=4711)
        audit_log(actor=world.collega, actie=AuditActie.UPDATE, object_type="inwoners.persoon", client_id=4712)
    login(client, world.privacyfunctionaris)
    response = client.get("/audit/", {"client_id": 4712})
    page = response.context["page"]
    assert [e.client_id for e in page] == [4712]
    assert AuditEvent.objects.filter(actor="privacy", object_type="core.auditevent", actie="R").count() == 1


def test_other_roles_are_refused_and_the_refusal_is_audited(client, world):
    for user in (world.medewerker, world.beheerder, world.beleidsmedewerker):
        login(client, user)
        assert client.get("/audit/").status_code == 403
    assert AuditEvent.objects.filter(resultaat="geweigerd", object_id="/audit/").count() == 3
