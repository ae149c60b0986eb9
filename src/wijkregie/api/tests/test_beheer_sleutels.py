"""The functioneel beheerder makes a partner's key on a page (shown once, stored hashed), sees the keys
of the own gemeente and revokes one; nobody else reaches the page, nor another gemeente's keys."""

import re

from wijkregie.api.models import ApiToken
from wijkregie.api.services import token_create
from wijkregie.core.models import AuditEvent
from wijkregie.organisatie.models import Organisatie
from wijkregie.testing import login

from .helpers import Partnerclient


def test_the_beheerder_makes_a_key_that_is_shown_once(client, world, praktijk):
    login(client, world.beheerder)
    assert client.get("/beheer/").content.decode().count("/beheer-api-sleutels/") == 1
    response = client.post("/beheer-api-sleutels/", {"actie": "maken", "organisatie": praktijk.pk, "naam": "HIS",
                                                     "scopes": ["verwijzen", "signaleren"], "dagen": "30"})
    pagina = response.content.decode()
    sleutel = re.search(r'<code id="nieuwe-sleutel">([^<]+)</code>', pagina).group(1)
    token = ApiToken.objects.get()
    assert token.aangemaakt_door == world.beheerder and token.scopes == ["signaleren", "verwijzen"]
    assert "no-store" in response["Cache-Control"]
    assert sleutel not in client.get("/beheer-api-sleutels/").content.decode()  # never again
    assert Partnerclient(client, sleutel).post("/api/v1/signalen/", {
        "bron": "huisarts", "omschrijving": "Zorgen", "adres": "Kerkstraat 1"}).status_code == 201
    assert AuditEvent.objects.filter(object_type="api.apitoken", actor_id=world.beheerder.pk).exists()


def test_the_form_refuses_without_scopes_or_with_another_gemeentes_organisation(client, world, praktijk):
    login(client, world.beheerder)
    elders = Organisatie.objects.get(gemeente=world.voorbeeld)
    response = client.post("/beheer-api-sleutels/", {"actie": "maken", "organisatie": elders.pk, "naam": "x",
                                                      "dagen": "30"})
    assert response.status_code == 200 and not ApiToken.objects.exists()
    assert 'id="nieuwe-sleutel"' not in response.content.decode()


def test_the_beheerder_revokes_a_key_of_the_own_gemeente_only(client, world, praktijk):
    token, sleutel = token_create(organisatie=praktijk, naam="HIS", scopes=["plan_lezen"])
    elders, _ = token_create(organisatie=Organisatie.objects.get(gemeente=world.voorbeeld), naam="x",
                            scopes=["plan_lezen"])
    login(client, world.beheerder)
    pagina = client.get("/beheer-api-sleutels/").content.decode()
    assert token.prefix in pagina and elders.prefix not in pagina
    assert client.post("/beheer-api-sleutels/", {"actie": "intrekken", "sleutel": elders.pk}).status_code == 404
    response = client.post("/beheer-api-sleutels/", {"actie": "intrekken", "sleutel": token.pk})
    assert "is ingetrokken" in response.content.decode()
    token.refresh_from_db()
    elders.refresh_from_db()
    assert token.ingetrokken_door == world.beheerder and elders.ingetrokken_op is None
    assert Partnerclient(client, sleutel).get("/api/v1/casussen/").status_code == 401


def test_nobody_else_reaches_the_page(client, world, praktijk):
    for user in (world.medewerker, world.privacyfunctionaris, world.bureaudienst, world.kcc):
        login(client, user)
        assert client.get("/beheer-api-sleutels/").status_code == 403
        assert client.post("/beheer-api-sleutels/", {"actie": "maken", "organisatie": praktijk.pk, "naam": "x",
                                                     "scopes": ["verwijzen"], "dagen": "30"}).status_code == 403
    assert not ApiToken.objects.exists()
