"""The regisseur decides on partners' proposals in the team's pages: the casus page says how many wait and
links to them; taking over applies it, declining needs a reason at the field. Who may not change the plan
(a consulent, another team, another gemeente) gets nothing."""

import json

from django.urls import reverse

from wijkregie.api.models import Voorstel
from wijkregie.plan.models import Doel
from wijkregie.testing import login

from .helpers import gedeeld_huishouden


def _met_voorstel(api, world, praktijk):
    casus, moeder, kind = gedeeld_huishouden(world, praktijk)
    casus_id = json.loads(api.get("/api/v1/casussen/").content)["resultaten"][0]["id"]
    api.post(f"/api/v1/casussen/{casus_id}/voorstellen/",
             {"soort": "doel", "leefgebied": "Financiën", "omschrijving": "VOORSTELMARKER budgetcursus volgen"})
    return casus, Voorstel.objects.get()


def test_the_regisseur_sees_and_takes_over_a_proposal(client, api, world, praktijk):
    casus, voorstel = _met_voorstel(api, world, praktijk)
    login(client, world.medewerker)
    pagina = client.get(reverse("casus:casus", args=[casus.pk])).content.decode()
    pad = reverse("apibeheer:voorstellen", args=[casus.pk])
    assert "1 voorstel wacht op uw besluit" in pagina and pad in pagina
    assert "VOORSTELMARKER" in client.get(pad).content.decode()

    # Declining without a reason: refused at the field, nothing changes.
    response = client.post(pad, {"voorstel": str(voorstel.publiek_id), "actie": "afwijzen", "reden": ""})
    assert response.status_code == 200 and "Schrijf waarom u het voorstel afwijst" in response.content.decode()
    voorstel.refresh_from_db()
    assert voorstel.status == "open"

    response = client.post(pad, {"voorstel": str(voorstel.publiek_id), "actie": "overnemen"})
    assert response.status_code == 302
    voorstel.refresh_from_db()
    assert voorstel.status == "overgenomen" and voorstel.beoordeeld_door == world.medewerker
    assert Doel.objects.filter(omschrijving="VOORSTELMARKER budgetcursus volgen").count() == 1
    # Decided once: posting again is a 404, not a second goal.
    assert client.post(pad, {"voorstel": str(voorstel.publiek_id), "actie": "overnemen"}).status_code == 404
    assert Doel.objects.filter(omschrijving="VOORSTELMARKER budgetcursus volgen").count() == 1


def test_who_may_not_change_the_plan_gets_nothing(client, api, world, praktijk):
    casus, voorstel = _met_voorstel(api, world, praktijk)
    pad = reverse("apibeheer:voorstellen", args=[casus.pk])
    for persona in ("buitenstaander", "andere_teamlid", "gedragswetenschapper", "bureaudienst", "kcc", "backoffice"):
        login(client, getattr(world, persona))
        assert client.get(pad).status_code in (403, 404), persona
        response = client.post(pad, {"voorstel": str(voorstel.publiek_id), "actie": "overnemen"})
        assert response.status_code in (403, 404), persona
        assert "VOORSTELMARKER" not in response.content.decode()
        assert "VOORSTELMARKER" not in client.get(reverse("casus:casus", args=[casus.pk])).content.decode()
    voorstel.refresh_from_db()
    assert voorstel.status == "open" and not Doel.objects.filter(omschrijving__startswith="VOORSTELMARKER").exists()
