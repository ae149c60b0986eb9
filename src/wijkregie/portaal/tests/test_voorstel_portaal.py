"""Proposing changes through the portal: the same service as the API (errors at the field, nothing
stored), the proposal waits for the regisseur, and the portal shows what became of it. Without the
'voorstellen' scope the portal offers no form and refuses a post."""

import json

from django.urls import reverse

from wijkregie.api.models import Scope, Voorstel
from wijkregie.api.services import voorstel_reject
from wijkregie.api.tests.helpers import Partnerclient, gedeeld_huishouden
from wijkregie.plan.models import Doel

from .conftest import geactiveerd
from .helpers import portaal_login


def _pad(client, praktijk):
    casus_id = json.loads(Partnerclient.met_sleutel(client, praktijk).get("/api/v1/casussen/").content)["resultaten"][
        0
    ]["id"]
    return f"{reverse('portaal:plan')}?casus={casus_id}"


def test_a_proposal_from_the_portal_waits_and_shows_the_decision(client, world, praktijk, assistent):
    gedeeld_huishouden(world, praktijk)
    pad = _pad(client, praktijk)
    portaal_login(client, assistent)
    response = client.post(pad, {"soort": "doel", "leefgebied": "", "omschrijving": "Wandelen"})
    assert response.status_code == 200 and "Kies een leefgebied van de lijst." in response.content.decode()
    response = client.post(pad, {"soort": "afspraak", "omschrijving": "x" * 301})
    assert "hoogstens 300 tekens" in response.content.decode()
    assert not Voorstel.objects.exists()

    response = client.post(pad, {"soort": "doel", "leefgebied": "Lichamelijke gezondheid",
                                 "omschrijving": "Elke dag wandelen"})
    assert response.status_code == 302
    voorstel = Voorstel.objects.get()
    assert voorstel.ingediend_door == "Fatima Assistent (Huisartsenpraktijk Julianadorp, partnerportaal)"
    assert not Doel.objects.filter(omschrijving="Elke dag wandelen").exists()
    assert "Wacht op de regisseur" in client.get(pad).content.decode()

    voorstel_reject(actor=world.medewerker, voorstel=voorstel, reden="Eerst de fysiotherapeut.")
    assert "Afgewezen: Eerst de fysiotherapeut." in client.get(pad).content.decode()


def test_without_the_scope_there_is_no_form_and_a_post_is_refused(client, world, praktijk):
    gedeeld_huishouden(world, praktijk)
    pad = _pad(client, praktijk)
    lezer = geactiveerd(praktijk, "lezer", "Lees Alleen", scopes=[Scope.PLAN_LEZEN])
    portaal_login(client, lezer)
    inhoud = client.get(pad).content.decode()
    assert "Weer naar de voetbal" in inhoud and "Voorstel versturen" not in inhoud
    assert client.post(pad, {"soort": "doel", "leefgebied": "Financiën", "omschrijving": "x"}).status_code == 404
    assert not Voorstel.objects.exists()
    # Pages of scopes it lacks: 403.
    for naam in ("portaal:verwijzen", "portaal:verwijzingen", "portaal:signaal"):
        assert client.get(reverse(naam)).status_code == 403, naam
