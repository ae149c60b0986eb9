"""The database side of `make soak` (bench/soak.py): run under the application's settings and environment.

    python bench/soak_check.py baseline            -> JSON: the highest ids before the load
    python bench/soak_check.py check BASELINE.json -> JSON: what the run's writes left in the database

`check` reports the identifiers of what is stored (the markers the load generator wrote into an
aanmelding's vraag, a contactmoment's notitie or a doel's omschrijving; new plan versions as casus and
version) and every half-written record among the rows created after the baseline, by these rules
(each write is one service and one transaction with its audit event: toegang/services.py
aanmelding_register, regie/services.py contactmoment_registreren, plan/services.py doel_opslaan and
plan_nieuwe_versie):

- an aanmelding, contactmoment, doel added by the load, or plan version without its CREATE audit event;
- a plan version made from an earlier one (`vorige`) without all of that one's goals and lines copied;
- a CREATE audit event of one of these kinds whose record does not exist.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter

MARKER = "SOAK-"


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkregie.config.settings")
    import django

    django.setup()


def models():
    from wijkregie.core.models import AuditEvent
    from wijkregie.plan.models import Doel, Ondersteuningsplan
    from wijkregie.regie.models import Contactmoment
    from wijkregie.toegang.models import Aanmelding

    return {"aanmelding": Aanmelding, "contactmoment": Contactmoment, "doel": Doel, "plan": Ondersteuningsplan,
            "audit": AuditEvent}


# The audit event each kind of record is written with (object_type), all with actie CREATE ("C").
AUDIT_TYPE = {"aanmelding": "toegang.aanmelding", "contactmoment": "regie.contactmoment", "doel": "plan.doel",
              "plan": "plan.ondersteuningsplan"}


def baseline() -> dict:
    from django.db.models import Max

    return {name: model.objects.aggregate(m=Max("pk"))["m"] or 0 for name, model in models().items()}


def marker_of(text: str) -> str | None:
    """The load generator's marker in a text: `SOAK-<run>-<session>-<n>` up to the next space or bracket."""
    at = (text or "").find(MARKER)
    if at < 0:
        return None
    end = at
    while end < len(text) and text[end] not in " ]\n":
        end += 1
    return text[at:end]


def check(base: dict) -> dict:
    m = models()
    audit = m["audit"].objects.filter(pk__gt=base["audit"], actie="C")
    audited = {
        kind: set(audit.filter(object_type=t).values_list("object_id", flat=True)) for kind, t in AUDIT_TYPE.items()
    }
    stored, half = [], []

    def without_audit(kind, pk, what):
        if str(pk) not in audited[kind]:
            half.append({"check": f"{kind} zonder audit event", "id": pk, "what": what})

    for pk, vraag in m["aanmelding"].objects.filter(pk__gt=base["aanmelding"]).values_list("pk", "vraag"):
        marker = marker_of(vraag)
        if marker:
            stored.append(f"aanmelding:{marker}")
        without_audit("aanmelding", pk, marker or "")
    for pk, notitie in m["contactmoment"].objects.filter(pk__gt=base["contactmoment"]).values_list("pk", "notitie"):
        marker = marker_of(notitie)
        if marker:
            stored.append(f"contactmoment:{marker}")
        without_audit("contactmoment", pk, marker or "")
    for pk, tekst in (
        m["doel"].objects.filter(pk__gt=base["doel"], omschrijving__contains=MARKER).values_list("pk", "omschrijving")
    ):
        marker = marker_of(tekst)
        stored.append(f"doel:{marker}")
        without_audit("doel", pk, marker)

    def inhoud(plan_id):
        doelen = Counter(m["doel"].objects.filter(plan_id=plan_id).exclude(omschrijving__contains=MARKER)
                         .values_list("leefgebied_id", "persoon_id", "omschrijving"))
        regels = m["plan"].objects.get(pk=plan_id).regels.count()
        return doelen, regels

    for plan in m["plan"].objects.filter(pk__gt=base["plan"]).only("pk", "casus_id", "versie", "vorige_id"):
        stored.append(f"plan:{plan.casus_id}:{plan.versie}")
        without_audit("plan", plan.pk, f"casus {plan.casus_id} versie {plan.versie}")
        if plan.vorige_id:
            (oud_doelen, oud_regels), (doelen, regels) = inhoud(plan.vorige_id), inhoud(plan.pk)
            if oud_doelen - doelen or regels < oud_regels:
                half.append({"check": "planversie zonder alle doelen en regels van de vorige", "id": plan.pk,
                             "what": f"casus {plan.casus_id} versie {plan.versie}: doelen {sum(doelen.values())} van "
                                     f"{sum(oud_doelen.values())}, regels {regels} van {oud_regels}"})
    for kind, object_type in AUDIT_TYPE.items():
        ids = {int(i) for i in audited[kind] if i.isdigit()}
        bestaand = set(m[kind].objects.filter(pk__in=ids).values_list("pk", flat=True))
        for pk in sorted(ids - bestaand):
            half.append({"check": f"audit event {object_type} zonder record", "id": pk, "what": ""})
    return {"stored": sorted(stored), "half_written": half,
            "new_rows": {k: m[k].objects.filter(pk__gt=base[k]).count() for k in AUDIT_TYPE}}


def main(argv):
    setup()
    if argv[0] == "baseline":
        print(json.dumps(baseline()))
    elif argv[0] == "check":
        print(json.dumps(check(json.loads(open(argv[1]).read()))))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
