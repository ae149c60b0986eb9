"""A declined proposal leaves the plan exactly as it was; the partner reads 'afgewezen' with the reason.
Bad input to a proposal is refused at the field with nothing stored."""

import json

import pytest
from django.core.exceptions import ValidationError

from wijkregie.api.models import Voorstel
from wijkregie.api.services import voorstel_reject
from wijkregie.core.models import AuditEvent
from wijkregie.plan.models import Arrangementregel, Doel, Ondersteuningsplan
from wijkregie.regie.models import Contactmoment

from .helpers import gedeeld_huishouden, probleem


def _plan_stand(casus):
    return (list(Ondersteuningsplan.objects.filter(casus=casus).values_list("pk", "versie", "status")),
            sorted(Doel.objects.filter(plan__casus=casus).values_list("omschrijving", flat=True)),
            Arrangementregel.objects.filter(plan__casus=casus).count(),
            Contactmoment.objects.filter(casus=casus).count())


def test_a_declined_proposal_leaves_the_plan_unchanged(api, world, praktijk):
    casus, moeder, kind = gedeeld_huishouden(world, praktijk)
    casus_id = json.loads(api.get("/api/v1/casussen/").content)["resultaten"][0]["id"]
    response = api.post(f"/api/v1/casussen/{casus_id}/voorstellen/",
                        {"soort": "doel", "leefgebied": "Financiën", "omschrijving": "Schulden laten saneren"})
    voorstel = Voorstel.objects.get(publiek_id=json.loads(response.content)["id"])
    voor = _plan_stand(casus)

    with pytest.raises(ValidationError) as fout:
        voorstel_reject(actor=world.medewerker, voorstel=voorstel, reden="   ")
    assert "reden" in fout.value.message_dict
    voorstel_reject(actor=world.medewerker, voorstel=voorstel, reden="Loopt al via de schuldhulp.")

    assert _plan_stand(casus) == voor
    lijst = json.loads(api.get(f"/api/v1/casussen/{casus_id}/voorstellen/").content)["resultaten"]
    assert lijst[0]["status"] == "afgewezen" and lijst[0]["reden"] == "Loopt al via de schuldhulp."
    assert AuditEvent.objects.filter(object_type="api.voorstel", actie="U", actor_id=world.medewerker.pk).count() == 1


@pytest.mark.parametrize("velden, veld", [
    ({"soort": "doel", "leefgebied": "Bestaat niet", "omschrijving": "x"}, "leefgebied"),
    ({"soort": "voortgang", "doel": "00000000-0000-4000-8000-000000000000", "omschrijving": "x"}, "doel"),
    ({"soort": "afspraak", "omschrijving": "x" * 301}, "omschrijving"),
    ({"soort": "doel", "leefgebied": "Financiën", "omschrijving": "   "}, "omschrijving"),
])
def test_bad_proposals_are_refused_at_the_field(api, world, praktijk, velden, veld):
    gedeeld_huishouden(world, praktijk)
    casus_id = json.loads(api.get("/api/v1/casussen/").content)["resultaten"][0]["id"]
    data = probleem(api.post(f"/api/v1/casussen/{casus_id}/voorstellen/", velden))
    assert data["status"] == 400 and veld in [p["name"] for p in data["invalid-params"]], data
    assert not Voorstel.objects.exists()


def test_a_casus_not_shared_gets_404(api, world, praktijk):
    data = probleem(api.post("/api/v1/casussen/00000000-0000-4000-8000-000000000000/voorstellen/",
                             {"soort": "doel", "leefgebied": "Financiën", "omschrijving": "x"}))
    assert data["status"] == 404 and not Voorstel.objects.exists()
