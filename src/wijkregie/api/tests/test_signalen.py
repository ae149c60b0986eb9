"""An early signal through the API arrives as a Signaal in the toegang queue, without a person file;
its source must fit the kind of organisation (422 otherwise)."""

import json

from wijkregie.api.models import Signaalmelding
from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.models import Persoon
from wijkregie.organisatie.models import Organisatie, OrganisatieSoort
from wijkregie.toegang.models import Aanmelding, Signaal

from .helpers import Partnerclient, probleem

SIGNAAL = {"bron": "huisarts", "omschrijving": "Mevrouw vereenzaamt sinds haar verhuizing.",
           "adres": "Kerkstraat 1, Den Helder", "melder": "dr. Bakker"}


def test_a_signal_becomes_a_signaal_without_a_person_file(api, praktijk):
    personen = Persoon.objects.count()
    response = api.post("/api/v1/signalen/", SIGNAAL)
    assert response.status_code == 201, response.content
    data = json.loads(response.content)
    assert set(data) == {"id", "ontvangen_op"}
    signaal = Signaal.objects.get()
    assert (signaal.bron, signaal.status, signaal.persoon, signaal.adres) == ("huisarts", "open", None,
                                                                             "Kerkstraat 1, Den Helder")
    assert signaal.melder == f"dr. Bakker ({praktijk.naam})" and signaal.geregistreerd_door is None
    assert Signaalmelding.objects.get().publiek_id.hex == data["id"].replace("-", "")
    assert Persoon.objects.count() == personen and not Aanmelding.objects.exists()
    assert AuditEvent.objects.filter(object_type="toegang.signaal", actie="C", rol="partner").count() == 1


def test_a_source_that_does_not_fit_the_organisation_is_422(client, world, api):
    data = probleem(api.post("/api/v1/signalen/", {**SIGNAAL, "bron": "huur"}))
    assert data["status"] == 422 and "huisarts" in data["detail"]
    corporatie = Organisatie.objects.create(
        gemeente=world.den_helder, naam="Woningstichting", soort=OrganisatieSoort.WONEN
    )
    woning = Partnerclient.met_sleutel(client, corporatie, scopes=("signaleren",))
    assert woning.post("/api/v1/signalen/", {**SIGNAAL, "bron": "huur"}).status_code == 201
    assert Signaal.objects.get().bron == "huur"


def test_an_empty_description_is_400(api):
    data = probleem(api.post("/api/v1/signalen/", {**SIGNAAL, "omschrijving": "  "}))
    assert data["invalid-params"][0]["name"] == "omschrijving"
    assert not Signaal.objects.exists()
