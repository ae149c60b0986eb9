"""Every overstap page: a medewerker (no functioneel beheerder) and a beheerder of another gemeente get
nothing; the other gemeente's beheerder cannot import a Den Helder beheerder's checked file with its token."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wijkregie.inwoners.models import Persoon
from wijkregie.testing import login

from .blad import als_csv, huishoudens

PAGINAS = ["overstap:inlezen", "overstap:importeren", "overstap:sjabloon_csv", "overstap:sjabloon_xlsx"]


@pytest.mark.parametrize("naam", PAGINAS)
@pytest.mark.parametrize("wie", ["medewerker", "bureaudienst", "privacyfunctionaris", "kcc"])
def test_it_refuses_who_is_no_functioneel_beheerder(client, world, naam, wie):
    login(client, getattr(world, wie))
    antwoord = client.post(reverse(naam)) if naam == "overstap:importeren" else client.get(reverse(naam))
    assert antwoord.status_code == 403


def test_it_refuses_the_anonymous(client, world):
    for naam in PAGINAS:
        antwoord = client.get(reverse(naam))
        assert antwoord.status_code in (302, 403, 405)
        assert b"Huishouden" not in antwoord.content


def test_it_gives_the_other_gemeente_nothing_of_a_checked_file(client, world):
    login(client, world.beheerder)
    client.post(reverse("overstap:inlezen"), {"bestand": SimpleUploadedFile("c.csv", als_csv(huishoudens(2)))})
    token = client.session["overstap_bestand"]

    client.logout()
    login(client, world.buitenstaander)  # functioneel beheerder, of Voorbeeldgemeente
    antwoord = client.post(reverse("overstap:importeren"), {"token": token})
    assert antwoord.status_code == 400 and "Overstap" not in antwoord.content.decode()
    # Even with the token in their own session, the file is not theirs.
    sessie = client.session
    sessie["overstap_bestand"] = token
    sessie.save()
    antwoord = client.post(reverse("overstap:importeren"), {"token": token})
    assert antwoord.status_code == 400
    assert not Persoon.objects.exists()
