"""Which kinds of one aanmelding a user may see (toegang.selectors.aanmelding_toont) is the policy's own answer: the
same as asking the visible queryset, for every persona, stage and kind, from a statement kept per shape of the
policy's inputs with the aanmelding's key filled in (issue 17)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkregie.casus.models import Casus, Status
from wijkregie.organisatie.models import Rol
from wijkregie.organisatie.toegangsbeleid import Gegevens
from wijkregie.testing import make_medewerker, make_persoon
from wijkregie.toegang.models import Aanmelding, AanmeldingStatus, Triage
from wijkregie.toegang.selectors import aanmelding_toont, aanmeldingen_visible_to

PERSONAS = ("medewerker", "collega", "andere_teamlid", "bureaudienst", "kcc", "gedragswetenschapper", "backoffice",
            "beleidsmedewerker", "buitenstaander", "privacyfunctionaris")


@pytest.fixture
def aanmeldingen(world):
    met = make_persoon(world, "Anna", "Met", team=world.team_noord, regisseur=world.medewerker)
    zonder = make_persoon(world, "Bert", "Zonder", team=world.team_noord, toestemming=False)
    elders = make_persoon(world, "Cor", "Elders", team=world.team_dorp, gemeente=world.voorbeeld)
    result = []
    for persoon in (met, zonder, elders):
        casus = Casus.objects.get(hoofdpersoon=persoon)
        # One in the household's running casus, one at the front without a casus (registered by the KCC), one
        # acute in the bureaudienst's queue.
        result.append(Aanmelding.objects.create(
            gemeente=persoon.gemeente, kanaal="telefoon", vraag="Vraag", persoon=persoon, casus=casus,
            team=casus.team, medewerker=casus.medewerker, status=AanmeldingStatus.TOEGEDEELD,
            ontvangen_op=timezone.now()))
        result.append(Aanmelding.objects.create(
            gemeente=persoon.gemeente, kanaal="telefoon", vraag="Vraag", persoon=persoon, geregistreerd_door=world.kcc,
            status=AanmeldingStatus.VOORKANT, ontvangen_op=timezone.now()))
        acuut = Aanmelding.objects.create(gemeente=persoon.gemeente, kanaal="telefoon", vraag="Vraag", persoon=persoon,
                                          status=AanmeldingStatus.BUREAUDIENST, ontvangen_op=timezone.now())
        Triage.objects.create(gemeente=persoon.gemeente, aanmelding=acuut, urgentie="acuut", veiligheid="ja",
                              aard="meervoudig_zonder", uitkomst="specialistisch")
        result.append(acuut)
    return result


@pytest.mark.parametrize("status", [Status.VRAAGVERHELDERING, Status.UITVOERING, Status.AFGESLOTEN])
def test_it_answers_as_the_visible_queryset(world, aanmeldingen, status):
    Casus.objects.update(status=status)
    alle = tuple(Gegevens)
    teamleider = make_medewerker(world.den_helder, "leider", Rol.TEAMLEIDER, team=world.team_noord)
    for persona, user in [*((p, getattr(world, p)) for p in PERSONAS), ("teamleider", teamleider)]:
        for aanmelding in aanmeldingen:
            verwacht = frozenset(soort for soort in alle
                                 if aanmeldingen_visible_to(user, soort).filter(pk=aanmelding.pk).exists())
            assert aanmelding_toont(user, aanmelding.pk, *alle) == verwacht, (persona, aanmelding.status)
            for soort in alle:
                assert aanmelding_toont(user, aanmelding.pk, soort) == (verwacht & {soort}), (persona, soort)


def test_it_asks_once_for_several_kinds_and_not_at_all_for_none(world, aanmeldingen):
    user = world.medewerker
    aanmelding_toont(user, aanmeldingen[0].pk, Gegevens.TRIAGE)  # the policy's inputs, read once per request
    with CaptureQueriesContext(connection) as ctx:
        getoond = aanmelding_toont(user, aanmeldingen[0].pk, Gegevens.VRAAG, Gegevens.TRIAGE, Gegevens.CONTACT)
        assert aanmelding_toont(user, aanmeldingen[0].pk) == frozenset()
    assert len(ctx.captured_queries) == 1
    assert Gegevens.VRAAG in getoond


def test_another_gemeentes_or_a_missing_key_shows_nothing(world, aanmeldingen):
    elders = aanmeldingen[-1]
    assert aanmelding_toont(world.bureaudienst, elders.pk, *Gegevens) == frozenset()
    assert aanmelding_toont(world.bureaudienst, 10**9, *Gegevens) == frozenset()
