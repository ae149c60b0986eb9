"""The start page's first of the bureaudienst's queue names the resident and reads nothing else of the
file: not the BSN, address or phone, not the question itself, not who it may be allocated to
(dataminimalisatie). The count is the whole queue's; the order is the queue's (most urgent first)."""

import datetime

from django.utils import timezone

from wijkregie.testing import make_persoon
from wijkregie.toegang.models import Aanmelding, AanmeldingStatus, Triage
from wijkregie.toegang.selectors import bureaudienst_wachtrij, wachtrij_begin


def test_the_queue_on_the_start_page_reads_the_name_only(world):
    nu = timezone.now()
    persoon = make_persoon(world, "Naima", "Wacht", bsn="111222333", straat="Spoorstraat", huisnummer="4",
                           telefoon="0612345678", geboortedatum=datetime.date(1980, 5, 1))
    for i in range(7):
        Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag=f"Schulden {i}",
                                  anoniem_naam=f"Beller {i}", status=AanmeldingStatus.BUREAUDIENST,
                                  ontvangen_op=nu - datetime.timedelta(days=i + 1))
    acuut = Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Geheime vraag",
                                      persoon=persoon, status=AanmeldingStatus.BUREAUDIENST, ontvangen_op=nu)
    Triage.objects.create(gemeente=world.den_helder, aanmelding=acuut, urgentie="acuut", veiligheid="ja",
                          aard="meervoudig_zonder", uitkomst="specialistisch")

    rijen, aantal = wachtrij_begin(world.bureaudienst)

    assert aantal == 8 == bureaudienst_wachtrij(world.bureaudienst).count()
    assert [a.pk for a in rijen] == [a.pk for a in bureaudienst_wachtrij(world.bureaudienst)[:5]]
    assert rijen[0].pk == acuut.pk and rijen[0].voor_wie == "Naima Wacht"
    assert {"bsn", "straat", "telefoon", "geboortedatum"} <= rijen[0].persoon.get_deferred_fields()
    assert {"vraag", "medewerker_id", "team_id", "advies"} <= rijen[0].get_deferred_fields()
    assert rijen[1].voor_wie == "Beller 6"  # then the longest waiting
