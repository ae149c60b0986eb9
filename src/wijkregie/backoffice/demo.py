"""Demo beschikkingen for Den Helder: most of the plans' maatwerk requests decided by the demo backoffice
(Ingrid Mulder, mandaat MB-2024-02), a few refused or partly granted, the newest left open in the queue, and
some toewijzingen ending within eight weeks (expiring indications). Synthetic: AGB codes are made up.

Called by `wijkregie demo` after the plans and regie (monitor/management/commands/demo.py); idempotent.
Written directly with dates in the past (not through the service, which decides today).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

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
    Besluit.TOEKENNING: "Uit het gesprek met het wijkteam blijkt dat u hulp nodig heeft om uw huishouden "
    "en administratie weer zelf te doen. Uw netwerk kan dit niet helemaal opvangen. Daarom krijgt u deze begeleiding.",
    Besluit.GEDEELTELIJK: "U vroeg om 3 uur begeleiding per week. Uw dochter helpt al met de post. Daarom is "
    "2 uur per week genoeg om uw doelen te halen.",
    Besluit.AFWIJZING: "Uw buurtcentrum biedt gratis hulp bij de administratie. Die hulp past bij uw vraag. "
    "Daarom is een maatwerkvoorziening nu niet nodig.",
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
                    gemeente=gemeente,
                    beschikking=b,
                    toewijzingnummer=nummer,
                    productcategorie=regel.productcategorie or "02",
                    volume=2 if besluit == Besluit.GEDEELTELIJK else int(regel.volume or 3),
                    eenheid=regel.eenheid or "04",
                    frequentie=regel.frequentie or "2",
                    variant=Toewijzingsvariant.INSPANNINGSGERICHT,
                    ingangsdatum=begin,
                    einddatum=einde,
                    aanbieder_agb=agb,
                    aanbieder_naam=naam,
                    status=ToewijzingStatus.BEEINDIGD if einde < vandaag else ToewijzingStatus.ACTIEF,
                    reden_wijziging="05" if einde < vandaag else "",
                    vastgesteld_op=besloten_op,
                    gestart_op=begin if begin <= vandaag else None,
                )
                created += 1
            BeschikkingVerzoek.objects.filter(pk=verzoek.pk).update(afgehandeld_op=besloten_op)
        audit_log(actor=None, actie=AuditActie.EXECUTE, object_type="demo", gemeente_id=gemeente.pk,
                  omschrijving=f"demo-beschikkingen geladen: {len(te_beslissen)} besluiten, "
                               f"{len(verzoeken) - len(te_beslissen)} verzoeken open", grondslag="systeem")
    return created + load_jeugdhulp(gemeente, seed=seed, eerste_nummer=nummer + 1)


#: Jeugdwet productcategorieën (JZ020) of the demo's jeugd toewijzingen: ambulant, dagbehandeling, verblijf, ggz.
JEUGD_CATEGORIEEN = ("45", "41", "43", "54")
#: How many households with a child get jeugdhulp in the demo (the CBS Beleidsinformatie Jeugd delivery).
JEUGD_HUISHOUDENS = 16


def load_jeugdhulp(gemeente, *, seed: int = 2014, eerste_nummer: int = 1) -> int:
    """Jeugdhulp for the CBS Beleidsinformatie Jeugd delivery: in households with a child (under 18, with a
    BSN) whose running casus has no plan yet, a signed plan whose goal is the child's, with kortdurende
    ondersteuning by the wijkteam (the wijkteam's own jeugdhulp; some ended as agreed) and, in every other one,
    a Jeugdwet maatwerk line decided by the backoffice into a toewijzing (some short ones ended already).
    Idempotent: nothing when the gemeente has a Jeugdwet beschikking already."""
    from wijkregie.casus.models import Casus, Status
    from wijkregie.inwoners.models import Lidmaatschap, Persoon
    from wijkregie.organisatie.models import Leefgebied
    from wijkregie.plan.models import Arrangementregel, Doel, Ondersteuningsplan, PlanStatus

    if Beschikking.objects.filter(gemeente=gemeente, wet="jeugdwet").exists():
        return 0
    teken = Mandaat.objects.filter(gemeente=gemeente, besluit="MB-2024-01").select_related("houder").first()
    beslis = Mandaat.objects.filter(gemeente=gemeente, besluit="MB-2024-02").select_related("houder").first()
    leefgebied = Leefgebied.objects.filter(gemeente=gemeente).order_by("pk").first()
    if teken is None or beslis is None or leefgebied is None:
        return 0
    rng = random.Random(seed + 7)
    vandaag = timezone.localdate()
    # Under 17 today, so a child in every period the demo's plans reach back to.
    kinderen = Persoon.objects.filter(
        gemeente=gemeente, geboortedatum__gt=vandaag - datetime.timedelta(days=17 * 365)
    ).exclude(bsn="")
    kind_per_huishouden = {}
    for lid in (
        Lidmaatschap.objects.filter(gemeente=gemeente, persoon__in=kinderen).select_related("persoon").order_by("pk")
    ):
        kind_per_huishouden.setdefault(lid.huishouden_id, lid.persoon)
    casussen = list(Casus.objects.filter(gemeente=gemeente, huishouden_id__in=kind_per_huishouden, plannen__isnull=True,
                                         status=Status.UITVOERING, medewerker__isnull=False)
                    .select_related("medewerker").order_by("-geopend_op")[:JEUGD_HUISHOUDENS])
    nummer = max(eerste_nummer, (Toewijzing.objects.filter(gemeente=gemeente).order_by("-toewijzingnummer")
                                 .values_list("toewijzingnummer", flat=True).first() or 0) + 1)
    created = 0
    with transaction.atomic():
        for i, casus in enumerate(casussen):
            kind = kind_per_huishouden[casus.huishouden_id]
            getekend = min(
                timezone.now() - datetime.timedelta(days=1),
                casus.geopend_op + datetime.timedelta(days=rng.randint(7, 21)),
            )
            begin = timezone.localdate(getekend)
            plan = Ondersteuningsplan.objects.create(
                gemeente=gemeente,
                casus=casus,
                contactpersoon=casus.medewerker,
                aangemaakt_door=casus.medewerker,
                matched_care="Het wijkteam begint zelf met opvoedondersteuning; meer waar dat nodig is.",
                gedeelde_besluitvorming="Met de ouders en het kind besproken.",
                akkoord_wijze="mondeling",
                akkoord_op=begin,
            )
            doel = Doel.objects.create(gemeente=gemeente, plan=plan, persoon=kind, leefgebied=leefgebied, prioriteit=1,
                                       omschrijving="Ik wil weer elke dag naar school.")
            # Every third line ran its agreed twelve weeks already: ended volgens plan.
            einde = begin + datetime.timedelta(weeks=12) if i % 3 == 0 else None
            Arrangementregel.objects.create(
                gemeente=gemeente,
                plan=plan,
                doel=doel,
                soort="kortdurend",
                omschrijving="Opvoedondersteuning door het wijkteam",
                medewerker=casus.medewerker,
                aantal_contacten=6,
                ingangsdatum=begin,
                einddatum=einde,
            )
            jeugdwet = i % 2 == 1
            if jeugdwet:
                regel = Arrangementregel.objects.create(
                    gemeente=gemeente,
                    plan=plan,
                    doel=doel,
                    soort="maatwerk",
                    omschrijving="Jeugdhulp door een aanbieder",
                    wet="jeugdwet",
                    productcategorie=JEUGD_CATEGORIEEN[(i // 2) % len(JEUGD_CATEGORIEEN)],
                    volume=Decimal("4"),
                    eenheid="04",
                    frequentie="2",
                    ingangsdatum=begin,
                    geraamde_kosten=Decimal("6000"),
                )
            plan.status, plan.ondertekend_door, plan.mandaat, plan.ondertekend_op = (
                PlanStatus.ONDERTEKEND, teken.houder, teken, getekend)
            plan.save()
            created += 3
            if not jeugdwet:
                continue
            verzoek = BeschikkingVerzoek.objects.create(gemeente=gemeente, regel=regel, aangevraagd_op=getekend)
            besloten_op = min(timezone.now(), getekend + datetime.timedelta(days=rng.randint(3, 10)))
            start = timezone.localdate(besloten_op)
            # Every second one is a short indication of four months, the rest a year. One that has ended was
            # ended by the gemeente (reden wijziging 05, as the Wmo demo does); the providers' demo messages
            # (demo_berichten, loaded next) add their start and, for most, a stop with its JZ588 reason.
            eind = start + datetime.timedelta(days=120 if (i // 2) % 2 == 0 else 364)
            b = Beschikking.objects.create(
                gemeente=gemeente,
                verzoek=verzoek,
                casus=casus,
                persoon=kind,
                wet="jeugdwet",
                besluit=Besluit.TOEKENNING,
                grondslag=GRONDSLAG.get("jeugdwet", GRONDSLAG["wmo"]),
                motivering=MOTIVERING[Besluit.TOEKENNING],
                besloten_door=beslis.houder,
                mandaat=beslis,
                besloten_op=besloten_op,
                verzonden_op=start,
                ingangsdatum=start,
                einddatum=eind,
            )
            BeschikkingVerzoek.objects.filter(pk=verzoek.pk).update(afgehandeld_op=besloten_op)
            naam, agb = AANBIEDERS[i % len(AANBIEDERS)]
            Toewijzing.objects.create(
                gemeente=gemeente,
                beschikking=b,
                toewijzingnummer=nummer,
                productcategorie=regel.productcategorie,
                volume=4,
                eenheid="04",
                frequentie="2",
                variant=Toewijzingsvariant.INSPANNINGSGERICHT,
                ingangsdatum=start,
                einddatum=eind,
                aanbieder_agb=agb,
                aanbieder_naam=naam,
                vastgesteld_op=besloten_op,
                status=ToewijzingStatus.BEEINDIGD if eind < vandaag else ToewijzingStatus.ACTIEF,
                reden_wijziging="05" if eind < vandaag else "",
                gestart_op=start if start <= vandaag else None,
            )
            nummer += 1
            created += 2
        if casussen:
            audit_log(
                actor=None,
                actie=AuditActie.EXECUTE,
                object_type="demo",
                gemeente_id=gemeente.pk,
                omschrijving=f"demo-jeugdhulp geladen: {len(casussen)} plannen voor een kind",
                grondslag="systeem",
            )
    return created
