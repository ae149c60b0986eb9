"""The backoffice's queue: every open request oldest first, with the legal deadline (Wmo 2 weeks, Jeugdwet
8 weeks), overdue ones marked, the mandaat the plan was signed under; counts on the start page; nothing for
anyone else; one audit event per person shown."""

import datetime

from django.utils import timezone

from wijkregie.backoffice import selectors
from wijkregie.core.models import AuditEvent
from wijkregie.plan.models import BeschikkingVerzoek
from wijkregie.testing import login, make_persoon

from .helpers import getekend_plan, verzoek_van


def _tweede_verzoek(world, *, wet="jeugdwet", dagen_geleden=0):
    """Another household's signed plan; its request made `dagen_geleden` days ago."""
    from wijkregie.casus.services import casus_open

    persoon = make_persoon(world, "Mila", "de Boer", geboortedatum="2012-05-01")
    casus = casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                       huishouden=persoon.lidmaatschappen.first().huishouden, hoofdpersoon=persoon)
    plan = getekend_plan(world, casus, wet=wet, productcategorie="45" if wet == "jeugdwet" else "02",
                         signer=world.backoffice)
    verzoek = verzoek_van(plan)
    BeschikkingVerzoek.objects.filter(pk=verzoek.pk).update(
        aangevraagd_op=timezone.now() - datetime.timedelta(days=dagen_geleden))
    return verzoek


def test_oldest_first_with_the_law_s_deadline_and_overdue_marked(client, world, getekend):
    wmo = verzoek_van(getekend)
    BeschikkingVerzoek.objects.filter(pk=wmo.pk).update(aangevraagd_op=timezone.now() - datetime.timedelta(days=20))
    jeugd = _tweede_verzoek(world, wet="jeugdwet", dagen_geleden=30)
    rijen = selectors.wachtrij(world.backoffice)
    assert [r.verzoek.pk for r in rijen] == [jeugd.pk, wmo.pk]
    vandaag = timezone.localdate()
    assert rijen[0].uiterlijk == vandaag - datetime.timedelta(days=30) + datetime.timedelta(weeks=8)
    assert rijen[0].te_laat is False  # Jeugdwet: eight weeks (Awb 4:13)
    assert rijen[1].uiterlijk == vandaag - datetime.timedelta(days=20) + datetime.timedelta(weeks=2)
    assert rijen[1].te_laat is True  # Wmo 2015: two weeks (art. 2.3.5)
    login(client, world.backoffice)
    inhoud = client.get("/backoffice/").content.decode()
    assert inhoud.index("Mila de Boer") < inhoud.index("Pieter Jansen")
    assert "te laat" in inhoud and "MB-2" in inhoud  # the plan was signed by Sanne under MB-2
    assert "1 verzoek is over de uiterste datum." in inhoud
    assert "Rekeningen zelf betalen" not in inhoud  # the plan's goals are the team's file


def test_the_start_page_shows_the_counts(client, world, getekend):
    BeschikkingVerzoek.objects.filter(regel__plan=getekend).update(
        aangevraagd_op=timezone.now() - datetime.timedelta(days=20)
    )
    _tweede_verzoek(world)
    login(client, world.backoffice)
    inhoud = client.get("/").content.decode()
    assert "2</span> verzoeken om een beschikking wachten" in inhoud and "1 te laat" in inhoud
    assert 'href="/backoffice/"' in inhoud


def test_outsiders_and_colleagues_get_nothing(client, world, getekend):
    verzoek = verzoek_van(getekend)
    for user in (world.medewerker, world.collega, world.bureaudienst, world.privacyfunctionaris):
        login(client, user)
        assert client.get("/backoffice/").status_code == 403
        assert client.get(f"/backoffice/verzoeken/{verzoek.pk}/").status_code == 403
        assert "verzoeken om een beschikking" not in client.get("/").content.decode()
    # Another gemeente's backoffice (the outsider holds every role there) sees none of Den Helder's requests.
    login(client, world.buitenstaander)
    inhoud = client.get("/backoffice/").content.decode()
    assert "Pieter Jansen" not in inhoud and "Er wachten geen verzoeken." in inhoud
    assert client.get(f"/backoffice/verzoeken/{verzoek.pk}/").status_code == 404
    assert AuditEvent.objects.filter(actor_id=world.buitenstaander.pk, resultaat="geweigerd",
                                     object_type="plan.beschikkingverzoek").exists()


def test_every_person_shown_is_audited(client, world, getekend):
    jeugd = _tweede_verzoek(world)
    login(client, world.backoffice)
    client.get("/backoffice/")
    getoond = set(AuditEvent.objects.filter(actor_id=world.backoffice.pk, object_type="plan.beschikkingverzoek")
                  .values_list("client_id", flat=True))
    assert getoond == {getekend.casus.hoofdpersoon_id, jeugd.regel.plan.casus.hoofdpersoon_id}
    client.get(f"/backoffice/verzoeken/{jeugd.pk}/")
    assert AuditEvent.objects.filter(actor_id=world.backoffice.pk, object_id=str(jeugd.pk),
                                     client_id=jeugd.regel.plan.casus.hoofdpersoon_id).exists()


def test_the_counts_agree_with_the_queue_at_the_deadline_s_edges(world, getekend):
    """Requests made 14, 15, 56 and 57 days ago: the counting query and the listed rows say the same."""
    wmo = verzoek_van(getekend)
    jeugd = _tweede_verzoek(world, wet="jeugdwet")

    def dagen_geleden(n):
        # At noon of the local date n days back: the terms count calendar days. "Now minus 57 × 24 hours" was
        # the local date 56 days back when CI ran at 23.20 in winter (the day then was in summer time).
        return timezone.make_aware(datetime.datetime.combine(timezone.localdate() - datetime.timedelta(days=n),
                                                             datetime.time(12)))

    for dagen in (14, 15):
        BeschikkingVerzoek.objects.filter(pk=wmo.pk).update(aangevraagd_op=dagen_geleden(dagen))
        for jdagen in (56, 57):
            BeschikkingVerzoek.objects.filter(pk=jeugd.pk).update(aangevraagd_op=dagen_geleden(jdagen))
            rijen = selectors.wachtrij(world.backoffice)
            tellingen = selectors.wachtrij_tellingen(world.backoffice)
            assert tellingen == {"open": 2, "te_laat": sum(r.te_laat for r in rijen)}
            assert tellingen["te_laat"] == (dagen > 14) + (jdagen > 56)
    assert selectors.wachtrij_tellingen(world.buitenstaander) == {"open": 0, "te_laat": 0}
