"""The portal's partners: the huisartsenpraktijk of Den Helder with a portal user, a second practice
of Den Helder with one of its own, and the api tests' helpers for a shared household."""

import pytest

from wijkregie.api.models import Scope
from wijkregie.organisatie.models import Organisatie, OrganisatieSoort
from wijkregie.portaal.services import gebruiker_create

WACHTWOORD = "portaal-wachtwoord-123"


@pytest.fixture
def praktijk(world):
    return Organisatie.objects.create(gemeente=world.den_helder, naam="Huisartsenpraktijk Julianadorp",
                                      soort=OrganisatieSoort.HUISARTS, telefoon="0223 000000")


@pytest.fixture
def andere_praktijk(world):
    return Organisatie.objects.create(gemeente=world.den_helder, naam="Huisartsenpraktijk Nieuw Den Helder",
                                      soort=OrganisatieSoort.HUISARTS)


def geactiveerd(organisatie, gebruikersnaam, naam, scopes=Scope.values):
    """An account as after its activation: a password and a confirmed authenticator (test_activeren.py
    tests the activation itself)."""
    gebruiker = gebruiker_create(organisatie=organisatie, gebruikersnaam=gebruikersnaam, naam=naam, scopes=scopes,
                                wachtwoord=WACHTWOORD)
    gebruiker.totp_bevestigd = True
    gebruiker.save(update_fields=["totp_bevestigd"])
    return gebruiker


@pytest.fixture
def assistent(praktijk):
    return geactiveerd(praktijk, "assistent", "Fatima Assistent")


@pytest.fixture
def ander(andere_praktijk):
    return geactiveerd(andere_praktijk, "ander", "Piet Ander")


@pytest.fixture(autouse=True)
def geen_blokkades():
    """Failed logins are counted in the cache: every test starts without them."""
    from django.core.cache import cache

    cache.clear()
