"""A key may do only what its scopes allow: anything else is 403 in Dutch, naming the missing scope."""

import json

import pytest

from wijkregie.toegang.models import Aanmelding, Signaal

from .helpers import VERWIJZING, Partnerclient, probleem

SIGNAAL = {"bron": "huisarts", "omschrijving": "Zorgen om vereenzaming.", "adres": "Kerkstraat 1"}


@pytest.mark.parametrize("scopes, mag", [
    (("signaleren",), {"signalen"}),
    (("verwijzen",), {"verwijzingen"}),
    (("plan_lezen",), {"casussen"}),
])
def test_a_scope_not_granted_gets_403_and_nothing_is_stored(client, praktijk, scopes, mag):
    api = Partnerclient.met_sleutel(client, praktijk, scopes=scopes)
    antwoorden = {
        "verwijzingen": api.post("/api/v1/verwijzingen/", VERWIJZING),
        "signalen": api.post("/api/v1/signalen/", SIGNAAL),
        "casussen": api.get("/api/v1/casussen/"),
    }
    for naam, response in antwoorden.items():
        if naam in mag:
            assert response.status_code in (200, 201), (naam, response.content)
        else:
            data = probleem(response)
            assert data["status"] == 403 and "heeft het recht" in data["detail"], data
    assert Aanmelding.objects.count() == int("verwijzingen" in mag)
    assert Signaal.objects.count() == int("signalen" in mag)


def test_the_status_of_a_referral_needs_the_refer_scope(client, praktijk):
    verwijzer = Partnerclient.met_sleutel(client, praktijk, scopes=("verwijzen",))
    pad = verwijzer.post("/api/v1/verwijzingen/", VERWIJZING)["Location"]
    lezer = Partnerclient.met_sleutel(client, praktijk, scopes=("plan_lezen",))
    assert probleem(lezer.get(pad))["status"] == 403
    assert json.loads(verwijzer.get(pad).content)["status"] == "ontvangen"
