"""Proposing changes to the plan is a scope of its own: a key that may read the plan, but holds no
'voorstellen', gets 403 in Dutch and nothing is stored; with the scope the same request is accepted."""

import json

from wijkregie.api.models import Voorstel

from .helpers import Partnerclient, gedeeld_huishouden, probleem

VOORSTEL = {"soort": "doel", "leefgebied": "Financiën", "omschrijving": "Samen met de POH een budgetplan maken"}


def test_proposing_without_the_scope_is_403_and_stores_nothing(client, world, praktijk):
    gedeeld_huishouden(world, praktijk)
    lezer = Partnerclient.met_sleutel(client, praktijk, scopes=("plan_lezen",))
    casus_id = json.loads(lezer.get("/api/v1/casussen/").content)["resultaten"][0]["id"]
    pad = f"/api/v1/casussen/{casus_id}/voorstellen/"
    for response in (lezer.post(pad, VOORSTEL), lezer.get(pad)):
        data = probleem(response)
        assert data["status"] == 403 and "voorstellen" in data["detail"], data
    assert not Voorstel.objects.exists()

    voorsteller = Partnerclient.met_sleutel(client, praktijk, scopes=("plan_lezen", "voorstellen"))
    response = voorsteller.post(pad, VOORSTEL)
    assert response.status_code == 201, response.content
    assert json.loads(response.content)["status"] == "open"
    assert Voorstel.objects.get().omschrijving == VOORSTEL["omschrijving"]
