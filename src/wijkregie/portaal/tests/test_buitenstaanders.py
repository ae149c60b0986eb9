"""Every portal page: a staff session (an outsider of another gemeente, a colleague of the team, anyone)
is refused, a visitor without a portal login is sent to the portal's login, and a portal user of another
organisation gets nothing of this organisation's referrals or plans. Generated from the portal's URLs, so
a new page is covered the day it is added."""

import json

import pytest
from django.urls import get_resolver, reverse

from wijkregie.api.models import Verwijzing
from wijkregie.api.tests.helpers import VERWIJZING, Partnerclient, gedeeld_huishouden
from wijkregie.testing import login

from .helpers import portaal_login

OPEN = {"portaal:inloggen", "portaal:tweestaps", "portaal:uitloggen", "portaal:activeren"}
PERSONEEL = {"portaal:beheer_accounts"}  # the functioneel beheerder's page (test_beheer_accounts.py)
MARKERS = ("Anouk", "voetbal", "Bloeddruk", "KENMERK-A")


def _portaal_urls():
    resolver = get_resolver()
    return sorted(f"portaal:{naam}" for naam in resolver.namespace_dict["portaal"][1].reverse_dict
                  if isinstance(naam, str) and f"portaal:{naam}" not in PERSONEEL)


def _paden(client, world, praktijk, assistent):
    """Every portal page with real arguments: a referral and a shared plan of the practice."""
    portaal_login(client, assistent)
    client.post(reverse("portaal:verwijzen"), {**VERWIJZING, "kenmerk": "KENMERK-A"})
    gedeeld_huishouden(world, praktijk)
    casus_id = json.loads(Partnerclient.met_sleutel(client, praktijk).get("/api/v1/casussen/").content)["resultaten"][
        0
    ]["id"]
    extra = {"portaal:verwijzing": f"?id={Verwijzing.objects.get().publiek_id}", "portaal:plan": f"?casus={casus_id}"}
    paden = {naam: reverse(naam) + extra.get(naam, "") for naam in _portaal_urls()}
    assert all(client.get(pad).status_code == 200 for naam, pad in paden.items() if naam not in OPEN), \
        "the practice's own user sees every page"
    client.logout()
    return paden


@pytest.mark.parametrize("persona", ["buitenstaander", "medewerker", "teamleider_of_none", "beheerder",
                                     "privacyfunctionaris", "bureaudienst"])
def test_a_staff_session_gets_nothing_on_any_portal_page(client, world, praktijk, assistent, persona):
    paden = _paden(client, world, praktijk, assistent)
    user = getattr(world, persona, world.collega)
    login(client, user)
    for naam, pad in paden.items():
        if naam in OPEN:
            continue
        for response in (client.get(pad), client.post(pad, {"soort": "doel", "omschrijving": "x"})):
            assert response.status_code == 403, (naam, persona, response.status_code)
            assert not any(m in response.content.decode() for m in MARKERS), (naam, persona)


def test_without_a_portal_login_every_page_sends_to_the_portal_login(client, world, praktijk, assistent):
    paden = _paden(client, world, praktijk, assistent)
    for naam, pad in paden.items():
        if naam in OPEN:
            continue
        response = client.get(pad)
        assert response.status_code == 302 and response["Location"].startswith(reverse("portaal:inloggen")), naam


def test_a_user_of_another_organisation_gets_nothing_of_this_one(client, world, praktijk, assistent, ander):
    paden = _paden(client, world, praktijk, assistent)
    portaal_login(client, ander)
    for naam, pad in paden.items():
        if naam in OPEN:
            continue
        response = client.get(pad)
        assert response.status_code in (200, 404), (naam, response.status_code)
        assert not any(m in response.content.decode() for m in MARKERS), naam
    assert client.get(paden["portaal:plan"]).status_code == 404
    assert client.get(paden["portaal:verwijzing"]).status_code == 404
