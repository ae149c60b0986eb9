"""A withdrawn consent makes the next plan read 404 in the portal AND in the API: both ask
casussen_gedeeld_met on every request, through the same selector."""

import json

from django.urls import reverse

from wijkregie.api.tests.helpers import Partnerclient, gedeeld_huishouden
from wijkregie.casus.models import Toestemming
from wijkregie.casus.services import toestemming_withdraw

from .helpers import portaal_login


def test_a_withdrawn_consent_closes_the_plan_in_portal_and_api(client, world, praktijk, assistent):
    casus, moeder, kind = gedeeld_huishouden(world, praktijk)
    api = Partnerclient.met_sleutel(client, praktijk)
    casus_id = json.loads(api.get("/api/v1/casussen/").content)["resultaten"][0]["id"]
    portaal_login(client, assistent)
    pad = f"{reverse('portaal:plan')}?casus={casus_id}"
    inhoud = client.get(pad).content.decode()
    assert "Weer naar de voetbal" in inhoud and "Anouk Visser" in inhoud
    assert "Anouk Visser" in client.get(reverse("portaal:casussen")).content.decode()

    toestemming_withdraw(actor=world.medewerker, toestemming=Toestemming.objects.get(persoon=kind, scope="delen"),
                          reden="Moeder wil het niet meer")

    response = client.get(pad)
    assert response.status_code == 404 and "voetbal" not in response.content.decode()
    assert "Anouk Visser" not in client.get(reverse("portaal:casussen")).content.decode()
    # A proposal for it is refused the same way, nothing stored.
    assert client.post(pad, {"soort": "doel", "leefgebied": "Financiën", "omschrijving": "x"}).status_code == 404
    client.logout()
    assert api.get(f"/api/v1/casussen/{casus_id}/plan/").status_code == 404
