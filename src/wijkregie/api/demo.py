"""The API demo (`wijkregie api token --demo`): the Den Helder demo's huisartsenpraktijk, and one demo
household that consented to share its plan with it, so that every scope of the demo key shows something.

Idempotent: once the practice is a betrokkene of a casus, nothing more is done. Consent and the
betrokkene are recorded through casus' and regie's own services (checked by the age rules, audited).
"""

from __future__ import annotations

from django.db import transaction

from wijkregie.casus.models import Casus, Status, Toestemming
from wijkregie.casus.services import toestemmingen_record
from wijkregie.casus.toestemming import VEREIST, casus_leden, gevers, leeftijdsgroep
from wijkregie.organisatie.demo import ORGANISATIES
from wijkregie.organisatie.models import Organisatie, OrganisatieSoort
from wijkregie.plan.models import PlanStatus
from wijkregie.regie.models import Betrokkene
from wijkregie.regie.services import betrokkene_add

DOEL = "afstemmen van zorg en ondersteuning met de huisarts"


def demo_praktijk(gemeente) -> Organisatie:
    """The demo's huisartsenpraktijk (organisatie/demo.py); added when the demo was loaded before it existed."""
    naam, soort, omschrijving = next(o for o in ORGANISATIES if o[1] == OrganisatieSoort.HUISARTS)
    org, _ = Organisatie.objects.get_or_create(gemeente=gemeente, naam=naam,
                                               defaults={"soort": soort, "omschrijving": omschrijving})
    return org


def _gegeven(leden) -> list | None:
    """[(member, gegeven_als, gegeven_door)] covering every member by the age rules, or None."""
    rijen = []
    for persoon in leden:
        mogelijk = gevers(persoon)
        for nodig in VEREIST[leeftijdsgroep(persoon)]:
            gever = next((g for g in mogelijk if g[0] in nodig), None)
            if gever is None:
                return None
            rijen.append((persoon, gever[0], gever[1]))
    return rijen


def demo_delen(gemeente) -> Casus | None:
    """Makes the practice a betrokkene of the first demo household in uitvoering with a signed plan whose
    members can all consent, recording that consent. Returns the casus, or None when there is none."""
    praktijk = demo_praktijk(gemeente)
    bestaand = Betrokkene.objects.filter(organisatie=praktijk, tot__isnull=True).select_related("casus").first()
    if bestaand is not None:
        return bestaand.casus
    kandidaten = (Casus.objects.filter(gemeente=gemeente, status=Status.UITVOERING, medewerker__isnull=False,
                                       hoofdpersoon__isnull=False, plannen__status=PlanStatus.ONDERTEKEND)
                  .select_related("medewerker").distinct().order_by("pk")[:50])
    for casus in kandidaten:
        gegeven = _gegeven(casus_leden(casus))
        if gegeven is None:
            continue
        with transaction.atomic():
            toestemmingen_record(actor=casus.medewerker, gegeven=gegeven, basis=Toestemming(
                scope="delen", organisatie=praktijk, doel=DOEL, casus=casus))
            betrokkene_add(actor=casus.medewerker, casus=casus, betrokkene=Betrokkene(
                organisatie=praktijk, naam="Huisarts", rol="huisarts van het huishouden", contactpersoon=True))
        return casus
    return None
