"""eerste_rijen_van with a key (issue 17): the statement is built and compiled once per process, and what it reads
is what the same lists read without a key: the same rows, the same values, each row's expressions (an EXISTS as
True or False), an absent reverse one-to-one known as absent (no query to find out), and nothing where the lists
can hold nothing."""

from django.db import connection
from django.db.models import Exists, OuterRef
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkregie.casus.models import Casus
from wijkregie.core import querying
from wijkregie.testing import make_persoon
from wijkregie.toegang.models import Aanmelding, AanmeldingStatus, Triage


def _bronnen(world):
    qs = Aanmelding.objects.filter(gemeente=world.den_helder).order_by("ontvangen_op", "pk")
    return {
        "aanmeldingen": (qs, 10, None, {"persoon": ("voornamen", "achternaam"), "triage": None},
                         {"met_casus": Exists(Casus.objects.filter(hoofdpersoon=OuterRef("persoon_id")))}),
        "geen": (qs.filter(kanaal="bestaat-niet"), 10, ("kanaal",)),
    }


def test_with_a_key_it_reads_what_it_reads_without_in_one_query_and_builds_once(world, settings):
    settings.GECOMPILEERD_CONTROLE = False  # as in production
    met = make_persoon(world, "Met", "Casus", team=world.team_noord)
    zonder = make_persoon(world, "Zonder", "Casus")
    nu = timezone.now()
    eerste = Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Hulp", persoon=met,
                                       status=AanmeldingStatus.NIEUW, ontvangen_op=nu)
    Aanmelding.objects.create(gemeente=world.den_helder, kanaal="balie", vraag="Vraag", persoon=zonder,
                              status=AanmeldingStatus.NIEUW, ontvangen_op=nu)
    Triage.objects.create(gemeente=world.den_helder, aanmelding=eerste, urgentie="acuut", veiligheid="ja",
                          aard="meervoudig_zonder", uitkomst="specialistisch")
    querying._eerste_rijen.clear()
    gebouwd = []

    def bouw():
        gebouwd.append(1)
        return _bronnen(world)

    zonder_sleutel = querying.eerste_rijen_van(_bronnen(world))
    querying.eerste_rijen_van(bouw, sleutel=("test.met_sleutel", world.den_helder.pk), model=Aanmelding)
    with CaptureQueriesContext(connection) as ctx:
        met_sleutel = querying.eerste_rijen_van(bouw, sleutel=("test.met_sleutel", world.den_helder.pk),
                                                model=Aanmelding)

    assert gebouwd == [1] and len(ctx.captured_queries) == 1
    assert met_sleutel["geen"] == [] == zonder_sleutel["geen"]
    for rijen in (zonder_sleutel, met_sleutel):
        gelezen = {a.kanaal: a for a in rijen["aanmeldingen"]}
        assert gelezen["telefoon"].met_casus is True and gelezen["balie"].met_casus is False
        assert gelezen["telefoon"].persoon.naam == "Met Casus"
        assert gelezen["telefoon"].ontvangen_op == nu and timezone.is_aware(gelezen["balie"].ontvangen_op)
        assert gelezen["telefoon"].triage.urgentie == "acuut"
    # No triage, and that is known: asking costs no query.
    with CaptureQueriesContext(connection) as ctx:
        for rijen in (zonder_sleutel, met_sleutel):
            assert not hasattr({a.kanaal: a for a in rijen["aanmeldingen"]}["balie"], "triage")
    assert len(ctx.captured_queries) == 0


def test_lists_that_can_hold_nothing_read_nothing(world):
    querying._eerste_rijen.clear()
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            rijen = querying.eerste_rijen_van(lambda: {"c": (Casus.objects.none(), 10, ("status",))},
                                              sleutel=("test.leeg",), model=Casus)
        assert rijen == {"c": []} and len(ctx.captured_queries) == 0
