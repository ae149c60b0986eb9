"""The werkvoorraad's one-line contact without a casus chosen: the start page again, the error at the casus
field (not only a banner) and the typed report and kind kept; nothing is recorded."""

import re

from wijkregie.regie.models import Contactmoment
from wijkregie.regie.tests.test_snel_contact import _casus
from wijkregie.testing import login


def test_no_casus_chosen_keeps_the_line_and_says_so_at_the_field(client, world):
    casus = _casus(world)
    login(client, world.medewerker)
    response = client.post("/contact/", {"casus": "", "snel-soort": "huisbezoek",
                                         "snel-notitie": "Keukentafelgesprek, schulden besproken", "terug": "start"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="snel-casus_error">Kies over welke casus het contact ging.</p>' in content
    assert re.search(r'<select id="snel-casus"\s+name="casus" aria-invalid="true"', content)
    assert 'value="Keukentafelgesprek, schulden besproken"' in content
    assert '<option value="huisbezoek" selected>' in content
    assert '<option value="telefoon" selected>' not in content
    assert f'<option value="{casus.pk}">Pieter Jansen</option>' in content  # the choice is still offered
    assert not Contactmoment.objects.exists()


def test_the_fresh_start_page_has_telephone_as_the_default_and_no_error(client, world):
    _casus(world)
    login(client, world.medewerker)
    content = client.get("/").content.decode()
    assert '<option value="telefoon" selected>' in content
    assert "snel-casus_error" not in content and 'value=""' not in content.split('id="snel-notitie"')[1][:80]
