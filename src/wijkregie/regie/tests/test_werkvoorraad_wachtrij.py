"""The bureaudienst's start page reads the first of its queue with the werkvoorraad, in the werkvoorraad's one kept
statement (regie.selectors.werkvoorraad with `wachtrij`, issue 17): the same rows, order and length as the queue
itself, no query more than the werkvoorraad alone, and an aanmelding registered after the statement was kept counts
at once."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkregie.core import querying
from wijkregie.organisatie.models import Medewerker
from wijkregie.regie import selectors
from wijkregie.testing import login, make_persoon
from wijkregie.toegang.models import Aanmelding, AanmeldingStatus, Triage
from wijkregie.toegang.selectors import bureaudienst_wachtrij


def _verzoek(user):
    """A new request's user object: nothing read in an earlier request is on it."""
    return Medewerker.objects.get(pk=user.pk)


def _wachtend(world, n):
    nu = timezone.now()
    return [Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag=f"Vraag {i}",
                                      anoniem_naam=f"Beller {i}", status=AanmeldingStatus.BUREAUDIENST,
                                      ontvangen_op=nu - datetime.timedelta(hours=i + 1)) for i in range(n)]


def test_the_queue_is_the_queues_first_rows_read_in_the_werkvoorraads_statement(world):
    _wachtend(world, 7)
    Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Al toegedeeld",
                              status=AanmeldingStatus.TOEGEDEELD, ontvangen_op=timezone.now())
    # Waiting in another gemeente: neither listed nor counted.
    Aanmelding.objects.create(gemeente=world.voorbeeld, kanaal="telefoon", vraag="Elders", anoniem_naam="Elders",
                              status=AanmeldingStatus.BUREAUDIENST, ontvangen_op=timezone.now())

    with CaptureQueriesContext(connection) as zonder:
        selectors.werkvoorraad(_verzoek(world.bureaudienst))
    with CaptureQueriesContext(connection) as met:
        werk = selectors.werkvoorraad(_verzoek(world.bureaudienst), wachtrij=True)

    assert len(met.captured_queries) == len(zonder.captured_queries)
    rij = bureaudienst_wachtrij(world.bureaudienst)
    assert werk.wachtrij_aantal == rij.count() == 7
    assert [a.pk for a in werk.wachtrij] == [a.pk for a in rij.order_by("rang", "ontvangen_op", "pk")[:5]]
    assert [a.voor_wie for a in werk.wachtrij] == ["Beller 6", "Beller 5", "Beller 4", "Beller 3", "Beller 2"]
    # What a list reads (docs/toegangsbeleid.md): not the question.
    assert "vraag" in werk.wachtrij[0].get_deferred_fields()


def test_an_aanmelding_registered_after_the_statement_was_kept_counts_at_once(world, settings):
    settings.GECOMPILEERD_CONTROLE = False  # as in production: the kept statement is used, not built again
    querying._eerste_rijen.clear()
    _wachtend(world, 2)
    assert selectors.werkvoorraad(_verzoek(world.bureaudienst), wachtrij=True).wachtrij_aantal == 2

    persoon = make_persoon(world, "Naima", "Acuut")
    acuut = Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Nu", persoon=persoon,
                                      status=AanmeldingStatus.NIEUW, ontvangen_op=timezone.now())
    Triage.objects.create(gemeente=world.den_helder, aanmelding=acuut, urgentie="acuut", veiligheid="ja",
                          aard="meervoudig_zonder", uitkomst="specialistisch")
    werk = selectors.werkvoorraad(_verzoek(world.bureaudienst), wachtrij=True)

    assert werk.wachtrij_aantal == 3
    assert werk.wachtrij[0].pk == acuut.pk and werk.wachtrij[0].voor_wie == "Naima Acuut"  # the most urgent first


def test_an_empty_queue_is_zero_and_no_rows(world):
    werk = selectors.werkvoorraad(_verzoek(world.bureaudienst), wachtrij=True)
    assert (werk.wachtrij, werk.wachtrij_aantal) == ([], 0)


@pytest.mark.parametrize("wie", ["medewerker", "kcc", "beleidsmedewerker"])
def test_whoever_does_not_allocate_gets_no_queue_on_the_start_page(client, world, wie):
    _wachtend(world, 3)
    login(client, getattr(world, wie))
    response = client.get("/")
    assert response.status_code == 200
    assert response.context.get("wachtrij") is None
    assert "Beller" not in response.content.decode()


def test_the_bureaudienst_sees_the_queue_on_its_start_page(client, world):
    _wachtend(world, 3)
    login(client, world.bureaudienst)
    pagina = client.get("/").content.decode()
    assert "Beller 2" in pagina and "Beller 0" in pagina
