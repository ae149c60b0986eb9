"""A referral's whole life through the API (issue 15): POST, then the referrer follows its status from
ontvangen to in_behandeling (allocated), teruggekoppeld (the team spoke with the resident) and afgerond
(the casus closed), and learns nothing more."""

import datetime
import json

from wijkregie.api.models import Verwijzing
from wijkregie.core.models import AuditEvent
from wijkregie.regie.services import casus_close
from wijkregie.toegang.models import Aanmelding
from wijkregie.toegang.services import aanmelding_allocate, eerste_contact_register

from .helpers import VERWIJZING


def _status(api, pad):
    response = api.get(pad)
    assert response.status_code == 200, response.content
    data = json.loads(response.content)
    # nothing more than the status, and the referrer's own reference handed back
    assert set(data) == {"id", "status", "ontvangen_op", "teruggekoppeld_op", "kenmerk"}
    return data


def test_it_follows_a_referral_from_received_to_finished(api, world, praktijk):
    response = api.verwijs()
    assert response.status_code == 201, response.content
    data = json.loads(response.content)
    pad = response["Location"]
    assert pad == f"/api/v1/verwijzingen/{data['id']}/"
    assert data["status"] == "ontvangen" and data["teruggekoppeld_op"] is None

    # An aanmelding at the bureaudienst: kanaal partner, the COD327 code, the organisation as verwijzer,
    # the resident not registered from outside (name and birth date kept for the bureaudienst to link).
    aanmelding = Aanmelding.objects.get()
    assert (aanmelding.kanaal, aanmelding.verwijzer, aanmelding.verwijzer_naam) == ("partner", "02", praktijk.naam)
    assert aanmelding.status == "bureaudienst" and aanmelding.persoon is None
    assert aanmelding.anoniem_naam == "Jan de Vries (geboren 12-04-1961)" and aanmelding.postcode == "1784 AB"
    assert aanmelding.vraag == VERWIJZING["vraag"] and aanmelding.vraagsteller == "dr. Bakker"
    assert aanmelding.geregistreerd_door is None
    assert Verwijzing.objects.get().aanmelding == aanmelding
    event = AuditEvent.objects.get(object_type="toegang.aanmelding", actie="C")
    assert event.actor == f"{praktijk.naam} (API-sleutel {api.token.prefix})" and event.rol == "partner"
    assert event.chain == f"g{world.den_helder.pk}:api{api.token.pk}"
    assert _status(api, pad)["status"] == "ontvangen"

    aanmelding_allocate(actor=world.bureaudienst, aanmelding=aanmelding, team=world.team_noord,
                        medewerker=world.medewerker)
    stand = _status(api, pad)
    assert stand["status"] == "in_behandeling" and stand["teruggekoppeld_op"] is None

    aanmelding.refresh_from_db()
    eerste_contact_register(actor=world.medewerker, aanmelding=aanmelding)
    stand = _status(api, pad)
    aanmelding.refresh_from_db()
    assert stand["status"] == "in_behandeling"
    assert datetime.datetime.fromisoformat(stand["teruggekoppeld_op"]) == aanmelding.eerste_contact_op

    casus_close(actor=world.medewerker, casus=aanmelding.casus, reden="01")
    stand = _status(api, pad)
    assert stand["status"] == "afgerond" and stand["teruggekoppeld_op"]
    # Every status read is audited, under the partner's key.
    assert AuditEvent.objects.filter(object_type="toegang.aanmelding", actie="R", rol="partner").count() == 4


def test_a_question_answered_at_the_front_door_is_finished(api, world):
    from wijkregie.toegang.models import Triage
    from wijkregie.toegang.services import triage_record

    pad = api.verwijs()["Location"]
    aanmelding = Aanmelding.objects.get()
    triage_record(actor=world.bureaudienst, aanmelding=aanmelding,
                  triage=Triage(veiligheid="nee", aard="informatie", uitkomst="opgelost"), leefgebieden=[],
                  betrokken_leden=[])
    assert _status(api, pad)["status"] == "afgerond"
