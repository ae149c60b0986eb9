"""A partner's proposal taken over by the regisseur is applied through plan's and regie's own services
and audited; before that, the plan is untouched. The partner reads what became of it (issue 15)."""

import json

from wijkregie.api.models import Voorstel
from wijkregie.api.services import voorstel_adopt
from wijkregie.core.models import AuditEvent
from wijkregie.plan.models import Arrangementregel, Doel, PlanStatus
from wijkregie.plan.selectors import huidig_plan
from wijkregie.regie.models import Contactmoment

from .helpers import gedeeld_huishouden


def _voorstel(api, casus_id, **velden):
    response = api.post(f"/api/v1/casussen/{casus_id}/voorstellen/", velden)
    assert response.status_code == 201, response.content
    return Voorstel.objects.get(publiek_id=json.loads(response.content)["id"])


def test_a_proposed_goal_afspraak_and_progress_are_applied_when_taken_over(api, world, praktijk):
    casus, moeder, kind = gedeeld_huishouden(world, praktijk)
    casus_id = json.loads(api.get("/api/v1/casussen/").content)["resultaten"][0]["id"]
    gedeeld = json.loads(api.get(f"/api/v1/casussen/{casus_id}/plan/").content)
    voetbal = next(d for d in gedeeld["plan"]["doelen"] if d["omschrijving"] == "Weer naar de voetbal")
    getekend = huidig_plan(casus)

    doel = _voorstel(api, casus_id, soort="doel", leefgebied="Lichamelijke gezondheid",
                     omschrijving="Elke dag een half uur wandelen")
    afspraak = _voorstel(api, casus_id, soort="afspraak", omschrijving="POH belt elke maand over de bloeddruk",
                         ingangsdatum="2027-01-01")
    voortgang = _voorstel(api, casus_id, soort="voortgang", doel=voetbal["id"],
                          omschrijving="Daan traint weer mee sinds twee weken")
    # Proposed is not applied: the signed plan is the same, no contactmoment yet.
    assert huidig_plan(casus) == getekend and getekend.status == PlanStatus.ONDERTEKEND
    assert not Contactmoment.objects.filter(casus=casus).exists()

    for voorstel in (doel, afspraak, voortgang):
        voorstel_adopt(actor=world.medewerker, voorstel=voorstel)

    plan = huidig_plan(casus)
    assert plan.versie == getekend.versie + 1 and plan.status == PlanStatus.CONCEPT  # signed again, like any change
    assert Doel.objects.filter(plan=plan, omschrijving="Elke dag een half uur wandelen",
                               leefgebied__naam="Lichamelijke gezondheid").exists()
    regel = Arrangementregel.objects.get(plan=plan, omschrijving="POH belt elke maand over de bloeddruk")
    assert regel.voorkeursaanbieder == praktijk and regel.soort == "vrij" and str(regel.ingangsdatum) == "2027-01-01"
    contact = Contactmoment.objects.get(casus=casus)
    assert (
        contact.soort == "overleg"
        and "Weer naar de voetbal" in contact.notitie
        and "traint weer mee" in contact.notitie
    )
    assert contact.door == world.medewerker
    # The signed version itself did not change.
    assert not Doel.objects.filter(plan=getekend, omschrijving="Elke dag een half uur wandelen").exists()

    # Audited: the partner's proposal, the services' own changes, the decision (by the regisseur).
    assert AuditEvent.objects.filter(object_type="api.voorstel", actie="C", rol="partner").count() == 3
    assert AuditEvent.objects.filter(object_type="api.voorstel", actie="U", actor_id=world.medewerker.pk).count() == 3
    assert AuditEvent.objects.filter(object_type="plan.doel", actie="C", actor_id=world.medewerker.pk).exists()
    assert AuditEvent.objects.filter(object_type="plan.arrangementregel", actie="C", actor_id=world.medewerker.pk,
                                     omschrijving="regel vrij").exists()
    assert AuditEvent.objects.filter(object_type="regie.contactmoment", actie="C").exists()

    # The partner reads what became of its proposals.
    lijst = json.loads(api.get(f"/api/v1/casussen/{casus_id}/voorstellen/").content)["resultaten"]
    assert sorted(v["status"] for v in lijst) == ["overgenomen"] * 3


def test_a_proposal_is_decided_once(api, world, praktijk):
    import pytest
    from django.core.exceptions import ValidationError

    from wijkregie.api.services import voorstel_reject

    gedeeld_huishouden(world, praktijk)
    casus_id = json.loads(api.get("/api/v1/casussen/").content)["resultaten"][0]["id"]
    voorstel = _voorstel(api, casus_id, soort="doel", leefgebied="Financiën", omschrijving="Budgetcursus")
    voorstel_adopt(actor=world.medewerker, voorstel=voorstel)
    with pytest.raises(ValidationError):
        voorstel_reject(actor=world.medewerker, voorstel=voorstel, reden="toch niet")
    with pytest.raises(ValidationError):
        voorstel_adopt(actor=world.medewerker, voorstel=voorstel)
    assert Doel.objects.filter(omschrijving="Budgetcursus").count() == 1
