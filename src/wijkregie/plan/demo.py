"""Demo plans for Den Helder: households with plans in every state (concept, ter ondertekening,
ondertekend, ondertekend with a newer concept version), ZRM scores and consults. Synthetic."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wijkregie.casus import states
from wijkregie.casus.models import Casus, Status, Statusovergang
from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.organisatie.models import Leefgebied, Mandaat, Medewerker, Voorziening

from .models import Arrangementregel, BeschikkingVerzoek, Consult, Doel, Ondersteuningsplan, PlanStatus, ZrmScore
from .services import plan_copy_as_version

DOELEN = {
    "Financiën": "Ik wil mijn rekeningen weer zelf op tijd betalen.",
    "Huisvesting": "We willen een woning waar de kinderen een eigen kamer hebben.",
    "Sociaal netwerk": "Ik wil één keer per week iets samen met anderen doen.",
    "Basale ADL": "Ik wil mezelf weer kunnen wassen en aankleden.",
    "Huiselijke relaties": "Minder ruzie thuis, vooral 's avonds.",
}


def _op(dag: datetime.date, uur: int, casus: Casus) -> datetime.datetime:
    """That day at that hour: after the casus opened, not in the future."""
    op = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur)))
    return min(timezone.now(), max(op, casus.geopend_op + datetime.timedelta(minutes=1)))


def load_plannen(gemeente, *, seed: int = 2014) -> int:
    if Ondersteuningsplan.objects.filter(gemeente=gemeente).exists():
        return 0
    rng = random.Random(seed)
    created = 0
    leefgebieden = {lg.naam: lg for lg in Leefgebied.objects.filter(gemeente=gemeente)}
    vrij = list(Voorziening.objects.filter(gemeente=gemeente, toegang="vrij"))
    teken = Mandaat.objects.filter(gemeente=gemeente, besluit="MB-2024-01").select_related("houder").first()
    alle = list(
        Casus.objects.filter(
            gemeente=gemeente, hoofdpersoon__isnull=False, status__in=[Status.VRAAGVERHELDERING, Status.UITVOERING]
        )
        .select_related("medewerker", "team")
        .order_by("geopend_op")
    )
    # Spread over the three demo years, so that every period of the monitor has plans, evaluations and closures.
    casussen = alle[::max(1, len(alle) // 80)][:80]
    gw = Medewerker.objects.filter(gemeente=gemeente, roltoewijzingen__rol="gedragswetenschapper").first()
    staten = ["concept", "ter_ondertekening", "ondertekend", "ondertekend_v2"]
    with transaction.atomic():
        for i, casus in enumerate(casussen):
            dag = timezone.localdate(casus.geopend_op) + datetime.timedelta(days=rng.randint(3, 20))
            dag = min(dag, timezone.localdate())
            for naam in rng.sample(list(DOELEN), 3):
                ZrmScore.objects.create(
                    gemeente=gemeente,
                    casus=casus,
                    persoon=casus.hoofdpersoon,
                    leefgebied=leefgebieden[naam],
                    niveau=rng.choice([1, 2, 2, 3, 3, 4]),
                    datum=dag,
                    door=casus.medewerker,
                    eigen_visie="In eigen woorden besproken aan de keukentafel.",
                )
                created += 1
            if i % 7 == 0 and gw is not None:
                Consult.objects.create(gemeente=gemeente, casus=casus, gevraagd_aan=gw, gevraagd_door=casus.medewerker,
                                       vraag="Graag advies over de aanpak met de kinderen.", over_veiligheid=False)
                created += 1
            staat = staten[i % len(staten)]
            plan = Ondersteuningsplan.objects.create(
                gemeente=gemeente, casus=casus, contactpersoon=casus.medewerker, aangemaakt_door=casus.medewerker,
                matched_care="Lichte hulp waar het kan: het netwerk doet mee, maatwerk alleen waar nodig.",
                gedeelde_besluitvorming="Samen met het huishouden besproken en afgesproken.",
                akkoord_wijze="mondeling", akkoord_op=dag,
            )
            for prioriteit, naam in enumerate(rng.sample(list(DOELEN), 2), start=1):
                Doel.objects.create(
                    gemeente=gemeente,
                    plan=plan,
                    leefgebied=leefgebieden[naam],
                    omschrijving=DOELEN[naam],
                    prioriteit=prioriteit,
                    doel_niveau=4,
                )
            Arrangementregel.objects.create(
                gemeente=gemeente, plan=plan, soort="eigen_kracht", omschrijving="Post samen openen", wie="dochter"
            )
            if vrij:
                Arrangementregel.objects.create(
                    gemeente=gemeente,
                    plan=plan,
                    soort="vrij",
                    omschrijving="Inloop en advies",
                    voorziening=rng.choice(vrij),
                )
            Arrangementregel.objects.create(
                gemeente=gemeente,
                plan=plan,
                soort="maatwerk",
                omschrijving="Begeleiding thuis",
                wet="wmo",
                productcategorie="02",
                volume=Decimal("3"),
                eenheid="04",
                frequentie="2",
                ingangsdatum=dag,
                geraamde_kosten=Decimal(rng.choice([2400, 4800, 7200])),
            )
            created += 6
            if staat == "ter_ondertekening" and teken:
                plan.status, plan.ter_ondertekening_bij = PlanStatus.TER_ONDERTEKENING, teken.houder
                plan.save()
            elif staat.startswith("ondertekend") and teken:
                plan.status, plan.ondertekend_door, plan.mandaat = PlanStatus.ONDERTEKEND, teken.houder, teken
                plan.ondertekend_op = _op(dag, 15, casus)
                plan.save()
                for regel in plan.regels.filter(soort="maatwerk"):
                    BeschikkingVerzoek.objects.create(
                        gemeente=gemeente, regel=regel, aangevraagd_op=plan.ondertekend_op
                    )
                if staat == "ondertekend_v2":
                    nieuw = plan_copy_as_version(plan, aangemaakt_door=casus.medewerker)
                    if vrij:
                        Arrangementregel.objects.create(
                            gemeente=gemeente,
                            plan=nieuw,
                            soort="vrij",
                            omschrijving="Budgetcursus",
                            voorziening=rng.choice(vrij),
                        )
                    created += 1
            # Along the transition table: via 'plan' (the day it was made), and on to 'uitvoering' once signed.
            pad = [(Status.PLAN, _op(dag, 10, casus))]
            if staat.startswith("ondertekend"):
                pad.append((Status.UITVOERING, plan.ondertekend_op or _op(dag, 15, casus)))
            huidig = casus.status
            for naar, op in pad:
                if states.allowed(huidig, naar):
                    Statusovergang.objects.create(gemeente=gemeente, casus=casus, van=huidig, naar=naar,
                                                  door=casus.medewerker, op=op, reden="demo: plan")
                    huidig = naar
            Casus.objects.filter(pk=casus.pk).update(status=huidig)
        audit_log(actor=None, actie=AuditActie.EXECUTE, object_type="demo", gemeente_id=gemeente.pk,
                  omschrijving=f"demo-plannen geladen: {len(casussen)} casussen", grondslag="systeem")
    return created
