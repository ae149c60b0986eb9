"""The privacy officer's audit page: her own gemeente's trail, in names, and her reading is audited."""

import datetime

from django.db import transaction
from django.utils import timezone

from wijkregie.core.audit import AuditActie, audit_disclosure, audit_log
from wijkregie.core.models import AuditEvent
from wijkregie.testing import login, make_persoon


def _persoon(world, **kwargs):
    return make_persoon(world, "Anna", "de Boer", bsn="999993653", **kwargs)


def test_the_privacy_officer_sees_her_own_gemeentes_trail_in_names(client, world):
    anna = _persoon(world)
    with transaction.atomic():
        audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="inwoners.persoon", client_id=anna.pk)
        audit_log(actor=world.buitenstaander, actie=AuditActie.READ, object_type="inwoners.persoon", client_id=815)
    login(client, world.privacyfunctionaris)
    content = client.get("/audit/").content.decode()
    assert "Anna de Boer" in content and "Sanne Visser" in content
    assert "uitvoering wettelijke taak" in content
    assert timezone.localtime().strftime("%Y") in content
    assert "Buiten Test" not in content


def test_a_bsn_finds_every_disclosure_of_that_resident(client, world):
    anna = _persoon(world)
    ander = make_persoon(world, "Bert", "Bakker")
    with transaction.atomic():
        audit_disclosure(actor=world.medewerker, client_ids=[ander.pk, anna.pk], object_type="inwoners.persoon",
                         omschrijving="zoekresultaat")
        audit_log(actor=world.collega, actie=AuditActie.UPDATE, object_type="inwoners.persoon", client_id=ander.pk)
    login(client, world.privacyfunctionaris)
    response = client.post("/audit/", {"inwoner": "999993653"}, follow=True)
    rijen = response.context["rijen"]
    assert [r["event"].client_id for r in rijen] == [anna.pk]
    assert rijen[0]["event"].omschrijving == "zoekresultaat" and rijen[0]["inwoner"] == "Anna de Boer"
    # The search itself is a disclosure of Anna's trail, found under her name next time.
    gelezen = AuditEvent.objects.filter(actor="privacy", object_type="core.auditevent", client_id=anna.pk)
    assert gelezen.count() == 1 and gelezen.get().doel == "verantwoording"
    page_read = AuditEvent.objects.get(actor="privacy", object_type="core.auditevent", client_id=None)
    assert "999993653" not in page_read.omschrijving and "inwoner" in page_read.omschrijving


def test_it_searches_by_name_medewerker_period_and_action(client, world):
    anna = _persoon(world)
    with transaction.atomic():
        audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="inwoners.persoon", client_id=anna.pk)
        audit_log(actor=world.collega, actie=AuditActie.UPDATE, object_type="inwoners.persoon", client_id=anna.pk)
    login(client, world.privacyfunctionaris)
    vandaag = timezone.localdate()

    def gevonden(**params):
        response = client.post("/audit/", params, follow=True)
        assert response.status_code == 200
        return [(r["event"].actor, r["event"].actie) for r in response.context["rijen"]
                if r["event"].object_type == "inwoners.persoon"]

    assert len(gevonden(inwoner="boer")) == 2
    assert gevonden(inwoner="boer", medewerker=world.collega.pk) == [("collega", "U")]
    assert gevonden(inwoner="de boer", actie="R") == [("medewerker", "R")]
    assert len(gevonden(van=vandaag.strftime("%d-%m-%Y"), tot=vandaag.strftime("%d-%m-%Y"))) == 2
    morgen = vandaag + datetime.timedelta(days=1)
    assert gevonden(van=morgen.strftime("%d-%m-%Y")) == []
    assert gevonden(inwoner="niemand-zo") == []


def test_other_roles_are_refused_and_the_refusal_is_audited(client, world):
    for user in (world.medewerker, world.beheerder, world.beleidsmedewerker):
        login(client, user)
        assert client.get("/audit/").status_code == 403
    assert AuditEvent.objects.filter(resultaat="geweigerd", object_id="/audit/").count() == 3


def test_the_privacy_officer_of_another_gemeente_finds_nothing_of_den_helder(client, world):
    anna = _persoon(world)
    with transaction.atomic():
        audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="inwoners.persoon", client_id=anna.pk)
    login(client, world.buitenstaander)
    response = client.post("/audit/", {"inwoner": "999993653"}, follow=True)
    assert response.context["gevonden"] == 0
    content = client.get("/audit/").content.decode()
    assert "Anna" not in content and "Sanne" not in content


def test_the_next_page_does_not_repeat_rows_of_the_first(client, world):
    anna = _persoon(world)
    with transaction.atomic():
        for _ in range(60):
            audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="inwoners.persoon", client_id=anna.pk)
    login(client, world.privacyfunctionaris)
    eerste = client.get("/audit/")
    volgende = eerste.content.decode().split('pagina=2')[0].rsplit('href="', 1)[1] + "pagina=2"
    tweede = client.get("/audit/" + volgende.replace("&amp;", "&"))
    ids_1 = {r["event"].pk for r in eerste.context["rijen"]}
    ids_2 = {r["event"].pk for r in tweede.context["rijen"]}
    assert ids_1 and ids_2 and not ids_1 & ids_2
