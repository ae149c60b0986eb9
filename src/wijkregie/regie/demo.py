"""Demo regie for Den Helder: regisseurs, contactmomenten, evaluations, afschalen with check-ins,
closed and reopened casussen, so that every state has examples with a history. Synthetic."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from wijkregie.casus import states
from wijkregie.casus.models import Casus, Status, Statusovergang
from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.plan.models import Ondersteuningsplan, PlanStatus, ZrmScore

from .models import Afsluiting, CheckIn, Contactmoment, Doelbeoordeling, Evaluatie, Regie, Schaling

SOORTEN = ["huisbezoek", "telefoon", "gesprek", "overleg", "bericht"]


def _overgang(casus, naar, op, door, reden):
    if states.allowed(casus.status, naar):
        Statusovergang.objects.create(gemeente_id=casus.gemeente_id, casus=casus, van=casus.status, naar=naar, door=door,
                                      op=op, reden=reden)
        casus.status = naar


def load_regie(gemeente, *, seed: int = 2014) -> int:
    if Regie.objects.filter(gemeente=gemeente).exists():
        return 0
    rng = random.Random(seed)
    now = timezone.now()
    created = 0
    plannen = list(Ondersteuningsplan.objects.filter(gemeente=gemeente, status=PlanStatus.ONDERTEKEND, versie=1)
                   .select_related("casus", "casus__medewerker", "casus__hoofdpersoon"))
    with transaction.atomic():
        for i, plan in enumerate(plannen):
            casus = plan.casus
            wie = casus.medewerker
            if wie is None:
                continue
            Regie.objects.create(gemeente=gemeente, casus=casus, houder="medewerker", medewerker=wie, door=wie,
                                 van=casus.geopend_op, uitleg_aan_inwoner="Afgesproken dat het team de hulp coördineert.")
            dagen = max(1, (now - casus.geopend_op).days)
            Contactmoment.objects.bulk_create([
                Contactmoment(gemeente=gemeente, casus=casus, soort=rng.choice(SOORTEN), door=wie,
                              op=casus.geopend_op + datetime.timedelta(days=rng.randint(0, dagen)),
                              met_wie=casus.hoofdpersoon.voornamen if casus.hoofdpersoon else "inwoner",
                              duur_minuten=rng.choice([None, 15, 30, 45, 60]))
                for _ in range(rng.randint(4, 20))
            ])
            created += 3
            evaluatie_op = timezone.localdate(plan.ondertekend_op or now) + datetime.timedelta(weeks=13)
            evaluatie = Evaluatie.objects.create(
                gemeente=gemeente, casus=casus, plan=plan, gepland_op=evaluatie_op,
                gehouden_op=evaluatie_op if evaluatie_op < timezone.localdate() else None,
                verslag="Doelen besproken met de inwoner." if evaluatie_op < timezone.localdate() else "", door=wie)
            if evaluatie.gehouden_op:
                # Goals judged and ZRM re-scored: most households move up a step, some slip back (monitor figures).
                Doelbeoordeling.objects.bulk_create([
                    Doelbeoordeling(gemeente=gemeente, evaluatie=evaluatie, doel=doel, behaald=rng.choice(["ja", "ja", "deels", "deels", "nee"]))
                    for doel in plan.doelen.all()])
                ZrmScore.objects.bulk_create([
                    ZrmScore(gemeente=gemeente, casus=casus, persoon_id=s.persoon_id, leefgebied_id=s.leefgebied_id, door=wie,
                             niveau=max(1, min(5, s.niveau + rng.choice([-1, 0, 1, 1, 1, 2]))), datum=evaluatie.gehouden_op)
                    for s in ZrmScore.objects.filter(casus=casus, datum__lt=evaluatie.gehouden_op)])
            if i % 6 == 0:  # some need more than the team can give
                Schaling.objects.create(gemeente=gemeente, casus=casus, richting="op", door=wie,
                                        naar=rng.choice(["specialistisch", "specialistisch", "veilig_thuis", "jeugdbescherming"]),
                                        op=min(timezone.localdate(), timezone.localdate(casus.geopend_op) + datetime.timedelta(days=rng.randint(20, 90))),
                                        reden="Meer nodig dan het team kan bieden.")
            einde = i % 4
            if einde >= 1:  # afgeschaald, with check-ins (some done)
                op = min(timezone.localdate(), evaluatie_op + datetime.timedelta(days=7))
                Schaling.objects.create(gemeente=gemeente, casus=casus, richting="af", naar="netwerk", op=op, door=wie,
                                        reden="Het netwerk draagt; vinger aan de pols.")
                _overgang(casus, Status.AFGESCHAALD, timezone.make_aware(datetime.datetime.combine(op, datetime.time(16))), wie, "afgeschaald")
                for k in range(1, 5):
                    gepland = op + datetime.timedelta(weeks=13 * k)
                    CheckIn.objects.create(gemeente=gemeente, casus=casus, medewerker=wie, gepland_op=gepland,
                                           gedaan_op=gepland if gepland < timezone.localdate() else None)
                created += 5
            afgesloten_op = None
            if einde >= 2:  # afgesloten
                op = min(now, max(casus.geopend_op + datetime.timedelta(days=30), now - datetime.timedelta(days=rng.randint(1, 200))))
                afgesloten_op = op
                _overgang(casus, Status.AFGESLOTEN, op, wie, "afgesloten")
                afsluiting = Afsluiting.objects.create(gemeente=gemeente, casus=casus, reden=rng.choice(["01", "01", "02", "03", "05"]),
                                                       op=op, door=wie)
                CheckIn.objects.filter(casus=casus, gedaan_op__isnull=True).delete()
                Regie.objects.filter(casus=casus, tot__isnull=True).update(tot=op)
                created += 1
                if einde == 3:  # heropend after a relapse
                    heropend = op + datetime.timedelta(days=rng.randint(20, 60))
                    if heropend < now:
                        _overgang(casus, Status.VRAAGVERHELDERING, heropend, wie, "terugval")
                        afsluiting.heropend_op, afsluiting.reden_heropenen = heropend, "Terugval"
                        afsluiting.save()
            Casus.objects.filter(pk=casus.pk).update(status=casus.status,
                                                     afgesloten_op=afgesloten_op if casus.status == Status.AFGESLOTEN else None)
        audit_log(actor=None, actie=AuditActie.EXECUTE, object_type="demo", gemeente_id=gemeente.pk,
                  omschrijving=f"demo-regie geladen: {len(plannen)} casussen", grondslag="systeem")
    return created
