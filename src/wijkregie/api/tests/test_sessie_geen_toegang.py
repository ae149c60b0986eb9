"""The API is no second door to the pages' data: it authenticates by key only. A logged-in session of
any persona gets 401 on every endpoint (never data, never the login page); the OpenAPI document is
public and holds no data. Generated from the URL configuration like the access-policy URL test, which
leaves the api namespace to this one: a new API URL without an entry here fails."""

import json

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wijkregie.testing import login

from .helpers import VERWIJZING, gedeeld_huishouden, probleem

PERSONAS = ("kcc", "bureaudienst", "medewerker", "collega", "gedragswetenschapper", "andere_teamlid", "backoffice",
            "beleidsmedewerker", "privacyfunctionaris", "beheerder", "buitenstaander")
PUBLIEK = {"api:schema", "api:openapi"}
MARKERS = ("Anouk", "Markernaam", "Weer naar de voetbal", "Rekeningen zelf betalen")


def _api_urls() -> list[str]:
    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, f"{prefix}{entry.namespace}:" if entry.namespace else prefix)
            elif isinstance(entry, URLPattern) and entry.name:
                yield f"{prefix}{entry.name}"
    return sorted(n for n in walk(get_resolver()) if n.startswith("api:"))


def _verzoeken(api, world, praktijk) -> dict:
    """One request (method, path, body) per API URL name, on data that exists and is shared."""
    gedeeld_huishouden(world, praktijk)
    verwijzing = api.verwijs(naam="Geheim Markernaam")["Location"]
    casus_id = json.loads(api.get("/api/v1/casussen/").content)["resultaten"][0]["id"]
    return {
        "api:verwijzingen": ("post", reverse("api:verwijzingen"), VERWIJZING),
        "api:verwijzing": ("get", verwijzing, None),
        "api:signalen": ("post", reverse("api:signalen"), {"bron": "overig", "omschrijving": "x", "adres": "y"}),
        "api:casussen": ("get", reverse("api:casussen"), None),
        "api:plan": ("get", reverse("api:plan", kwargs={"id": casus_id}), None),
        "api:voorstellen": ("post", reverse("api:voorstellen", kwargs={"id": casus_id}),
                            {"soort": "doel", "leefgebied": "Financiën", "omschrijving": "x"}),
        "api:schema": ("get", reverse("api:schema"), None),
        "api:openapi": ("get", reverse("api:openapi"), None),
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_staff_session_gets_401_on_every_endpoint(client, world, praktijk, api, persona):
    verzoeken = _verzoeken(api, world, praktijk)
    assert sorted(verzoeken) == _api_urls(), "a new API URL: add it here"
    login(client, getattr(world, persona))
    for naam, (methode, pad, body) in verzoeken.items():
        if methode == "post":
            response = client.post(pad, json.dumps(body), content_type="application/json")
        else:
            response = client.get(pad)
        inhoud = response.content.decode()
        if naam in PUBLIEK:
            assert response.status_code == 200, naam
        else:
            assert probleem(response)["status"] == 401, (naam, persona, response.status_code)
        assert not any(m in inhoud for m in MARKERS), (naam, persona)


def test_without_a_session_or_key_it_is_401_not_a_login_redirect(client, db):
    response = client.get("/api/v1/casussen/")
    assert response.status_code == 401 and "Authorization" in probleem(response)["detail"]


def test_the_openapi_document_is_public(client, db):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200 and b"openapi: 3" in response.content
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.json()["info"]["title"] == "wijkregie partner-API"
