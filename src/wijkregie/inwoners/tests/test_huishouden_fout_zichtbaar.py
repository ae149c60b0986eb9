"""Adding a member with nobody chosen or found: the error shows where the user looks (at the search field),
not on a choice that is not on the page; a search that finds nobody says so."""

import re

from wijkregie.inwoners.models import Lidmaatschap
from wijkregie.inwoners.tests.test_huishouden_samenstellen import _gezin, _url
from wijkregie.testing import login


def test_adding_without_anyone_chosen_says_so_at_the_search(client, world):
    moeder, huishouden = _gezin(world)
    login(client, world.medewerker)
    content = client.post(_url(moeder), {"actie": "toevoegen", "relatie": "kind", "woont_hier": "on"}).content.decode()
    fout = re.search(r'<p class="wr-field-error" id="zoek-lid-fout">([^<]*)</p>', content)
    assert fout and "Kies een inwoner of vul de gegevens van een nieuwe in." in fout[1]
    assert Lidmaatschap.objects.filter(huishouden=huishouden).count() == 1


def test_a_search_that_finds_nobody_says_so(client, world):
    moeder, _huishouden = _gezin(world)
    login(client, world.medewerker)
    content = client.post(_url(moeder), {"actie": "zoeken", "zoek": "Xandrijn Qwertyuiop 01-01-2001"}).content.decode()
    assert "Niemand gevonden die u mag zien." in content
    assert 'value="Xandrijn Qwertyuiop 01-01-2001"' in content
