"""Backoffice writes: the decision on a maatwerk request under mandaat, and changing or ending a toewijzing.

Each service is one transaction with its audit event inside it. A toekenning (whole or partial) creates
the Toewijzing and, after the commit, asks the iWmo/iJw exchange to queue the 301 for it
(`backoffice.berichten.toewijzing_klaarzetten`, when that module provides it); a change or an end of a
toewijzing does the same, because each produces a new 301 for the same ToewijzingNummer (OP033x1).
"""

from __future__ import annotations

import datetime
import importlib
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.casus.toestemming import casus_lid_ids
from wijkregie.core.audit import AuditActie, AuditResultaat, audit_log
from wijkregie.core.models import Gemeente
from wijkregie.organisatie.models import Mandaat, Medewerker, Wet
from wijkregie.plan import codelijsten
from wijkregie.plan.models import BeschikkingVerzoek

from .models import (
    ISTANDAARD_WETTEN,
    Beschikking,
    Besluit,
    RedenWijziging,
    Toewijzing,
    ToewijzingStatus,
    Toewijzingsvariant,
)

logger = logging.getLogger(__name__)

#: The legal ground offered by default per law (the decider may write a more precise one).
GRONDSLAG = {
    Wet.WMO: "artikel 2.3.5 Wet maatschappelijke ondersteuning 2015",
    Wet.JEUGDWET: "artikel 2.3 Jeugdwet",
    Wet.PARTICIPATIEWET: "artikel 7 en artikel 10 Participatiewet",
}


@dataclass
class Product:
    """What a toekenning assigns: one ToegewezenProduct of the 301."""

    productcategorie: str
    productcode: str
    volume: int
    eenheid: str
    frequentie: str
    variant: str
    ingangsdatum: datetime.date
    einddatum: datetime.date | None
    aanbieder_agb: str
    aanbieder_naam: str


def mandaat_for_besluit(medewerker: Medewerker, *, wet: str, productcategorie: str, bedrag: Decimal | None,
                         datum: datetime.date) -> Mandaat | None:
    """A mandaat of the decider that covers this law, category and amount today (the same rule as for
    signing a plan: organisatie.Mandaat.dekt), or None."""
    if medewerker.gemeente_id is None:  # a technical account belongs to no gemeente and holds no mandaat
        return None
    for mandaat in Mandaat.objects.filter(gemeente_id=medewerker.gemeente_id, houder=medewerker).select_related(
            "houder__moederorganisatie", "ondermandaat_van"):
        if mandaat.dekt(wet=wet, productcategorie=productcategorie, bedrag=bedrag, datum=datum):
            return mandaat
    return None


def _volgend_nummer(gemeente_id: int) -> int:
    """The next ToewijzingNummer of the gemeente. The gemeente's row is locked (PostgreSQL; SQLite's
    IMMEDIATE transactions already serialise writers), so two decisions never take the same number."""
    Gemeente.objects.select_for_update().filter(pk=gemeente_id).first()
    hoogste = Toewijzing.objects.filter(gemeente_id=gemeente_id).aggregate(m=Max("toewijzingnummer"))["m"]
    return (hoogste or 0) + 1


def _controleer_product(wet: str, product: Product) -> dict[str, str]:
    """The 301's own rules on the product, as field errors (the form checks them first; a service
    called from elsewhere must not write what the exchange cannot send)."""
    fouten = {}
    if product.productcategorie not in {c for c, _o in codelijsten.productcategorieen(wet)}:
        fouten["productcategorie"] = _("Deze productcategorie hoort niet bij de %(wet)s.") % {"wet": Wet(wet).label}
    if product.eenheid not in {c for c, _o in codelijsten.eenheden()}:
        fouten["eenheid"] = _("Kies een eenheid uit de lijst (WJ756).")
    if product.frequentie not in {c for c, _o in codelijsten.frequenties()}:
        fouten["frequentie"] = _("Kies een frequentie uit de lijst (WMO757).")
    if not (product.aanbieder_agb.isdigit() and len(product.aanbieder_agb) == 8):
        fouten["aanbieder_agb"] = _("Een AGB-code bestaat uit precies 8 cijfers.")
    if product.volume is None or product.volume < 1:
        fouten["volume"] = _("Het volume moet een heel getal groter dan nul zijn.")
    if product.einddatum and product.einddatum < product.ingangsdatum:
        fouten["einddatum"] = _("De einddatum ligt voor de ingangsdatum.")
    if product.variant not in Toewijzingsvariant.values:
        fouten["variant"] = _("Kies inspanningsgericht of outputgericht.")
    return fouten


def _weigering(actor, verzoek, reden: str) -> None:
    """A refused decision is audited too (NEN 7513 records refusals), after the rollback of the attempt."""
    with transaction.atomic():
        audit_log(actor=actor, actie=AuditActie.CREATE, object_type="backoffice.beschikking", object_id="",
                  gemeente_id=verzoek.gemeente_id, client_id=verzoek.regel.plan.casus.hoofdpersoon_id,
                  omschrijving=f"besluit op verzoek {verzoek.pk} geweigerd: {reden}"[:250],
                  resultaat=AuditResultaat.GEWEIGERD)


def beschikking_issue(*, actor: Medewerker, verzoek: BeschikkingVerzoek, besluit: str, grondslag: str, motivering: str,
                      persoon_id: int, product: Product | None = None,
                      vandaag: datetime.date | None = None) -> Beschikking:
    """Decides one request: toekenning, gedeeltelijke toekenning (both with the product assigned to a
    provider under the Wmo 2015 and the Jeugdwet; under the Participatiewet, which has no i-Standaard,
    without a Toewijzing) or afwijzing (no product). All or nothing; refused when the request is already
    decided, when the resident is not someone the casus is about, or when the decider holds no mandaat
    covering the law, the product category and the estimated cost on the day (Awb 10:1-10:9). The request is marked
    afgehandeld and the exchange is asked to queue the 301 after the commit.
    """
    vandaag = vandaag or timezone.localdate()
    regel = verzoek.regel
    wet = regel.wet
    try:
        with transaction.atomic():
            verzoek = (
                BeschikkingVerzoek.objects.select_for_update().select_related("regel__plan__casus").get(pk=verzoek.pk)
            )
            casus = verzoek.regel.plan.casus
            fouten: dict[str, str] = {}
            if verzoek.afgehandeld_op is not None:
                raise ValidationError(_("Op dit verzoek is al besloten."))
            if wet not in (Wet.WMO, Wet.JEUGDWET, Wet.PARTICIPATIEWET):
                raise ValidationError(_("Bij dit verzoek staat geen wet: het team moet het plan aanvullen."))
            if besluit not in Besluit.values:
                fouten["besluit"] = _("Kies toekenning, gedeeltelijke toekenning of afwijzing.")
            if not grondslag.strip():
                fouten["grondslag"] = _("Noem de wettelijke grondslag van het besluit.")
            if not motivering.strip():
                fouten["motivering"] = _("Motiveer het besluit (Awb 3:46).")
            if persoon_id not in casus_lid_ids(casus):
                fouten["persoon"] = _("Kies een lid van het huishouden waarover het plan gaat.")
            toekennen = besluit in (Besluit.TOEKENNING, Besluit.GEDEELTELIJK)
            toewijzen = toekennen and wet in ISTANDAARD_WETTEN
            if not toewijzen:
                product = None
            if toewijzen and product is None:
                fouten["productcategorie"] = _("Vul bij een toekenning het product in.")
            if toewijzen and product is not None:
                fouten.update(_controleer_product(wet, product))
            if fouten:
                raise ValidationError(fouten)
            # From here on a product is given exactly when there is a toewijzing (refused above otherwise).
            categorie = product.productcategorie if product is not None else regel.productcategorie
            mandaat = mandaat_for_besluit(actor, wet=wet, productcategorie=categorie, bedrag=regel.geraamde_kosten,
                                           datum=vandaag)
            if mandaat is None:
                raise ValidationError(
                    _(
                        "U heeft vandaag geen geldig mandaat voor een besluit over %(wet)s, "
                        "productcategorie %(cat)s%(bedrag)s. "
                        "Laat een collega met mandaat beslissen."
                    )
                    % {
                        "wet": Wet(wet).label,
                        "cat": categorie or "–",
                        "bedrag": f" (€ {regel.geraamde_kosten})" if regel.geraamde_kosten is not None else "",
                    },
                    code="geen_mandaat",
                )
            nu = timezone.now()
            beschikking = Beschikking.objects.create(
                gemeente_id=verzoek.gemeente_id,
                verzoek=verzoek,
                casus=casus,
                persoon_id=persoon_id,
                wet=wet,
                besluit=besluit,
                grondslag=grondslag.strip(),
                motivering=motivering.strip(),
                besloten_door=actor,
                mandaat=mandaat,
                besloten_op=nu,
                verzonden_op=vandaag,
                ingangsdatum=(product.ingangsdatum if product is not None else regel.ingangsdatum)
                if toekennen
                else None,
                einddatum=(product.einddatum if product is not None else regel.einddatum) if toekennen else None,
            )
            toewijzingen = []
            if product is not None:
                toewijzingen.append(Toewijzing.objects.create(
                    gemeente_id=verzoek.gemeente_id, beschikking=beschikking,
                    toewijzingnummer=_volgend_nummer(verzoek.gemeente_id), productcategorie=product.productcategorie,
                    productcode=product.productcode.strip(), volume=product.volume, eenheid=product.eenheid,
                    frequentie=product.frequentie, variant=product.variant, ingangsdatum=product.ingangsdatum,
                    einddatum=product.einddatum, aanbieder_agb=product.aanbieder_agb,
                    aanbieder_naam=product.aanbieder_naam.strip(), vastgesteld_op=nu,
                ))
            BeschikkingVerzoek.objects.filter(pk=verzoek.pk).update(afgehandeld_op=nu)
            audit_log(
                actor=actor,
                actie=AuditActie.CREATE,
                object_type="backoffice.beschikking",
                object_id=beschikking.pk,
                gemeente_id=verzoek.gemeente_id,
                client_id=persoon_id,
                omschrijving=(
                    f"{Besluit(besluit).label} op verzoek {verzoek.pk} onder mandaat {mandaat.besluit}"
                    + (f", toewijzing {toewijzingen[0].toewijzingnummer}" if toewijzingen else "")
                )[:250],
            )
            for toewijzing in toewijzingen:
                _klaarzetten_na_commit(toewijzing)
    except ValidationError as error:
        _weigering(actor, verzoek, " ".join(error.messages))
        raise
    return beschikking


def _klaarzetten_na_commit(toewijzing: Toewijzing) -> None:
    """After the commit, hand the toewijzing to the exchange to queue its 301, if the exchange provides
    `backoffice.berichten.toewijzing_klaarzetten` (built separately, issue 19 part B). Looked up when
    it is needed, so the decision works with or without it."""
    pk = toewijzing.pk

    def klaarzetten():
        try:
            berichten = importlib.import_module("wijkregie.backoffice.berichten")
        except ModuleNotFoundError:
            return
        functie = getattr(berichten, "toewijzing_klaarzetten", None)
        if functie is not None:
            functie(Toewijzing.objects.select_related("beschikking").get(pk=pk))

    transaction.on_commit(klaarzetten)


def _toewijzing_audit(actor, toewijzing: Toewijzing, omschrijving: str) -> None:
    audit_log(
        actor=actor,
        actie=AuditActie.UPDATE,
        object_type="backoffice.toewijzing",
        object_id=toewijzing.pk,
        gemeente_id=toewijzing.gemeente_id,
        client_id=toewijzing.beschikking.persoon_id,
        omschrijving=omschrijving[:250],
    )


def _mandaat_voor_toewijzing(actor, toewijzing: Toewijzing, vandaag) -> Mandaat:
    b = toewijzing.beschikking
    mandaat = mandaat_for_besluit(actor, wet=b.wet, productcategorie=toewijzing.productcategorie,
                                   bedrag=b.verzoek.regel.geraamde_kosten, datum=vandaag)
    if mandaat is None:
        raise ValidationError(
            _("U heeft vandaag geen geldig mandaat om deze toewijzing te wijzigen."), code="geen_mandaat"
        )
    return mandaat


def toewijzing_change(*, actor: Medewerker, toewijzing: Toewijzing, reden: str, einddatum: datetime.date | None,
                        volume: int, vandaag: datetime.date | None = None) -> Toewijzing:
    """Changes the einddatum and/or the volume of a running toewijzing (the changes OP033x1 allows with
    the same ToewijzingNummer), with a JZ002/WMO002 reason; a new 301 is queued after the commit."""
    vandaag = vandaag or timezone.localdate()
    fouten = {}
    if reden not in RedenWijziging.values or reden == RedenWijziging.VERWIJDERD:
        fouten["reden"] = _("Kies de reden van de wijziging (JZ002).")
    if volume is None or volume < 1:
        fouten["volume"] = _("Het volume moet een heel getal groter dan nul zijn.")
    if einddatum is not None and einddatum < toewijzing.ingangsdatum:
        fouten["einddatum"] = _("De einddatum ligt voor de ingangsdatum (%(d)s).") % {
            "d": f"{toewijzing.ingangsdatum:%d-%m-%Y}"
        }
    if toewijzing.status == ToewijzingStatus.BEEINDIGD:
        raise ValidationError(_("Deze toewijzing is beëindigd en kan niet meer worden gewijzigd."))
    if fouten:
        raise ValidationError(fouten)
    if einddatum == toewijzing.einddatum and volume == toewijzing.volume:
        raise ValidationError({"einddatum": _("Er is niets gewijzigd: pas de einddatum of het volume aan.")})
    with transaction.atomic():
        mandaat = _mandaat_voor_toewijzing(actor, toewijzing, vandaag)
        oud = f"{toewijzing.volume}, tot {toewijzing.einddatum or '–'}"
        toewijzing.einddatum, toewijzing.volume, toewijzing.reden_wijziging = einddatum, volume, reden
        toewijzing.status, toewijzing.vastgesteld_op = ToewijzingStatus.GEWIJZIGD, timezone.now()
        toewijzing.save(update_fields=["einddatum", "volume", "reden_wijziging", "status", "vastgesteld_op"])
        _toewijzing_audit(actor, toewijzing, f"toewijzing {toewijzing.toewijzingnummer} gewijzigd (reden {reden}, "
                                             f"was {oud}) onder mandaat {mandaat.besluit}")
        _klaarzetten_na_commit(toewijzing)
    return toewijzing


def toewijzing_end(*, actor: Medewerker, toewijzing: Toewijzing, reden: str, einddatum: datetime.date,
                          vandaag: datetime.date | None = None) -> Toewijzing:
    """Ends a toewijzing on `einddatum` with a JZ002/WMO002 reason (13 'verwijderd' only as the standard
    says: einddatum equal to the ingangsdatum); a 301 with that einddatum is queued after the commit."""
    vandaag = vandaag or timezone.localdate()
    if toewijzing.status == ToewijzingStatus.BEEINDIGD:
        raise ValidationError(_("Deze toewijzing is al beëindigd."))
    fouten = {}
    if reden not in RedenWijziging.values:
        fouten["reden"] = _("Kies de reden van de beëindiging (JZ002).")
    if einddatum is None:
        fouten["einddatum"] = _("Vul de einddatum in.")
    elif einddatum < toewijzing.ingangsdatum:
        fouten["einddatum"] = _("De einddatum ligt voor de ingangsdatum (%(d)s).") % {
            "d": f"{toewijzing.ingangsdatum:%d-%m-%Y}"
        }
    elif toewijzing.einddatum and einddatum > toewijzing.einddatum:
        fouten["einddatum"] = _("Beëindigen kan niet later dan de huidige einddatum; verlengen is een wijziging.")
    elif reden == RedenWijziging.VERWIJDERD and einddatum != toewijzing.ingangsdatum:
        fouten["einddatum"] = _("Bij 'verwijderd' is de einddatum gelijk aan de ingangsdatum.")
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic():
        mandaat = _mandaat_voor_toewijzing(actor, toewijzing, vandaag)
        toewijzing.einddatum, toewijzing.reden_wijziging = einddatum, reden
        toewijzing.status, toewijzing.vastgesteld_op = ToewijzingStatus.BEEINDIGD, timezone.now()
        toewijzing.save(update_fields=["einddatum", "reden_wijziging", "status", "vastgesteld_op"])
        _toewijzing_audit(
            actor,
            toewijzing,
            f"toewijzing {toewijzing.toewijzingnummer} beëindigd per {einddatum:%d-%m-%Y} "
            f"(reden {reden}) onder mandaat {mandaat.besluit}",
        )
        _klaarzetten_na_commit(toewijzing)
    return toewijzing
