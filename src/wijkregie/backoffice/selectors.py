"""Backoffice reads: the queue of maatwerk requests with their legal deadlines, decisions, expiring toewijzingen.

What the backoffice sees (docs/backoffice.md, docs/toegangsbeleid.md): who the resident is (identiteit,
contact) and the request itself, the plan's maatwerk line as the team sent it (law, product category,
omvang, period, preferred provider, estimated cost) with who signed the plan under which mandaat. Not
the team's file: no goals, ZRM, safety, contactmomenten, and not the plan's matched-care text. The
substantive assessment was made by the mandated signer of the plan; the backoffice issues the formal
decision (seed 000), so the request and the signature are what it needs (AVG art. 5 lid 1c).
Everyone else sees a decision only as part of the plan, through the casus' access policy.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import router
from django.db.models import Count, Max, Q
from django.utils import timezone

from wijkregie.organisatie.models import Wet
from wijkregie.organisatie.toegangsbeleid import Betrekking, Gegevens
from wijkregie.plan.models import BeschikkingVerzoek

from .models import Beschikking, Toewijzing, ToewijzingStatus

#: Wmo 2015 art. 2.3.5 lid 1: the college decides within two weeks of receiving the aanvraag (which, in
#: the wijkteam's way of working, is the signed plan that follows the onderzoek of art. 2.3.2).
TERMIJN_WMO = datetime.timedelta(weeks=2)
#: Jeugdwet has no term of its own: Awb 4:13 lid 2, a reasonable term of at most eight weeks.
TERMIJN_AWB = datetime.timedelta(weeks=8)
#: Indications ending within this many weeks are shown as expiring (time to reassess and decide again).
AFLOPEND_BINNEN = datetime.timedelta(weeks=8)


def beslistermijn(wet: str) -> datetime.timedelta:
    return TERMIJN_WMO if wet == Wet.WMO else TERMIJN_AWB


def uiterste_datum(verzoek: BeschikkingVerzoek) -> datetime.date:
    """The last day to decide: the request's date plus the law's term."""
    return timezone.localtime(verzoek.aangevraagd_op).date() + beslistermijn(verzoek.regel.wet)


@dataclass
class Wachtend:
    verzoek: BeschikkingVerzoek
    uiterlijk: datetime.date
    te_laat: bool

    @property
    def regel(self):
        return self.verzoek.regel

    @property
    def plan(self):
        return self.verzoek.regel.plan

    @property
    def persoon(self):
        return self.verzoek.regel.plan.casus.hoofdpersoon


def open_verzoeken(user):
    """Every open request of the user's gemeente, oldest first; nothing for whoever does not decide."""
    if not user.has_perm("backoffice.beslissen"):
        return BeschikkingVerzoek.objects.none()
    return (BeschikkingVerzoek.objects.filter(gemeente_id=user.gemeente_id, afgehandeld_op__isnull=True)
            .select_related("regel__plan__casus__hoofdpersoon", "regel__plan__mandaat", "regel__plan__ondertekend_door",
                            "regel__voorkeursaanbieder")
            .order_by("aangevraagd_op", "pk"))


def wachtrij(user, vandaag: datetime.date | None = None) -> list[Wachtend]:
    vandaag = vandaag or timezone.localdate()
    rijen = []
    for verzoek in open_verzoeken(user):
        uiterlijk = uiterste_datum(verzoek)
        rijen.append(Wachtend(verzoek, uiterlijk, uiterlijk < vandaag))
    return rijen


def _begin_van(dag: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time.min))


def wachtrij_tellingen(user, vandaag: datetime.date | None = None) -> dict[str, int]:
    """The queue's counts in one query (the start page): open, and past the last day to decide. A request
    is late when its local request date plus the law's term lies before today, i.e. it was made before the
    start of (today − term)."""
    vandaag = vandaag or timezone.localdate()
    te_laat = (Q(regel__wet=Wet.WMO, aangevraagd_op__lt=_begin_van(vandaag - TERMIJN_WMO))
               | (~Q(regel__wet=Wet.WMO) & Q(aangevraagd_op__lt=_begin_van(vandaag - TERMIJN_AWB))))
    return open_verzoeken(user).order_by().aggregate(open=Count("pk"), te_laat=Count("pk", filter=te_laat))


def beschikkingen_visible_to(user, soort: str = Gegevens.PLAN):
    """The backoffice sees every decision of its gemeente (they are its own acts); anyone else a decision
    only where the access policy shows them `soort` of its casus (the plan, or its documents)."""
    qs = Beschikking.objects.select_related("casus", "persoon", "verzoek__regel__plan", "mandaat", "besloten_door")
    if user.has_perm("backoffice.beslissen"):
        return qs.filter(gemeente_id=user.gemeente_id)
    return qs.zichtbaar_voor(user, soort)


def toewijzingen_visible_to(user, soort: str = Gegevens.PLAN):
    qs = Toewijzing.objects.select_related("beschikking__persoon", "beschikking__casus")
    if user.has_perm("backoffice.beslissen"):
        return qs.filter(gemeente_id=user.gemeente_id)
    return qs.zichtbaar_voor(user, soort)


def verlopende_toewijzingen(user, vandaag: datetime.date | None = None, *, alleen_eigen: bool = False):
    """Running toewijzingen that end within eight weeks (or ended since yesterday is not included): for
    the backoffice every one of the gemeente, for a regisseur those of their own casussen (`alleen_eigen`:
    only the regisseur's relation, so a colleague's consent-based view does not fill their start page)."""
    vandaag = vandaag or timezone.localdate()
    if user.has_perm("backoffice.beslissen") and not alleen_eigen:
        qs = toewijzingen_visible_to(user)
    else:
        qs = Toewijzing.objects.select_related("beschikking__persoon", "beschikking__casus").zichtbaar_voor(
            user, Gegevens.PLAN, via={Betrekking.REGISSEUR})
    return (qs.exclude(status=ToewijzingStatus.BEEINDIGD)
            .filter(Q(einddatum__gte=vandaag) & Q(einddatum__lte=vandaag + AFLOPEND_BINNEN))
            .order_by("einddatum", "toewijzingnummer"))


def verlopende_eigen(user, vandaag: datetime.date | None = None, *, aantal: int = 20) -> list[Toewijzing]:
    """The first `aantal` of verlopende_toewijzingen(user, alleen_eigen=True), for the regisseur's start page.

    Every start page asks it (most often finding none): on PostgreSQL its statement is kept per process for the
    shape of the access policy's inputs and the day, the user's ids filled in at each use, as the werkvoorraad's
    (toegang.selectors.aanmelding_beleid_vorm; issue 17: building it was ~5 % of the server's Python time under
    capacity load). Elsewhere, and for a user the policy reads nothing of, it is built as before."""
    from wijkregie.core.querying import eerste_rijen_van
    from wijkregie.inwoners.models import Persoon
    from wijkregie.toegang.selectors import aanmelding_beleid_vorm

    vandaag = vandaag or timezone.localdate()
    vorm = aanmelding_beleid_vorm(user, router.db_for_read(Toewijzing))
    if vorm is None:
        return list(verlopende_toewijzingen(user, vandaag, alleen_eigen=True)[:aantal])

    def bronnen(wie) -> dict:
        return {"aflopend": (verlopende_toewijzingen(wie, vandaag, alleen_eigen=True), aantal, None,
                             {"beschikking": None, "beschikking__persoon": Persoon.NAAM_VELDEN})}

    vormsleutel, invullen, bouw = vorm
    rijen = eerste_rijen_van(lambda **waarden: bronnen(bouw(waarden)), model=Toewijzing,
                             sleutel=("backoffice.aflopend", vandaag, aantal, "vorm", *vormsleutel), invullen=invullen,
                             zelf=lambda: bronnen(user))["aflopend"]
    return sorted(rijen, key=lambda t: (t.einddatum, t.toewijzingnummer))


def aanbieder_namen(gemeente_id: int, agbs) -> dict[str, str]:
    """AGB code -> the provider's name as last written in one of the gemeente's toewijzingen (a message carries
    only the code): one query for a page's messages, none when there are none."""
    agbs = {agb for agb in agbs if agb}
    if not agbs:
        return {}
    # The newest toewijzing per code (a subquery: years of toewijzingen per provider are not read).
    laatste = (Toewijzing.objects.filter(gemeente_id=gemeente_id, aanbieder_agb__in=agbs).exclude(aanbieder_naam="")
               .order_by().values("aanbieder_agb").annotate(laatste=Max("pk")).values("laatste"))
    return dict(Toewijzing.objects.filter(pk__in=laatste).values_list("aanbieder_agb", "aanbieder_naam"))


def agb_van(gemeente_id: int, naam: str) -> str:
    """The AGB code decided for a provider of this name in the gemeente: the backoffice types a provider's code
    once, not at every decision. "" if none, and "" if the name was decided with more than one code (two providers
    of one name, or a typo once): the code addresses the message with the resident's BSN, so it is not guessed."""
    if not naam:
        return ""
    codes = list(Toewijzing.objects.filter(gemeente_id=gemeente_id, aanbieder_naam__iexact=naam.strip())
                 .order_by().values_list("aanbieder_agb", flat=True).distinct()[:2])
    return codes[0] if len(codes) == 1 else ""
