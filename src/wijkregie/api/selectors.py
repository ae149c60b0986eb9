"""Reads of the partner API. What an organisation may see is `regie.selectors.casussen_gedeeld_met`,
asked on every request; a referral's status is told only to the organisation that sent it.

Casussen are named to a partner by an id of its own (`casus_id`): a keyed hash of the organisation and
the casus, so ids cannot be counted or guessed, and two organisations cannot match their ids to learn
that they help the same household.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.crypto import salted_hmac

from wijkregie.casus.models import Casus, Status
from wijkregie.casus.services import WETTELIJKE_GRONDSLAGEN
from wijkregie.casus.toestemming import casus_leden
from wijkregie.plan.models import Arrangementregel, Ondersteuningsplan, PlanStatus
from wijkregie.regie.models import Betrokkene, Houder, Regie
from wijkregie.regie.selectors import casussen_gedeeld_met
from wijkregie.toegang.models import AanmeldingStatus

from .models import Verwijzing, Voorstel, VoorstelStatus


class VerwijzingStatus:
    ONTVANGEN = "ontvangen"
    IN_BEHANDELING = "in_behandeling"
    AFGEROND = "afgerond"
    ALLE = (ONTVANGEN, IN_BEHANDELING, AFGEROND)


def verwijzingen_van(organisatie):
    """The referrals this organisation sent: the only ones it may ask about."""
    return (Verwijzing.objects.filter(gemeente_id=organisatie.gemeente_id, organisatie=organisatie)
            .select_related("aanmelding__casus"))


def verwijzing_status(verwijzing: Verwijzing) -> tuple[str, datetime.datetime | None]:
    """What the referrer may know without the resident's consent (issue 15): received, being dealt
    with, or finished, and when the team first spoke with the resident (the terugkoppeling).

    - `afgerond`: answered at the front door, or the casus it joined is closed;
    - `in_behandeling`: the team has spoken with the resident, or the bureaudienst allocated it;
    - `ontvangen`: otherwise.

    A question of a household whose casus runs joins it at once, allocated by nobody: it stays
    `ontvangen` until the team has spoken with the resident, like any other, so the status never
    tells the referrer whether the household was already known to the team.
    """
    aanmelding = verwijzing.aanmelding
    casus = aanmelding.casus
    if aanmelding.status == AanmeldingStatus.VOORKANT or (casus is not None and casus.status == Status.AFGESLOTEN):
        return VerwijzingStatus.AFGEROND, aanmelding.eerste_contact_op
    if aanmelding.eerste_contact_op is not None:
        return VerwijzingStatus.IN_BEHANDELING, aanmelding.eerste_contact_op
    if aanmelding.status == AanmeldingStatus.TOEGEDEELD and aanmelding.toedelingen.filter(door__isnull=False).exists():
        return VerwijzingStatus.IN_BEHANDELING, None
    return VerwijzingStatus.ONTVANGEN, None


def casus_id(organisatie, casus_pk: int) -> uuid.UUID:
    """The id under which this organisation knows this casus: stable, opaque, its own."""
    return _eigen_id("wijkregie.api.casus", organisatie, casus_pk)


def doel_id(organisatie, doel_pk: int) -> uuid.UUID:
    """The id under which this organisation knows a goal of a shared plan (to report progress on it)."""
    return _eigen_id("wijkregie.api.doel", organisatie, doel_pk)


def _eigen_id(soort: str, organisatie, pk: int) -> uuid.UUID:
    digest = salted_hmac(soort, f"{organisatie.pk}:{pk}", algorithm="sha256").digest()
    return uuid.UUID(bytes=digest[:16], version=4)


def _gedeeld(organisatie):
    """casussen_gedeeld_met, with how the organisation is involved and on which ground."""
    betrokken = Betrokkene.objects.filter(casus_id=OuterRef("pk"), organisatie=organisatie, tot__isnull=True)
    regie = Regie.objects.filter(casus_id=OuterRef("pk"), organisatie=organisatie, tot__isnull=True)
    return (casussen_gedeeld_met(organisatie).select_related("hoofdpersoon")
            .annotate(api_regie=Exists(regie),
                      api_sinds=Subquery(betrokken.order_by("sinds").values("sinds")[:1]),
                      api_regie_van=Subquery(regie.values("van")[:1]),
                      api_grondslag=Subquery(
                          betrokken.exclude(grondslag="").values("grondslag")[:1]),
                      api_regie_grondslag=Subquery(regie.exclude(grondslag="").values("grondslag")[:1]))
            .order_by("geopend_op", "pk"))


def grondslag(casus, organisatie) -> str:
    """The ground of the share for the audit trail (at most 80 characters, the field's size)."""
    wettelijk = getattr(casus, "api_grondslag", "") or getattr(casus, "api_regie_grondslag", "")
    tekst = WETTELIJKE_GRONDSLAGEN.get(wettelijk) if wettelijk else None
    return (tekst or f"toestemming: delen met {organisatie}")[:80]


@dataclass
class GedeeldeCasus:
    id: uuid.UUID
    casus: Casus
    relatie: str
    sinds: datetime.date | None
    grondslag: str


def gedeelde_casussen(organisatie, *, pk: int | None = None) -> list[GedeeldeCasus]:
    """Every casus shared with this organisation now (or the one with `pk`, if it is), oldest first."""
    qs = _gedeeld(organisatie)
    if pk is not None:
        qs = qs.filter(pk=pk)
    uit = []
    for casus in qs:
        sinds = casus.api_regie_van.date() if casus.api_regie and casus.api_regie_van else casus.api_sinds
        uit.append(GedeeldeCasus(id=casus_id(organisatie, casus.pk), casus=casus,
                                 relatie="regie" if casus.api_regie else "betrokkene", sinds=sinds,
                                 grondslag=grondslag(casus, organisatie)))
    return uit


def gedeelde_casus(organisatie, gezocht: uuid.UUID) -> GedeeldeCasus | None:
    """The casus this organisation knows as `gezocht`, if it is shared with it now; else None (404).

    Only the casussen shared now are hashed and compared, so a withdrawn consent makes the id
    unknown on the very next request; nothing else can be reached through a guessed id.
    """
    for pk in casussen_gedeeld_met(organisatie).values_list("pk", flat=True):
        if casus_id(organisatie, pk) == gezocht:
            return next(iter(gedeelde_casussen(organisatie, pk=pk)), None)
    return None


@dataclass
class Regisseur:
    houder: str
    naam: str
    organisatie: str = ""
    telefoon: str = ""
    email: str = ""


@dataclass
class GedeeldPlan:
    gedeeld: GedeeldeCasus
    regisseur: Regisseur | None
    plan: Ondersteuningsplan | None
    doelen: list = field(default_factory=list)
    regels: list = field(default_factory=list)
    leden: list = field(default_factory=list)


def _regisseur(casus) -> Regisseur | None:
    """Who holds regie (`houder`) and whom the partner contacts about the household: the medewerker or
    organisation holding it; when the household or its network holds it, the team's medewerker who keeps
    a finger on the pulse (never the resident's own contact details). Without an open regie, the
    medewerker the casus is allocated to."""
    regie = (Regie.objects.filter(casus=casus, tot__isnull=True)
             .select_related("medewerker__moederorganisatie", "organisatie", "vinger_aan_de_pols__moederorganisatie")
             .first())
    houder, medewerker = "medewerker", casus.medewerker
    if regie is not None:
        houder = regie.houder
        if regie.houder == Houder.ORGANISATIE and regie.organisatie is not None:
            org = regie.organisatie
            return Regisseur(houder=houder, naam=org.naam, organisatie=org.naam, telefoon=org.telefoon, email=org.email)
        medewerker = regie.medewerker if regie.houder == Houder.MEDEWERKER else (regie.vinger_aan_de_pols
                                                                                 or casus.medewerker)
    if medewerker is None:
        return None if regie is None else Regisseur(houder=houder, naam="")
    org = medewerker.moederorganisatie
    return Regisseur(houder=houder, naam=medewerker.get_full_name() or medewerker.get_username(),
                     organisatie=org.naam if org else "", telefoon=medewerker.telefoon, email=medewerker.email)


def gedeeld_plan(organisatie, gezocht: uuid.UUID) -> GedeeldPlan | None:
    """The part of the household's plan this organisation may read (docs/api.md): the goals of the last
    signed version, the arrangement lines this organisation carries out (preferred provider, or a
    provision of its own), and who holds regie with a way to reach them. None when not shared now."""
    gedeeld = gedeelde_casus(organisatie, gezocht)
    if gedeeld is None:
        return None
    casus = Casus.objects.select_related("medewerker__moederorganisatie", "hoofdpersoon").get(pk=gedeeld.casus.pk)
    plan = (Ondersteuningsplan.objects.filter(casus=casus, status=PlanStatus.ONDERTEKEND).order_by("-versie").first())
    doelen, regels = [], []
    if plan is not None:
        doelen = list(plan.doelen.select_related("leefgebied", "persoon").order_by("prioriteit", "pk"))
        regels = list(Arrangementregel.objects.filter(plan=plan).filter(
            Q(voorkeursaanbieder=organisatie) | Q(voorziening__organisatie=organisatie)).order_by("pk"))
    return GedeeldPlan(gedeeld=gedeeld, regisseur=_regisseur(casus), plan=plan, doelen=doelen, regels=regels,
                       leden=casus_leden(casus))


def voorstellen_van(organisatie, casus) -> list[Voorstel]:
    """The proposals this organisation made for this casus, newest first: its own, and what became of them."""
    return list(Voorstel.objects.filter(gemeente_id=organisatie.gemeente_id, organisatie=organisatie, casus=casus)
                .select_related("leefgebied").order_by("-ingediend_op", "-pk"))


def open_voorstellen(casus):
    """Proposals of partners waiting for the team's decision on this casus, oldest first."""
    return (Voorstel.objects.filter(casus=casus, status=VoorstelStatus.OPEN)
            .select_related("organisatie", "leefgebied").order_by("ingediend_op", "pk"))


def beoordeelde_voorstellen(casus, aantal: int = 10):
    return (Voorstel.objects.filter(casus=casus).exclude(status=VoorstelStatus.OPEN)
            .select_related("organisatie", "beoordeeld_door").order_by("-beoordeeld_op", "-pk")[:aantal])
