"""One casus' relations are read once per request (casus.selectors.relaties_met), and every answer drawn
from them is the policy's own: the same as asking the visible queryset, for every persona, kind and stage."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkregie.casus.models import Casus, Status
from wijkregie.casus.selectors import WERKT_IN_DOSSIER, casus_toont, casus_zichtbaar, casussen_visible_to
from wijkregie.organisatie.toegangsbeleid import Betrekking, Gegevens
from wijkregie.testing import make_persoon

PERSONAS = ("medewerker", "collega", "andere_teamlid", "bureaudienst", "kcc", "gedragswetenschapper", "backoffice",
            "beleidsmedewerker", "buitenstaander")


@pytest.fixture
def casussen(world):
    met = make_persoon(world, "Anna", "Met", team=world.team_noord, regisseur=world.medewerker)
    zonder = make_persoon(world, "Bert", "Zonder", team=world.team_noord, toestemming=False)
    elders = make_persoon(world, "Cor", "Elders", team=world.team_dorp, gemeente=world.voorbeeld)
    return [Casus.objects.get(hoofdpersoon=p) for p in (met, zonder, elders)]


@pytest.mark.parametrize("status", [Status.VRAAGVERHELDERING, Status.UITVOERING, Status.AFGESLOTEN])
def test_it_answers_as_the_visible_queryset(world, casussen, status):
    Casus.objects.filter(pk__in=[c.pk for c in casussen]).update(status=status)
    for persona in PERSONAS:
        user = getattr(world, persona)
        for casus in Casus.objects.filter(pk__in=[c.pk for c in casussen]):
            for soort in Gegevens:
                for via in (None, WERKT_IN_DOSSIER, WERKT_IN_DOSSIER | {Betrekking.CONSULENT}):
                    verwacht = casussen_visible_to(user, soort, via=via).filter(pk=casus.pk).exists()
                    assert casus_toont(user, casus, soort, via=via) == verwacht, (persona, casus, soort, via)
                    assert casus_toont(user, casus.pk, soort, via=via) == verwacht, (persona, casus, soort, via)
                    # What a casus page opens the casus with (casus_zichtbaar): the same casus, or none.
                    assert list(casus_zichtbaar(user, casus.pk, soort, via=via).filter(pk=casus.pk)) == (
                        [casus] if verwacht else []), (persona, casus, soort, via)


def test_it_reads_a_casus_once_per_user_object(world, casussen):
    user = world.medewerker
    casus_toont(user, casussen[0])
    with CaptureQueriesContext(connection) as ctx:
        for soort in Gegevens:
            casus_toont(user, casussen[0], soort)
        assert user.has_perm("casus.bewerken", casussen[0])
    assert len(ctx.captured_queries) == 0
