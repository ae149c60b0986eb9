"""The registration forms (an aanmelding, a signaal) carry a known resident as a hidden key, chosen through
the search on the page: they never list the residents the user may see as the options of a field (a page
of every name, and a harvest of the register)."""

import re

import pytest

from wijkregie.testing import login, make_persoon


@pytest.mark.parametrize("pagina", ["/aanmeldingen/nieuw/", "/signalen/nieuw/"])
def test_the_form_names_no_resident_it_was_not_asked_for(client, world, pagina):
    make_persoon(world, "Zichtbare", "Buurvrouw", team=world.team_noord)
    login(client, world.bureaudienst)  # may see every resident of the gemeente
    response = client.get(pagina)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Buurvrouw" not in html
    assert '<select name="persoon"' not in html
    # Before a resident is chosen, the key is a hidden field or not on the page at all.
    assert all('type="hidden"' in veld for veld in re.findall(r'<input[^>]*name="persoon"[^>]*>', html))
