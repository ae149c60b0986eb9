"""Demo regie for Den Helder: regisseurs, contactmomenten, evaluations, afschalen with check-ins,
closed and reopened casussen, so that every state has examples with a history. Synthetic.

Events keep their order: afgeschaald after the first evaluation was held, afgesloten some weeks after
that, contactmomenten and check-ins while the casus runs. One household, one casus: a question the
household asked after its casus was closed (toegang/demo.py let it join the casus, which was still open
then) opens the household's next casus, or, when the casus is reopened before it came, joins that."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wijkregie.casus import states
from wijkregie.casus.models import Casus, Status, Statusovergang
from wijkregie.core import synthetisch
from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.inwoners.models import Lidmaatschap
from wijkregie.organisatie.models import Medewerker
from wijkregie.plan.models import Ondersteuningsplan, PlanStatus, ZrmScore
from wijkregie.toegang.demo import casus_openen
from wijkregie.toegang.models import Aanmelding, AanmeldingStatus

from .models import Afsluiting, CheckIn, Contactmoment, Doelbeoordeling, Evaluatie, Regie, Schaling


def _werktijd(op: datetime.datetime, n: int) -> datetime.datetime:
    """The same day in office hours (9:00 to 16:45, varied by n without drawing from the demo's random
    sequence): a house visit at the hour the file happened to be opened, 02:53, looked wrong to a reader."""
    lokaal = timezone.localtime(op)
    return lokaal.replace(hour=9 + n % 8, minute=15 * (n % 4), second=0, microsecond=0)


def _overgang(casus, naar, op, door, reden):
    if states.allowed(casus.status, naar):
        Statusovergang.objects.create(
            gemeente_id=casus.gemeente_id, casus=casus, van=casus.status, naar=naar, door=door, op=op, reden=reden
        )
        casus.status = naar


def _vragen_na_afsluiting(gemeente, casus, vragen: list[Aanmelding], *, door, now) -> int:
    """The household's questions after its casus was closed: the first opens its next casus (or, asked in
    the last two days, waits at the bureaudienst, as a registration without an open casus does), the
    later ones join that casus. Returns the records created."""
    leden = list(
        Lidmaatschap.objects.huidig().filter(huishouden_id=casus.huishouden_id).values_list("persoon_id", flat=True)
    )
    nieuw, created = None, 0
    for aanmelding in vragen:
        if nieuw is None and (now - aanmelding.ontvangen_op).days <= 2:
            aanmelding.toedelingen.all().delete()
            Aanmelding.objects.filter(pk=aanmelding.pk).update(
                status=AanmeldingStatus.BUREAUDIENST,
                casus=None,
                team=None,
                medewerker=None,
                toegedeeld_op=None,
                eerste_contact_op=None,
            )
        elif nieuw is None:
            triage = getattr(aanmelding, "triage", None)
            status = (
                Status.UITVOERING
                if triage is not None and triage.uitkomst == "kortdurend"
                else Status.VRAAGVERHELDERING
            )
            aanmelding.toedelingen.all().delete()  # it was not a question within a running casus after all
            nieuw = casus_openen(gemeente, aanmelding, status=status, door=door, leden=leden)
            created += 4 + len(leden)
        else:
            Aanmelding.objects.filter(pk=aanmelding.pk).update(casus=nieuw)
            aanmelding.toedelingen.update(reden=f"nieuwe vraag binnen lopende casus {nieuw.pk}")
    return created


def load_regie(gemeente, *, seed: int = 2014) -> int:
    if Regie.objects.filter(gemeente=gemeente).exists():
        return 0
    rng = random.Random(seed)
    gen = synthetisch.Generator(rng, vandaag=timezone.localdate())  # the contact pattern the bench has too
    now = timezone.now()
    vandaag = timezone.localdate(now)
    created = 0
    bureaudienst = Medewerker.objects.filter(gemeente=gemeente, roltoewijzingen__rol="bureaudienst").first()
    plannen = list(Ondersteuningsplan.objects.filter(gemeente=gemeente, status=PlanStatus.ONDERTEKEND, versie=1)
                   .select_related("casus", "casus__medewerker", "casus__hoofdpersoon"))
    with transaction.atomic():
        for i, plan in enumerate(plannen):
            casus = plan.casus
            wie = casus.medewerker
            if wie is None:
                continue
            # The dates first, in their order: the evaluation 13 weeks after signing; afgeschaald a week after
            # it was held; afgesloten two weeks or more after that (mostly in the last 200 days); a relapse
            # 20 to 60 days after closing reopens it, unless the household came back with a new question
            # before (that opens its next casus).
            einde = i % 4
            evaluatie_op = timezone.localdate(plan.ondertekend_op or now) + datetime.timedelta(weeks=13)
            afgeschaald_op = evaluatie_op + datetime.timedelta(days=7)
            if einde < 1 or afgeschaald_op > vandaag:
                afgeschaald_op = None
            afgesloten_op = heropend = None
            if einde >= 2 and afgeschaald_op is not None:
                op = max(
                    timezone.make_aware(
                        datetime.datetime.combine(afgeschaald_op + datetime.timedelta(days=14), datetime.time(11))
                    ),
                    now - datetime.timedelta(days=rng.randint(1, 200)),
                )
                afgesloten_op = op if op < now else None
            later: list[Aanmelding] = []
            if afgesloten_op is not None:
                later = list(
                    Aanmelding.objects.filter(casus=casus, toegedeeld_op__gt=afgesloten_op)
                    .select_related("triage")
                    .order_by("toegedeeld_op", "pk")
                )
                if einde == 3:  # heropend after a relapse
                    heropend = afgesloten_op + datetime.timedelta(days=rng.randint(20, 60))
                    if heropend >= now or any(a.toegedeeld_op < heropend for a in later):
                        heropend = None
                if heropend is not None:
                    later = []  # they came after the reopening and joined the running casus
            actief_tot = afgesloten_op if afgesloten_op is not None and heropend is None else now

            Regie.objects.create(
                gemeente=gemeente,
                casus=casus,
                houder="medewerker",
                medewerker=wie,
                door=wie,
                van=casus.geopend_op,
                uitleg_aan_inwoner="Afgesproken dat het team de hulp coördineert.",
            )
            dagen = max(1, (actief_tot - casus.geopend_op).days)
            Contactmoment.objects.bulk_create([
                Contactmoment(gemeente=gemeente, casus=casus, soort=soort, door=wie, duur_minuten=duur,
                              op=min(actief_tot, max(casus.geopend_op, _werktijd(casus.geopend_op + datetime.timedelta(
                                  days=rng.randint(0, dagen)), casus.pk + i))),
                              met_wie=casus.hoofdpersoon.voornamen if casus.hoofdpersoon else "inwoner")
                for i, (soort, duur) in enumerate(gen.contactmoment() for _ in range(rng.randint(4, 20)))
            ])
            created += 3
            evaluatie = Evaluatie.objects.create(
                gemeente=gemeente, casus=casus, plan=plan, gepland_op=evaluatie_op,
                gehouden_op=evaluatie_op if evaluatie_op < vandaag else None,
                verslag="Doelen besproken met de inwoner." if evaluatie_op < vandaag else "", door=wie)
            if evaluatie.gehouden_op:
                # Goals judged and ZRM re-scored: most households move up a step, some slip back (monitor figures).
                Doelbeoordeling.objects.bulk_create(
                    [
                        Doelbeoordeling(
                            gemeente=gemeente,
                            evaluatie=evaluatie,
                            doel=doel,
                            behaald=rng.choice(["ja", "ja", "deels", "deels", "nee"]),
                        )
                        for doel in plan.doelen.all()
                    ]
                )
                ZrmScore.objects.bulk_create(
                    [
                        ZrmScore(
                            gemeente=gemeente,
                            casus=casus,
                            persoon_id=s.persoon_id,
                            leefgebied_id=s.leefgebied_id,
                            door=wie,
                            niveau=max(1, min(5, s.niveau + rng.choice([-1, 0, 1, 1, 1, 2]))),
                            datum=evaluatie.gehouden_op,
                        )
                        for s in ZrmScore.objects.filter(casus=casus, datum__lt=evaluatie.gehouden_op)
                    ]
                )
            if i % 6 == 0:  # some need more than the team can give
                Schaling.objects.create(
                    gemeente=gemeente,
                    casus=casus,
                    richting="op",
                    door=wie,
                    naar=rng.choice(["specialistisch", "specialistisch", "veilig_thuis", "jeugdbescherming"]),
                    op=min(
                        vandaag, timezone.localdate(casus.geopend_op) + datetime.timedelta(days=rng.randint(20, 90))
                    ),
                    reden="Meer nodig dan het team kan bieden.",
                )
            if afgeschaald_op is not None:  # afgeschaald, with check-ins (some done)
                Schaling.objects.create(
                    gemeente=gemeente,
                    casus=casus,
                    richting="af",
                    naar="netwerk",
                    op=afgeschaald_op,
                    door=wie,
                    reden="Het netwerk draagt; vinger aan de pols.",
                )
                _overgang(
                    casus,
                    Status.AFGESCHAALD,
                    timezone.make_aware(datetime.datetime.combine(afgeschaald_op, datetime.time(16))),
                    wie,
                    "afgeschaald",
                )
                for k in range(1, 5):
                    gepland = afgeschaald_op + datetime.timedelta(weeks=13 * k)
                    CheckIn.objects.create(gemeente=gemeente, casus=casus, medewerker=wie, gepland_op=gepland,
                                           gedaan_op=gepland if gepland < vandaag else None)
                created += 5
            if afgesloten_op is not None:
                _overgang(casus, Status.AFGESLOTEN, afgesloten_op, wie, "afgesloten")
                afsluiting = Afsluiting.objects.create(
                    gemeente=gemeente,
                    casus=casus,
                    reden=rng.choice(["01", "01", "02", "03", "05"]),
                    op=afgesloten_op,
                    door=wie,
                )
                # Check-ins end with the casus: none done after it was closed.
                CheckIn.objects.filter(casus=casus).filter(
                    Q(gedaan_op__isnull=True) | Q(gepland_op__gt=timezone.localdate(afgesloten_op))).delete()
                Regie.objects.filter(casus=casus, tot__isnull=True).update(tot=afgesloten_op)
                created += 1
                if heropend is not None:
                    _overgang(casus, Status.VRAAGVERHELDERING, heropend, wie, "terugval")
                    afsluiting.heropend_op, afsluiting.reden_heropenen = heropend, "Terugval"
                    afsluiting.save()
            Casus.objects.filter(pk=casus.pk).update(
                status=casus.status, afgesloten_op=afgesloten_op if casus.status == Status.AFGESLOTEN else None
            )
            if later:  # closed for good now, so the household may have its next casus
                created += _vragen_na_afsluiting(gemeente, casus, later, door=bureaudienst, now=now)
        audit_log(actor=None, actie=AuditActie.EXECUTE, object_type="demo", gemeente_id=gemeente.pk,
                  omschrijving=f"demo-regie geladen: {len(plannen)} casussen", grondslag="systeem")
    return created
