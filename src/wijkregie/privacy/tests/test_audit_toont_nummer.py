"""The privacy officer registers a request by the resident's number (no names in URLs) but may not open person
pages: the audit log, which she may read, shows the number under the resident's name, and the request form says
so (it pointed to "the person page")."""

from django.db import transaction

from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.privacy.forms_verzoeken import VerzoekForm
from wijkregie.testing import login, make_persoon


def test_the_audit_log_shows_the_number_the_request_form_asks_for(client, world):
    anna = make_persoon(world, "Anna", "de Boer", bsn="999993653")
    with transaction.atomic():
        audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="inwoners.persoon", client_id=anna.pk)
    login(client, world.privacyfunctionaris)
    assert client.get(f"/personen/{anna.pk}/").status_code in (403, 404)  # why the number must come from the log
    content = client.get("/audit/").content.decode()
    assert f'Anna de Boer<br><span class="wr-muted wr-nowrap">nummer {anna.pk}</span>' in content
    form = VerzoekForm(gemeente_id=world.den_helder.pk)
    assert form.fields["persoon_nummer"].help_text == "Het nummer staat in het auditlog onder de naam van de inwoner."
