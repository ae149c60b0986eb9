"""The API never tells whether a resident is known: a BSN of a resident of the gemeente (with the same
birth date) links the referral silently, an unknown one makes no person file, and both answers look
the same; a question joining a running casus stays 'ontvangen' until the team spoke with the resident."""

import json

from wijkregie.inwoners.models import Persoon
from wijkregie.testing import make_persoon
from wijkregie.toegang.models import Aanmelding

BSN = "999990019"


def _antwoord(response):
    data = json.loads(response.content)
    return response.status_code, sorted(data), data["status"], data["teruggekoppeld_op"]


def test_a_known_bsn_links_silently_and_an_unknown_one_creates_no_person(api, world):
    bekend = make_persoon(world, "Jan", "de Vries", bsn=BSN, geboortedatum="1961-04-12", postcode="1784 AB")
    personen = Persoon.objects.count()
    met = api.verwijs(bsn=BSN)
    zonder = api.verwijs(bsn="999990032", naam="Piet Onbekend")
    assert (
        _antwoord(met)
        == _antwoord(zonder)
        == (201, ["id", "kenmerk", "ontvangen_op", "status", "teruggekoppeld_op"], "ontvangen", None)
    )
    assert Persoon.objects.count() == personen  # nobody registered from outside
    gekoppeld, anoniem = Aanmelding.objects.order_by("pk")
    assert gekoppeld.persoon == bekend and gekoppeld.anoniem_naam == ""
    assert anoniem.persoon is None and anoniem.anoniem_naam.startswith("Piet Onbekend")


def test_a_bsn_whose_birth_date_differs_links_nothing(api, world):
    make_persoon(world, "Jan", "de Vries", bsn=BSN, geboortedatum="1950-01-01")
    assert api.verwijs(bsn=BSN).status_code == 201
    assert Aanmelding.objects.get().persoon is None


def test_joining_a_running_casus_does_not_show_as_being_dealt_with(api, world):
    bekend = make_persoon(world, "Jan", "de Vries", team=world.team_noord, regisseur=world.medewerker, bsn=BSN,
                          geboortedatum="1961-04-12")
    response = api.verwijs(bsn=BSN)
    aanmelding = Aanmelding.objects.get()
    assert aanmelding.casus == bekend.casussen.get() and aanmelding.status == "toegedeeld"
    assert json.loads(api.get(response["Location"]).content)["status"] == "ontvangen"
