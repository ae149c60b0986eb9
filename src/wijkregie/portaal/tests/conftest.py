"""The portal's partners: the huisartsenpraktijk of Den Helder with a portal user, a second practice
of Den Helder with one of its own, and the api tests' helpers for a shared household."""

import pytest

from wijkregie.api.models import Scope
from wijkregie.organisatie.models import Organisatie, OrganisatieSoort
from wijkregie.portaal.services import gebruiker_maken

WACHTWOORD = "portaal-wachtwoord-123"


@pytest.fixture
def praktijk(world):
    return Organisatie.objects.create(gemeente=world.den_helder, naam="Huisartsenpraktijk Julianadorp",
                                      soort=OrganisatieSoort.HUISARTS, telefoon="0223 000000")


@pytest.fixture
def andere_praktijk(world):
    return Organisatie.objects.create(gemeente=world.den_helder, naam="Huisartsenpraktijk Nieuw Den Helder",
                                      soort=OrganisatieSoort.HUISARTS)


@pytest.fixture
def assistent(praktijk):
    gebruiker, _ = gebruiker_maken(organisatie=praktijk, gebruikersnaam="assistent", naam="Fatima Assistent",
                                   scopes=Scope.values, wachtwoord=WACHTWOORD)
    return gebruiker


@pytest.fixture
def ander(andere_praktijk):
    gebruiker, _ = gebruiker_maken(organisatie=andere_praktijk, gebruikersnaam="ander", naam="Piet Ander",
                                   scopes=Scope.values, wachtwoord=WACHTWOORD)
    return gebruiker


@pytest.fixture(autouse=True)
def geen_blokkades():
    """Failed logins are counted in the cache: every test starts without them."""
    from django.core.cache import cache

    cache.clear()
