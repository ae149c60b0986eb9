"""A huisartsenpraktijk that refers through the portal refers as a huisarts (COD327 '02'): the kind of the partner
organisation says so, so the form presets it. Another kind of organisation chooses itself; nothing is guessed."""

import re

from wijkregie.organisatie.models import Organisatie, OrganisatieSoort
from wijkregie.portaal.tests.conftest import geactiveerd
from wijkregie.portaal.tests.helpers import portaal_login


def _gekozen(content: str) -> list[str]:
    veld = re.search(r'<select name="verwijzer".*?</select>', content, re.S)[0]
    return re.findall(r'<option value="([^"]*)"[^>]*selected', veld)


def test_a_huisarts_practice_finds_huisarts_preset_as_verwijzer(client, assistent):
    portaal_login(client, assistent)
    assert _gekozen(client.get("/portaal/verwijzen/").content.decode()) == ["02"]


def test_another_kind_of_organisation_chooses_the_verwijzer_itself(client, world):
    welzijn = Organisatie.objects.create(gemeente=world.den_helder, naam="Welzijn Den Helder",
                                         soort=OrganisatieSoort.WELZIJN)
    portaal_login(client, geactiveerd(welzijn, "welzijn", "Wim Welzijn"))
    assert _gekozen(client.get("/portaal/verwijzen/").content.decode()) in ([], [""])


def test_what_the_practice_chose_itself_stays_after_an_error(client, assistent):
    portaal_login(client, assistent)
    content = client.post("/portaal/verwijzen/", {"naam": "", "verwijzer": "06"}).content.decode()
    assert _gekozen(content) == ["06"]
