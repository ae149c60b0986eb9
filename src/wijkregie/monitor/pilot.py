"""The Den Helder pilot of 2014 as registrations (seed 004 Tabel 6 and 7): 78 questions, 38 by e-mail
and 40 from partners; 40 categorised by aard, 38 not. Synthetic content, the published counts."""

from __future__ import annotations

import csv
import datetime
import random
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.toegang.models import Aanmelding, Triage

from .definitions import AARD_LABEL
from .scope import Filter, aanmeldingen

DATA = Path(__file__).resolve().parent / "pilot_data"
VAN, TOT = datetime.date(2014, 7, 1), datetime.date(2014, 11, 1)
KANAAL = {"e-mail": "email", "partner": "partner"}


def _csv(naam):
    with open(DATA / naam, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_pilot(gemeente, *, seed: int = 2014) -> int:
    if aanmeldingen(Filter(gemeente=gemeente, van=VAN, tot=TOT)).exists():
        return 0
    rng = random.Random(seed)
    kanalen = [KANAAL[r["kanaal"]] for r in _csv("pilot_instroom_2014.csv") for _ in range(int(r["aantal"]))]
    aard_code = {v: k for k, v in AARD_LABEL.items()}
    aarden = [aard_code[(r["aard"], r["ondersteuningsplan"], r["indicatie"])]
              for r in _csv("pilot_aard_vragen_2014.csv") for _ in range(int(r["aantal"]))]
    aarden += [None] * (len(kanalen) - len(aarden))  # Tabel 7 categorised 40 of the 78
    rng.shuffle(aarden)
    tz = timezone.get_current_timezone()
    dagen = (TOT - VAN).days
    with transaction.atomic():
        for kanaal, aard in zip(kanalen, aarden):
            ontvangen = datetime.datetime.combine(VAN + datetime.timedelta(days=rng.randrange(dagen)),
                                                  datetime.time(rng.randint(8, 16), rng.randint(0, 59)), tz)
            aanmelding = Aanmelding.objects.create(
                gemeente=gemeente, kanaal=kanaal, ontvangen_op=ontvangen, geregistreerd_op=ontvangen,
                anoniem_naam="(pilot 2014)", vraag="Vraag uit de pilot Julianadorp en De Schooten (2014).",
                verwijzer="02" if kanaal == "partner" else "",
                status="voorkant" if aard == "informatie" else "toegedeeld",
                eerste_contact_op=ontvangen + datetime.timedelta(days=rng.randint(0, 6)),
            )
            if aard:
                Triage.objects.create(
                    gemeente=gemeente,
                    aanmelding=aanmelding,
                    veiligheid="nee",
                    aard=aard,
                    uitkomst="opgelost" if aard == "informatie" else "vraagverheldering",
                    op=ontvangen,
                    meervoudig=aard.startswith("meervoudig"),
                )
        audit_log(actor=None, actie=AuditActie.EXECUTE, object_type="demo", gemeente_id=gemeente.pk,
                  omschrijving=f"pilot 2014 geladen: {len(kanalen)} aanmeldingen", grondslag="systeem")
    return len(kanalen)
