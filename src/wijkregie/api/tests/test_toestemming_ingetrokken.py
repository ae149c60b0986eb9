"""A withdrawn consent bites on the partner's very next request: the plan read is 404, the casus is
gone from the list (casussen_gedeeld_met is asked on every request)."""

import json

from wijkregie.casus.models import Toestemming
from wijkregie.casus.services import toestemming_withdraw

from .helpers import gedeeld_huishouden, probleem


def test_a_withdrawn_consent_makes_the_next_plan_read_404(api, world, praktijk):
    casus, moeder, kind = gedeeld_huishouden(world, praktijk)
    casus_id = json.loads(api.get("/api/v1/casussen/").content)["resultaten"][0]["id"]
    assert api.get(f"/api/v1/casussen/{casus_id}/plan/").status_code == 200
    # The mother withdraws her son's consent (given by her, with gezag) to share with the practice.
    toestemming_withdraw(actor=world.medewerker, toestemming=Toestemming.objects.get(persoon=kind, scope="delen"),
                          reden="Moeder wil het niet meer")
    response = api.get(f"/api/v1/casussen/{casus_id}/plan/")
    assert probleem(response)["status"] == 404 and "Voetbal" not in response.content.decode()
    assert json.loads(api.get("/api/v1/casussen/").content)["resultaten"] == []


def test_an_ended_involvement_or_a_closed_casus_is_404_too(api, world, praktijk):
    from wijkregie.regie.services import casus_close

    casus, moeder, kind = gedeeld_huishouden(world, praktijk)
    casus_id = json.loads(api.get("/api/v1/casussen/").content)["resultaten"][0]["id"]
    casus_close(actor=world.medewerker, casus=casus, reden="01")
    assert api.get(f"/api/v1/casussen/{casus_id}/plan/").status_code == 404
