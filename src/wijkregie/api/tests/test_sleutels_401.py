"""Unknown, expired, revoked or malformed keys get 401 in Dutch problem+json with WWW-Authenticate;
only a key whose secret matched learns that it expired or was revoked. Nothing is stored."""

import datetime

import pytest
from django.utils import timezone

from wijkregie.api.models import ApiToken
from wijkregie.api.services import token_revoke
from wijkregie.toegang.models import Aanmelding

from .helpers import VERWIJZING, Partnerclient, probleem


def _geweigerd(response, woord: str = ""):
    data = probleem(response)
    assert response.status_code == 401 and response["WWW-Authenticate"] == 'Bearer realm="wijkregie"'
    assert data["title"] == "Geen geldige API-sleutel" and woord in data["detail"]
    return data


@pytest.mark.parametrize("sleutel", [
    "", "wr_000000000000_geheim", "Token abc", "wr_kort_x", "x" * 500, "wr_0123456789ab_" + "é",
])
def test_an_unknown_or_malformed_key_gets_401_and_nothing_is_stored(client, api, sleutel):
    ander = Partnerclient(client, sleutel)
    for response in (ander.verwijs(**VERWIJZING), ander.get("/api/v1/casussen/"),
                     ander.get("/api/v1/verwijzingen/7d1f8a7e-4a52-4c1e-9d1e-0f5b9a1c2d3e/")):
        _geweigerd(response)
    assert not Aanmelding.objects.exists()


def test_the_right_prefix_with_a_wrong_secret_is_unknown(client, api):
    prefix = api.token.prefix
    _geweigerd(Partnerclient(client, f"wr_{prefix}_verkeerd").get("/api/v1/casussen/"), "onbekend")


def test_an_expired_key_gets_401(api):
    ApiToken.objects.filter(pk=api.token.pk).update(verloopt_op=timezone.now() - datetime.timedelta(seconds=1))
    _geweigerd(api.verwijs(), "verlopen")
    assert not Aanmelding.objects.exists()


def test_a_revoked_key_gets_401_on_its_next_request(api):
    assert api.get("/api/v1/casussen/").status_code == 200
    token_revoke(token=api.token)
    _geweigerd(api.get("/api/v1/casussen/"), "ingetrokken")


def test_a_scheme_other_than_bearer_is_refused(client, api):
    response = client.get("/api/v1/casussen/", HTTP_AUTHORIZATION=f"Basic {api.sleutel}")
    _geweigerd(response, "Bearer")


def test_use_is_recorded_on_the_key(api):
    assert api.token.laatst_gebruikt_op is None
    api.get("/api/v1/casussen/")
    api.token.refresh_from_db()
    assert api.token.laatst_gebruikt_op is not None
