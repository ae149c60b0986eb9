"""The timeline orders entries recorded as a date only (schaling, evaluatie) before the timed entries of
their day, newest first, so a later "Afgesloten" is never below them (issue 13, fault 3).

A date-only entry is a decision or a meeting; what follows from it (the status change, the closing, the
contacts after it) is recorded with its time. It therefore stands at the start of its day."""

import datetime

from django.utils import timezone

from wijkregie.casus.models import Statusovergang
from wijkregie.regie.models import Contactmoment, Evaluatie, Schaling
from wijkregie.regie.selectors import tijdlijn
from wijkregie.testing import login


def _om(dag: datetime.date, uur: int, minuut: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur, minuut)))


def test_date_only_entries_stand_at_the_start_of_their_day(client, world, getekend):
    casus = getekend.casus
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    eergisteren = gisteren - datetime.timedelta(days=1)
    g = dict(gemeente=world.den_helder, casus=casus)
    Contactmoment.objects.create(**g, soort="huisbezoek", met_wie="Contact eergisteren", op=_om(eergisteren, 16))
    Schaling.objects.create(**g, richting="af", naar="netwerk", reden="Schaling gisteren", op=gisteren)
    Contactmoment.objects.create(**g, soort="telefonisch", met_wie="Contact gisteren vroeg", op=_om(gisteren, 0, 30))
    evaluatie = Evaluatie.objects.filter(casus=casus).first()
    Evaluatie.objects.filter(pk=evaluatie.pk).update(gehouden_op=gisteren, verslag="Evaluatie gisteren")
    Statusovergang.objects.create(**g, van="afgeschaald", naar="afgesloten", op=_om(gisteren, 17, 45),
                                  reden="01 Afgesloten gisteren")

    teksten = [e.tekst for e in tijdlijn(casus)]
    volgorde = [next(i for i, t in enumerate(teksten) if woord in t) for woord in (
        "Afgesloten gisteren", "Contact gisteren vroeg", "Schaling gisteren", "Evaluatie gisteren",
        "Contact eergisteren")]
    assert volgorde[0] < volgorde[1] < min(volgorde[2], volgorde[3]) and max(volgorde[2], volgorde[3]) < volgorde[4]

    login(client, world.medewerker)
    content = client.get(f"/casussen/{casus.pk}/tijdlijn/").content.decode()
    assert (
        content.index("Afgesloten gisteren")
        < content.index("Evaluatie gisteren")
        < content.index("Contact eergisteren")
    )
    assert content.index("Afgesloten gisteren") < content.index("Schaling gisteren")


def test_paging_from_a_date_only_entry_continues_with_the_days_before(world, getekend):
    casus = getekend.casus
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    Schaling.objects.create(
        gemeente=world.den_helder, casus=casus, richting="af", naar="netwerk", reden="Schaling", op=gisteren
    )
    Contactmoment.objects.create(gemeente=world.den_helder, casus=casus, soort="huisbezoek", met_wie="Eerder",
                                 op=_om(gisteren - datetime.timedelta(days=1), 12))
    schaling = next(e for e in tijdlijn(casus) if e.soort == "schaling")
    ouder = tijdlijn(casus, voor=schaling.op)
    assert [e.tekst for e in ouder if "Eerder" in e.tekst] and not [e for e in ouder if e.soort == "schaling"]
