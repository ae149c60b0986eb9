"""Demo beschikkingen for Den Helder: most of the plans' maatwerk requests decided by the demo backoffice
(Ingrid Mulder, mandaat MB-2024-02), a few refused or partly granted, the newest left open in the queue, and
some toewijzingen ending within eight weeks (expiring indications). Synthetic: AGB codes are made up.

Called by `wijkregie demo` after the plans and regie (monitor/management/commands/demo.py); idempotent.
Written directly with dates in the past (not through the service, which decides today).
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.organisatie.models import Mandaat
from wijkregie.plan.models import BeschikkingVerzoek

from .models import Beschikking, Besluit, Toewijzing, ToewijzingStatus, Toewijzingsvariant
from .services import GRONDSLAG

#: Providers of the demo with made-up AGB codes (8 digits; real codes come from Vektis).
AANBIEDERS = [("Omring", "75750001"), ("Vrijwaard", "75750002"), ("De Wering", "75750003")]
#: How many of the newest requests stay open for the demo's queue.
OPEN_LATEN = 5

MOTIVERING = {
    Besluit.TOEKENNING: "Uit het gesprek met het wijkteam blijkt dat u hulp nodig heeft om uw huishouden en administratie "
                        "weer zelf te doen. Uw netwerk kan dit niet helemaal opvangen. Daarom krijgt u deze begeleiding.",
    Besluit.GEDEELTELIJK: "U vroeg om 3 uur begeleiding per week. Uw dochter helpt al met de post. Daarom is 2 uur per week "
                          "genoeg om uw doelen te halen.",
    Besluit.AFWIJZING: "Uw buurtcentrum biedt gratis hulp bij de administratie. Die hulp past bij uw vraag. Daarom is een "
                       "maatwerkvoorziening nu niet nodig.",
}


def load_beschikkingen(gemeente, *, seed: int = 2014) -> int:
    if Beschikking.objects.filter(gemeente=gemeente).exists():
        return 0
    mandaat = Mandaat.objects.filter(gemeente=gemeente, besluit="MB-2024-02").select_related("houder").first()
    if mandaat is None:
        return 0
    rng = random.Random(seed)
    vandaag = timezone.localdate()
    verzoeken = list(BeschikkingVerzoek.objects.filter(gemeente=gemeente, afgehandeld_op__isnull=True)
                     .select_related("regel__plan__casus").order_by("aangevraagd_op", "pk"))
    te_beslissen = verzoeken[:-OPEN_LATEN] if len(verzoeken) > OPEN_LATEN else []
    created, nummer = 0, 0
    with transaction.atomic():
        for i, verzoek in enumerate(te_beslissen):
            regel, casus = verzoek.regel, verzoek.regel.plan.casus
            besluit = Besluit.AFWIJZING if i % 9 == 4 else Besluit.GEDEELTELIJK if i % 6 == 2 else Besluit.TOEKENNING
            besloten_op = min(timezone.now(), verzoek.aangevraagd_op + datetime.timedelta(days=rng.randint(2, 12)))
            begin = max(regel.ingangsdatum or timezone.localdate(besloten_op), timezone.localdate(besloten_op))
            # Every third grant ends within eight weeks from today (expiring indications); the rest after a year.
            einde = (vandaag + datetime.timedelta(days=rng.randint(7, 50)) if i % 3 == 0
                     else begin + datetime.timedelta(days=364))
            einde = max(einde, begin)
            toekennen = besluit != Besluit.AFWIJZING
            b = Beschikking.objects.create(
                gemeente=gemeente, verzoek=verzoek, casus=casus, persoon_id=casus.hoofdpersoon_id, wet=regel.wet,
                besluit=besluit, grondslag=GRONDSLAG.get(regel.wet, GRONDSLAG["wmo"]), motivering=MOTIVERING[besluit],
                besloten_door=mandaat.houder, mandaat=mandaat, besloten_op=besloten_op,
                verzonden_op=timezone.localdate(besloten_op),
                ingangsdatum=begin if toekennen else None, einddatum=einde if toekennen else None,
            )
            created += 1
            if toekennen:
                nummer += 1
                naam, agb = AANBIEDERS[i % len(AANBIEDERS)]
                Toewijzing.objects.create(
                    gemeente=gemeente, beschikking=b, toewijzingnummer=nummer, productcategorie=regel.productcategorie or "02",
                    volume=2 if besluit == Besluit.GEDEELTELIJK else int(regel.volume or 3), eenheid=regel.eenheid or "04",
                    frequentie=regel.frequentie or "2", variant=Toewijzingsvariant.INSPANNINGSGERICHT,
                    ingangsdatum=begin, einddatum=einde, aanbieder_agb=agb, aanbieder_naam=naam,
                    status=ToewijzingStatus.BEEINDIGD if einde < vandaag else ToewijzingStatus.ACTIEF,
                    reden_wijziging="05" if einde < vandaag else "", vastgesteld_op=besloten_op,
                    gestart_op=begin if begin <= vandaag else None,
                )
                created += 1
            BeschikkingVerzoek.objects.filter(pk=verzoek.pk).update(afgehandeld_op=besloten_op)
        audit_log(actor=None, actie=AuditActie.EXECUTE, object_type="demo", gemeente_id=gemeente.pk,
                  omschrijving=f"demo-beschikkingen geladen: {len(te_beslissen)} besluiten, "
                               f"{len(verzoeken) - len(te_beslissen)} verzoeken open", grondslag="systeem")
    return created
