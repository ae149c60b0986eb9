"""A key of organisation A never sees B's referrals: 404, as for an id that does not exist, and the
refusal is in the audit trail for the gemeente's privacy officer."""

import json

from wijkregie.core.models import AuditEvent
from wijkregie.organisatie.models import Organisatie

from .helpers import Partnerclient, probleem


def test_a_token_of_organisation_a_reading_bs_referral_gets_404(client, api, world):
    pad = api.verwijs()["Location"]
    wering = Partnerclient.met_sleutel(client, world.wering)
    response = wering.get(pad)
    data = probleem(response)
    assert data["status"] == 404 and "Jan" not in response.content.decode()
    onbestaand = wering.get("/api/v1/verwijzingen/7d1f8a7e-4a52-4c1e-9d1e-0f5b9a1c2d3e/")
    assert probleem(onbestaand)["detail"] == data["detail"]  # the same answer: nothing to learn from it
    weigering = AuditEvent.objects.get(resultaat="geweigerd")
    assert weigering.actor.startswith("De Wering") and weigering.object_type == "toegang.aanmelding"
    # The practice itself still reads it.
    assert json.loads(api.get(pad).content)["status"] == "ontvangen"


def test_an_organisation_of_another_gemeente_gets_404(client, api, world):
    pad = api.verwijs()["Location"]
    elders = Organisatie.objects.get(gemeente=world.voorbeeld)
    assert Partnerclient.met_sleutel(client, elders).get(pad).status_code == 404


def test_the_list_of_referrals_holds_only_the_organisations_own(client, api, world):
    api.verwijs(kenmerk="VAN-DE-PRAKTIJK")
    wering = Partnerclient.met_sleutel(client, world.wering)
    wering.verwijs(kenmerk="VAN-DE-WERING", verwijzer="01")
    eigen = json.loads(api.get("/api/v1/verwijzingen/").content)["resultaten"]
    assert [v["kenmerk"] for v in eigen] == ["VAN-DE-PRAKTIJK"]
    assert [v["kenmerk"] for v in json.loads(wering.get("/api/v1/verwijzingen/").content)["resultaten"]] == [
        "VAN-DE-WERING"]
