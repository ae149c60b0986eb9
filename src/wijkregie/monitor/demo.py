"""Demo cliëntervaring: every demo closure invited the resident, a realistic part answered. Synthetic."""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from wijkregie.regie.models import Afsluiting

from .models import Aanleiding, Clientervaring
from .survey import VRAGEN

RESPONS = 0.45  # response rates of 40–50% are usual for a short survey handed over in person


def load_ervaringen(gemeente, *, seed: int = 2014) -> int:
    if Clientervaring.objects.filter(gemeente=gemeente).exists():
        return 0
    rng = random.Random(seed)
    nieuw = []
    for afsluiting in Afsluiting.objects.filter(gemeente=gemeente).select_related("casus").order_by("pk"):
        ervaring = Clientervaring(
            gemeente=gemeente,
            casus=afsluiting.casus,
            aanleiding=Aanleiding.AFSLUITING,
            bron=f"afsluiting:{afsluiting.pk}",
            uitgenodigd_op=afsluiting.op,
            geldig_tot=afsluiting.op.date() + datetime.timedelta(days=60),
        )
        if rng.random() < RESPONS:
            ervaring.beantwoord_op = afsluiting.op + datetime.timedelta(
                days=rng.randint(1, 14), hours=rng.randint(0, 8)
            )
            tevreden = rng.random() < 0.8  # most residents are positive, a minority is not
            for veld, _onderwerp, _tekst in VRAGEN:
                setattr(ervaring, veld, rng.choice([4, 4, 5, 5, 3, None] if tevreden else [1, 2, 2, 3, 4, None]))
            ervaring.rapportcijfer = rng.choice([7, 7, 8, 8, 8, 9, 10] if tevreden else [3, 4, 5, 6, 6])
        nieuw.append(ervaring)
    with transaction.atomic():
        Clientervaring.objects.bulk_create(nieuw)
    return len(nieuw)
