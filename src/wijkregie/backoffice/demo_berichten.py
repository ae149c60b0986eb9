"""Demo exchange for Den Helder (`wijkregie berichten demo`, demo mode only): the demo's toewijzingen told to
their providers (301s, sent), the providers' starts (305) and a few stops (307) answered with their retours,
one start about a number the gemeente never assigned (rejected, 9019), one verzoek om toewijzing (315)
waiting for the backoffice, and the newest 301s still waiting to be sent. Synthetic, idempotent; every
message goes through the same services as a real one, so it is read, checked and audited as one.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from . import berichten
from .istandaard import aanbieder, codes
from .istandaard.gegevens import AangevraagdProduct, Client, StartProduct, StopProduct
from .models import Bericht, BerichtStatus, Toewijzing

#: The newest 301s stay unsent, for the download on the berichten page.
KLAAR_LATEN = 3


def _client(persoon) -> Client:
    return Client(bsn=persoon.bsn, achternaam=persoon.achternaam, voorvoegsel=persoon.tussenvoegsel,
                  voornamen=persoon.voornamen, geboortedatum=persoon.geboortedatum)


def _verzonden(bericht: Bericht, op: datetime.datetime) -> None:
    Bericht.objects.filter(pk=bericht.pk).update(status=BerichtStatus.VERZONDEN, aangemaakt_op=op, verzonden_op=op)


def load_berichten(gemeente, *, seed: int = 2014) -> int:
    if Bericht.objects.filter(gemeente=gemeente).exists() or not gemeente.cbs_code:
        return 0
    rng = random.Random(seed)
    vandaag = timezone.localdate()
    toewijzingen = list(Toewijzing.objects.filter(gemeente=gemeente).exclude(beschikking__persoon__bsn="")
                        .select_related("beschikking__persoon").order_by("vastgesteld_op", "pk"))
    aantal = 0
    with transaction.atomic():
        for i, t in enumerate(toewijzingen):
            bericht = berichten.toewijzing_klaarzetten(t)
            if bericht is None:
                continue
            aantal += 1
            if i >= len(toewijzingen) - KLAAR_LATEN:
                continue
            _verzonden(bericht, t.vastgesteld_op)
            standaard = berichten.STANDAARD[t.beschikking.wet]
            begin = t.ingangsdatum + datetime.timedelta(days=rng.randint(1, 6))
            if begin >= vandaag:
                continue
            client = _client(t.beschikking.persoon)
            gemeen = dict(standaard=standaard, agb=t.aanbieder_agb, gemeentecode=gemeente.cbs_code,
                          dagtekening=min(vandaag, berichten.werkdagen_na(begin, 2)), client=client)
            start = aanbieder.bouw_305(**gemeen, identificatie=f"S{t.toewijzingnummer}",
                                       starts=[StartProduct(t.toewijzingnummer, "", "", t.ingangsdatum, begin, "1")])
            aantal += _importeer(gemeente, start, f"S{t.toewijzingnummer}.xml")
            if t.einddatum and t.einddatum < vandaag and rng.random() < 0.7:
                stop = aanbieder.bouw_307(
                    **{**gemeen, "dagtekening": min(vandaag, berichten.werkdagen_na(t.einddatum, 2))},
                    identificatie=f"E{t.toewijzingnummer}",
                    stops=[StopProduct(t.toewijzingnummer, "", "", t.ingangsdatum, begin, "31", t.einddatum, "1")],
                )
                aantal += _importeer(gemeente, stop, f"E{t.toewijzingnummer}.xml")
        if toewijzingen:
            t = toewijzingen[0]
            gemeen = dict(standaard=berichten.STANDAARD[t.beschikking.wet], agb=t.aanbieder_agb,
                          gemeentecode=gemeente.cbs_code, dagtekening=vandaag, client=_client(t.beschikking.persoon))
            # A start on a number the gemeente never assigned: answered 9019, nothing applied.
            fout = aanbieder.bouw_305(**gemeen, identificatie="S-ONBEKEND", starts=[
                StartProduct(999_999_001, "", "", t.ingangsdatum, min(vandaag, t.ingangsdatum), "1")])
            aantal += _importeer(gemeente, fout, "S-ONBEKEND.xml")
            # A provider asks for more help for the same client: a task for the backoffice, 5 working days.
            categorie = t.productcategorie
            vraag = aanbieder.bouw_315(**gemeen, identificatie="V-DEMO-1", aangevraagd=[AangevraagdProduct(
                "VOT-DEMO-1", categorie, "", vandaag + datetime.timedelta(days=14),
                vandaag + datetime.timedelta(days=180), None, None, "01",
                commentaar="Na de start blijkt ook hulp bij het huishouden nodig.")])
            aantal += _importeer(gemeente, vraag, "V-DEMO-1.xml")
    return aantal


def _importeer(gemeente, inhoud: bytes, naam: str) -> int:
    uitkomst = berichten.bericht_importeren(inhoud=inhoud, bestandsnaam=naam, gemeente=gemeente)
    if uitkomst.retour is not None:
        Bericht.objects.filter(pk=uitkomst.retour.pk).update(
            status=BerichtStatus.VERZONDEN, verzonden_op=timezone.now()
        )
    return 1 + (uitkomst.retour is not None)


__all__ = ["load_berichten", "codes"]
