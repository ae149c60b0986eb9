"""Partners of the API tests: a huisartsenpraktijk and De Wering in Den Helder, a practice elsewhere."""

import pytest

from wijkregie.organisatie.models import Organisatie, OrganisatieSoort

from .helpers import Partnerclient


@pytest.fixture
def praktijk(world):
    return Organisatie.objects.create(gemeente=world.den_helder, naam="Huisartsenpraktijk Julianadorp",
                                      soort=OrganisatieSoort.HUISARTS, telefoon="0223 000000")


@pytest.fixture
def api(client, praktijk):
    """The practice's client with a key holding every scope."""
    return Partnerclient.met_sleutel(client, praktijk)
