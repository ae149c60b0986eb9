"""Requests per key and hour are limited (WIJKREGIE_API_LIMIET_PER_UUR): beyond it 429 with Retry-After,
in Dutch; another key of the same organisation has its own count."""

from wijkregie.api.models import Verwijzing

from .helpers import Partnerclient, probleem


def test_beyond_the_limit_a_key_gets_429_and_nothing_is_stored(client, api, praktijk, settings):
    settings.API_LIMIET_PER_UUR = 3
    for _n in range(3):
        assert api.get("/api/v1/casussen/").status_code == 200
    response = api.verwijs()
    data = probleem(response)
    assert data["status"] == 429 and "te veel verzoeken" in data["detail"]
    assert int(response["Retry-After"]) > 0
    assert not Verwijzing.objects.exists()
    assert Partnerclient.met_sleutel(client, praktijk).get("/api/v1/casussen/").status_code == 200
