"""The signer's werkvoorraad lists the plans that are theirs to sign now, by name where the access policy
shows who it is for (issue 13, fault 8: twenty "Plan van casus N ondertekenen" without names, back to 2024).

The rule: offered to this user for signature within the last 8 weeks (TE_TEKENEN_TERMIJN), of a casus that
is not closed. Older offers stay on the "Ter ondertekening" page. The name is shown (and its disclosure
audited) when the policy lets the user see the resident's identity: the teamleider for the team's casussen;
a plan of another team is named by its casus number only."""

import datetime

import pytest
from django.utils import timezone

from wijkregie.casus.models import Casus, Status
from wijkregie.core.models import AuditEvent
from wijkregie.organisatie.models import Mandaat
from wijkregie.plan import services as plan_services
from wijkregie.plan.models import Ondersteuningsplan, PlanStatus
from wijkregie.regie.selectors import werkvoorraad
from wijkregie.testing import login, make_persoon


@pytest.fixture
def tekenaar(world, teamleider_noord):
    Mandaat.objects.create(
        gemeente=world.den_helder,
        houder=teamleider_noord,
        verlener="College van B&W",
        besluit="MB-9",
        wmo=True,
        jeugdwet=True,
        geldig_van=datetime.date(2024, 1, 1),
        bevestigd_op=datetime.date(2024, 1, 5),
    )
    return teamleider_noord


def _aangeboden(world, persoon, bij, dagen_geleden, **kw):
    casus = Casus.objects.get(hoofdpersoon=persoon)
    return Ondersteuningsplan.objects.create(
        gemeente=world.den_helder, casus=casus, status=PlanStatus.TER_ONDERTEKENING, ter_ondertekening_bij=bij,
        ter_ondertekening_op=timezone.now() - datetime.timedelta(days=dagen_geleden), **kw)


def test_recent_offers_by_name_old_and_closed_ones_not(client, world, tekenaar):
    recent = _aangeboden(world, make_persoon(world, "Anna", "Recent", team=world.team_noord), tekenaar, 3)
    _aangeboden(world, make_persoon(world, "Bert", "Oud", team=world.team_noord), tekenaar, 700)
    gesloten = _aangeboden(world, make_persoon(world, "Carla", "Gesloten", team=world.team_noord), tekenaar, 2)
    Casus.objects.filter(pk=gesloten.casus_id).update(status=Status.AFGESLOTEN)
    # Offered before offers were dated: counts from the household's agreement, else from when it was made.
    ongedateerd = _aangeboden(world, make_persoon(world, "Dirk", "Ongedateerd", team=world.team_noord), tekenaar, 0,
                              aangemaakt_op=timezone.now() - datetime.timedelta(days=400))
    akkoord_oud = _aangeboden(world, make_persoon(world, "Eva", "Akkoord", team=world.team_noord), tekenaar, 0,
                              akkoord_wijze="mondeling", akkoord_op=datetime.date(2024, 3, 1))
    akkoord_recent = _aangeboden(
        world,
        make_persoon(world, "Fien", "Vers", team=world.team_noord),
        tekenaar,
        0,
        akkoord_wijze="mondeling",
        akkoord_op=timezone.localdate() - datetime.timedelta(days=5),
    )
    Ondersteuningsplan.objects.filter(pk__in=[ongedateerd.pk, akkoord_oud.pk, akkoord_recent.pk]).update(
        ter_ondertekening_op=None
    )

    assert {p.pk for p in werkvoorraad(tekenaar).te_tekenen} == {recent.pk, akkoord_recent.pk}
    login(client, tekenaar)
    content = client.get("/").content.decode()
    assert f"Plan Anna Recent (casus {recent.casus_id}) ondertekenen" in content
    for naam in ("Bert Oud", "Carla Gesloten", "Dirk Ongedateerd", "Eva Akkoord"):
        assert naam not in content
    assert 'href="/ter-ondertekening/"' in content  # every offer, old ones included, is one click away
    lijst = client.get("/ter-ondertekening/").content.decode()
    assert "Bert Oud" in lijst


def test_a_plan_of_a_team_the_signer_does_not_see_is_named_by_its_number_and_not_audited(client, world, tekenaar):
    zuid = make_persoon(world, "Zoë", "Zuidkant", team=world.team_zuid)
    plan = _aangeboden(world, zuid, tekenaar, 1)
    login(client, tekenaar)
    content = client.get("/").content.decode()
    assert f"Plan van casus {plan.casus_id} ondertekenen" in content and "Zuidkant" not in content
    assert not AuditEvent.objects.filter(object_type="regie.werkvoorraad", client_id=zuid.pk).exists()


def test_offering_dates_the_offer_and_a_change_takes_it_back(world, getekend, tekenaar):
    plan = plan_services.plan_new_version(actor=world.medewerker, plan=getekend)
    plan_services.plan_offer_for_signing(actor=world.medewerker, plan=plan, bij=tekenaar)
    plan.refresh_from_db()
    assert plan.ter_ondertekening_op is not None and timezone.now() - plan.ter_ondertekening_op < datetime.timedelta(
        minutes=1
    )
    assert [p.pk for p in werkvoorraad(tekenaar).te_tekenen] == [plan.pk]
    plan_services.plan_update(actor=world.medewerker, plan=plan, velden=["matched_care"])
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CONCEPT and plan.ter_ondertekening_op is None
