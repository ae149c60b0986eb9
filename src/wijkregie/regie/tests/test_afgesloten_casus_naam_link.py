"""A closed casus names its resident with a link only where that link opens (issue 13, fault 4): the
regisseur still sees who the resident is after afsluiten (the table gives identity), so the person page
opens for them; for whoever may see the casus but not the person, the name is text, not a dead link."""

from wijkregie.casus.services import casus_open
from wijkregie.regie import services
from wijkregie.testing import login, make_persoon


def test_the_regisseur_opens_the_resident_of_a_closed_casus(client, world):
    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    casus = casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                       huishouden=persoon.lidmaatschappen.first().huishouden, hoofdpersoon=persoon)
    services.casus_close(actor=world.medewerker, casus=casus, reden="01", toelichting="")
    login(client, world.medewerker)
    content = client.get(f"/casussen/{casus.pk}/").content.decode()
    assert f'href="/personen/{persoon.pk}/"' in content
    assert client.get(f"/personen/{persoon.pk}/").status_code == 200
