"""Reading a plan is not signing it: a consulent sees the plan while the consult runs, but only who works in
the file, or the colleague the plan was offered to, signs (also a plan without maatwerk, which needs no
mandaat). The refusal is audited; the plan stays a concept."""

import datetime

from wijkregie.core.models import AuditEvent
from wijkregie.organisatie.models import Leefgebied
from wijkregie.plan.models import Arrangementregel, Doel, PlanStatus
from wijkregie.plan.services import consult_request, plan_create
from wijkregie.testing import login


def _plan_zonder_maatwerk(world, casus):
    plan = plan_create(actor=world.medewerker, casus=casus)
    Doel.objects.create(gemeente=world.den_helder, plan=plan, omschrijving="Weer rust in huis",
                        leefgebied=Leefgebied.objects.get(gemeente=world.den_helder, naam="Financiën"))
    Arrangementregel.objects.create(gemeente=world.den_helder, plan=plan, soort="netwerk", omschrijving="Zus helpt")
    plan.akkoord_wijze, plan.akkoord_op = "mondeling", datetime.date.today()
    plan.save()
    return plan


def test_a_consulent_who_reads_the_plan_cannot_sign_it(client, world, casus):
    plan = _plan_zonder_maatwerk(world, casus)
    consult_request(actor=world.medewerker, casus=casus, aan=world.gedragswetenschapper, vraag="Kijk je mee?")
    login(client, world.gedragswetenschapper)
    assert client.get(f"/casussen/{casus.pk}/plan/").status_code == 200
    response = client.post(f"/casussen/{casus.pk}/plan/{plan.versie}/ondertekenen/", {})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CONCEPT and plan.ondertekend_door is None
    assert response.status_code in (200, 302, 403)
    assert AuditEvent.objects.filter(actor_id=world.gedragswetenschapper.pk, object_type="plan.ondersteuningsplan",
                                     resultaat="geweigerd").exists()


def test_the_regisseur_signs_the_same_plan(client, world, casus):
    plan = _plan_zonder_maatwerk(world, casus)
    login(client, world.medewerker)
    client.post(f"/casussen/{casus.pk}/plan/{plan.versie}/ondertekenen/", {})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ONDERTEKEND and plan.ondertekend_door == world.medewerker
