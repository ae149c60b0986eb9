"""A member's wettelijk vertegenwoordiger is recorded on the person, chosen within the household, and
counts for consent (an adult's curator or mentor gives it in their place)."""

import datetime

from wijkregie.casus.toestemming import gevers
from wijkregie.inwoners.models import Lidmaatschap, Persoon
from wijkregie.inwoners.services import persoon_create
from wijkregie.testing import login, make_persoon


def test_a_representative_is_chosen_within_the_household_and_offered_for_consent(client, world):
    zoon = make_persoon(world, "Kevin", "Bos", team=world.team_noord, regisseur=world.medewerker,
                        geboortedatum=datetime.date(1998, 1, 5))
    huishouden = Lidmaatschap.objects.get(persoon=zoon).huishouden
    moeder = persoon_create(actor=world.medewerker, persoon=Persoon(voornamen="Els", achternaam="Bos",
                                                                    geboortedatum=datetime.date(1970, 2, 2)),
                            huishouden=huishouden, relatie="ouder")
    buiten = make_persoon(world, "Ander", "Iemand")
    login(client, world.medewerker)
    form = client.get(f"/personen/{zoon.pk}/bewerken/").content.decode()
    assert "Els Bos" in form and "Ander Iemand" not in form
    data = {"voornamen": "Kevin", "achternaam": "Bos", "geboortedatum": "1998-01-05", "vertegenwoordiger": moeder.pk}
    response = client.post(f"/personen/{zoon.pk}/bewerken/", data)
    assert "Kies wat voor vertegenwoordiging het is." in response.content.decode()
    response = client.post(f"/personen/{zoon.pk}/bewerken/", {**data, "vertegenwoordiging": "mentor"})
    assert response.status_code == 302
    zoon.refresh_from_db()
    assert zoon.vertegenwoordiger == moeder and zoon.vertegenwoordiging == "mentor"
    assert ("vertegenwoordiger", moeder) in [(als, door) for als, door, _label in gevers(zoon)]
    # Someone outside the household cannot be chosen.
    response = client.post(f"/personen/{zoon.pk}/bewerken/", {**data, "vertegenwoordiger": buiten.pk,
                                                              "vertegenwoordiging": "curator"})
    assert response.status_code == 200
    zoon.refresh_from_db()
    assert zoon.vertegenwoordiger == moeder
