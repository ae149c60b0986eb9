"""Plan services: ZRM scores, consults, safety, and the plan's versions and signing under mandaat."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.casus.models import Status
from wijkregie.casus.services import casus_transition
from wijkregie.casus.toestemming import casus_lid_ids
from wijkregie.core.audit import AuditActie, AuditResultaat, audit_dossier
from wijkregie.organisatie.models import Medewerker, Rol
from wijkregie.organisatie.selectors import huidige_teamleden

from .models import (
    Arrangementregel,
    BeschikkingVerzoek,
    Consult,
    Doel,
    MeldcodeStap,
    Ondersteuningsplan,
    PlanStatus,
    Soort,
    Veiligheidsanalyse,
    ZrmScore,
)
from .selectors import mandaat_voor, regel_sleutel, regel_sleutels
from .signals import plan_ondertekend


def zrm_scores_record(*, actor, casus, scores: list[ZrmScore]) -> list[ZrmScore]:
    """The household's scores from one conversation, all or none, with one audit event naming the count.

    Every score is of someone the casus is about (a current member of its household or its
    hoofdpersoon): a score of anyone else refuses the lot. Nothing to record writes nothing.
    """
    if not scores:
        return []
    leden = casus_lid_ids(casus)
    if any(score.persoon_id not in leden for score in scores):
        raise ValidationError(_("Een score hoort bij een lid van dit huishouden. Er is niets opgeslagen."))
    with transaction.atomic():
        for score in scores:
            score.casus, score.gemeente_id, score.door = casus, casus.gemeente_id, actor
        ZrmScore.objects.bulk_create(scores)
        audit_dossier(actor=actor, dossier=casus, actie=AuditActie.CREATE,
                      object_type="plan.zrmscore", object_id=casus.pk,
                      omschrijving=f"{len(scores)} ZRM-scores voor {len({s.persoon_id for s in scores})} gezinsleden")
    return scores


def consult_request(*, actor, casus, aan: Medewerker, vraag: str, over_veiligheid: bool = False) -> Consult:
    """A consult gives the one asked access to the file: only to someone in a team today."""
    if not huidige_teamleden(casus.gemeente_id).filter(medewerker=aan).exists() or not aan.is_active:
        raise ValidationError(
            {"aan": _("%(naam)s is niet (meer) lid van een team: kies een huidige collega.") % {"naam": aan}}
        )
    with transaction.atomic():
        consult = Consult.objects.create(gemeente_id=casus.gemeente_id, casus=casus, gevraagd_aan=aan, vraag=vraag,
                                         gevraagd_door=actor, over_veiligheid=over_veiligheid)
        audit_dossier(actor=actor, dossier=casus, actie=AuditActie.CREATE,
                      object_type="plan.consult", object_id=consult.pk, omschrijving="consult gevraagd")
    return consult


def consult_answer(*, actor, consult: Consult, advies: str) -> Consult:
    if consult.gevraagd_aan_id != actor.pk:
        raise ValidationError(_("Alleen wie het consult is gevraagd, kan het beantwoorden."))
    with transaction.atomic():
        consult.advies, consult.advies_op = advies, timezone.now()
        consult.save(update_fields=["advies", "advies_op"])
        audit_dossier(actor=actor, dossier=consult.casus, actie=AuditActie.UPDATE,
                      object_type="plan.consult", object_id=consult.pk, omschrijving="advies gegeven")
    return consult


def _gedragswetenschapper(casus) -> Medewerker | None:
    """The team's gedragswetenschapper, else any of the gemeente (doubt must always reach one)."""
    qs = Medewerker.objects.filter(
        gemeente_id=casus.gemeente_id, is_active=True, roltoewijzingen__rol=Rol.GEDRAGSWETENSCHAPPER
    )
    return qs.filter(teamlidmaatschappen__team=casus.team_id).first() or qs.first()


def veiligheidsanalyse_record(*, actor, casus, antwoorden: dict, toelichting: str) -> Veiligheidsanalyse:
    """Records the checklist. Doubt or a 'yes' creates a consult task for the gedragswetenschapper."""
    with transaction.atomic():
        analyse = Veiligheidsanalyse.objects.create(gemeente_id=casus.gemeente_id, casus=casus, antwoorden=antwoorden,
                                                    toelichting=toelichting, door=actor)
        audit_dossier(actor=actor, dossier=casus, actie=AuditActie.CREATE,
                      object_type="plan.veiligheidsanalyse", object_id=analyse.pk,
                      omschrijving="zorg over veiligheid" if analyse.zorg else "geen zorg over veiligheid")
        if analyse.zorg and (gw := _gedragswetenschapper(casus)) is not None:
            consult_request(
                actor=actor,
                casus=casus,
                aan=gw,
                over_veiligheid=True,
                vraag=_("Veiligheidsanalyse met twijfel of zorg: graag overleg.")
                + (f" {toelichting}" if toelichting else ""),
            )
    return analyse


def meldcodestap_record(*, actor, casus, stap: MeldcodeStap) -> MeldcodeStap:
    with transaction.atomic():
        stap.casus, stap.gemeente_id, stap.door = casus, casus.gemeente_id, actor
        stap.save()
        audit_dossier(actor=actor, dossier=casus, actie=AuditActie.CREATE,
                      object_type="plan.meldcodestap", object_id=stap.pk,
                      omschrijving=f"meldcode stap {stap.stap}"
                                   + (" melding Veilig Thuis" if stap.melding_veilig_thuis_op else ""))
        twijfel = any(v == "twijfel" for v in (stap.afwegingskader or {}).values())
        if twijfel and (gw := _gedragswetenschapper(casus)) is not None:
            consult_request(actor=actor, casus=casus, aan=gw, over_veiligheid=True,
                           vraag=_("Twijfel bij het afwegingskader van de meldcode: graag overleg."))
    return stap


PLAN_STATUSSEN = (Status.VRAAGVERHELDERING, Status.PLAN, Status.UITVOERING)


def _casus_open_voor_plan(casus) -> None:
    if casus.status not in PLAN_STATUSSEN:
        raise ValidationError(
            _("Deze casus is %(status)s: heropen de casus eerst.") % {"status": Status(casus.status).label.lower()}
        )


def plan_create(*, actor, casus) -> Ondersteuningsplan:
    """The first version of the household's plan; the casus moves to 'plan'."""
    _casus_open_voor_plan(casus)
    if casus.plannen.exists():
        raise ValidationError(_("Deze casus heeft al een plan. Maak een nieuwe versie."))
    with transaction.atomic():
        plan = Ondersteuningsplan.objects.create(gemeente_id=casus.gemeente_id, casus=casus, aangemaakt_door=actor,
                                                 contactpersoon=casus.medewerker or actor)
        if casus.status in (Status.VRAAGVERHELDERING, Status.UITVOERING):
            casus_transition(actor=actor, casus=casus, naar=Status.PLAN, reden="ondersteuningsplan gestart")
        audit_dossier(actor=actor, dossier=casus, actie=AuditActie.CREATE,
                      object_type="plan.ondersteuningsplan", object_id=plan.pk, omschrijving="plan versie 1")
    return plan


def _wijzigbaar(plan) -> None:
    if plan.status == PlanStatus.ONDERTEKEND:
        raise ValidationError(_("Een ondertekend plan wordt niet gewijzigd. Maak een nieuwe versie."))


def _vergrendel(plan) -> Ondersteuningsplan:
    """Locks the plan row for this transaction and checks, on the locked row, that it may change."""
    vast = Ondersteuningsplan.objects.select_for_update().get(pk=plan.pk)
    _wijzigbaar(vast)
    return vast


def _naar_concept(plan) -> None:
    """Any change after offering the plan for signature takes the offer back: the colleague signs
    only what they were offered."""
    Ondersteuningsplan.objects.filter(pk=plan.pk).update(status=PlanStatus.CONCEPT, ter_ondertekening_bij=None,
                                                         ter_ondertekening_op=None)
    plan.status, plan.ter_ondertekening_bij, plan.ter_ondertekening_op = PlanStatus.CONCEPT, None, None


def plan_update(*, actor, plan, velden: list[str]) -> Ondersteuningsplan:
    _wijzigbaar(plan)
    with transaction.atomic():
        _vergrendel(plan)
        plan.status, plan.ter_ondertekening_bij, plan.ter_ondertekening_op = PlanStatus.CONCEPT, None, None
        plan.save()
        audit_dossier(actor=actor, dossier=plan.casus, actie=AuditActie.UPDATE,
                      object_type="plan.ondersteuningsplan", object_id=plan.pk,
                      omschrijving="velden: " + ", ".join(velden))
    return plan


def doel_save(*, actor, plan, doel: Doel) -> Doel:
    """Adds a goal to a concept plan: for the whole household, or for someone the casus is about."""
    _wijzigbaar(plan)
    if doel.persoon_id and doel.persoon_id not in casus_lid_ids(plan.casus):
        raise ValidationError({"persoon": _("Kies een lid van dit huishouden, of het hele huishouden.")})
    with transaction.atomic():
        _vergrendel(plan)
        _naar_concept(plan)
        doel.plan, doel.gemeente_id = plan, plan.gemeente_id
        doel.save()
        audit_dossier(actor=actor, dossier=plan.casus, actie=AuditActie.CREATE,
                      object_type="plan.doel", object_id=doel.pk,
                      omschrijving=f"doel op leefgebied {doel.leefgebied_id}")
    return doel


def regel_save(*, actor, plan, regel: Arrangementregel) -> Arrangementregel:
    _wijzigbaar(plan)
    if regel.voorkeursaanbieder_id:
        # A preferred provider receives the household's data with the assignment: every member's consent.
        from wijkregie.casus.services import delen_check

        delen_check(actor=actor, casus=plan.casus, organisatie=regel.voorkeursaanbieder,
                          wat="voorkeursaanbieder", veld="voorkeursaanbieder")
    with transaction.atomic():
        _vergrendel(plan)
        _naar_concept(plan)
        regel.plan, regel.gemeente_id = plan, plan.gemeente_id
        regel.save()
        audit_dossier(actor=actor, dossier=plan.casus, actie=AuditActie.CREATE,
                      object_type="plan.arrangementregel", object_id=regel.pk, omschrijving=f"regel {regel.soort}")
    return regel


def onderdeel_delete(*, actor, plan, onderdeel) -> None:
    _wijzigbaar(plan)
    with transaction.atomic():
        _vergrendel(plan)
        _naar_concept(plan)
        audit_dossier(actor=actor, dossier=plan.casus, actie=AuditActie.DELETE,
                      object_type=onderdeel._meta.label_lower, object_id=onderdeel.pk,
                      omschrijving="verwijderd uit concept")
        onderdeel.delete()


def _voorkeursaanbieders_zonder_toestemming(plan) -> list[str]:
    """Consent may have been withdrawn since a line was saved: checked again when the plan is signed."""
    from wijkregie.casus.toestemming import casus_leden, zonder_toestemming

    leden, fouten = casus_leden(plan.casus), []
    for org in {
        r.voorkeursaanbieder for r in plan.regels.select_related("voorkeursaanbieder") if r.voorkeursaanbieder_id
    }:
        # Nobody to consent is no consent.
        if not leden or zonder_toestemming(leden, scope="delen", organisatie=org):
            fouten.append(_("Er is geen geldige toestemming van ieder gezinslid om gegevens te delen met "
                            "voorkeursaanbieder %(org)s.") % {"org": org})
    return fouten


def plan_sign(*, actor, plan) -> Ondersteuningsplan:
    """Signs the plan: the resident's agreement recorded, and a mandaat covering every maatwerk line.

    Everything is checked on the locked plan inside the transaction, so no line can slip in between
    the check and the signature. New or changed maatwerk lines become requests for a beschikking to
    the backoffice; the casus moves to uitvoering. A refused attempt is audited too.
    """
    try:
        with transaction.atomic():
            plan = _vergrendel(plan)
            _casus_open_voor_plan(plan.casus)
            # Who may sign: who works in the file (the regisseur, colleagues with the household's consent), or the
            # colleague it was offered to. A consulent or a teamleider reads the plan; reading is not signing, also
            # for a plan without maatwerk, which needs no mandaat.
            if not (actor.has_perm("casus.bewerken", plan.casus) or plan.ter_ondertekening_bij_id == actor.pk):
                raise ValidationError(_("Alleen wie in het dossier werkt, of de collega bij wie het plan ter "
                                        "ondertekening ligt, mag het plan ondertekenen."), code="geen_recht")
            fouten = []
            if not plan.doelen.exists():
                fouten.append(_("Het plan heeft nog geen doel."))
            if not plan.akkoord_wijze or not plan.akkoord_op:
                fouten.append(_("Leg eerst vast hoe en wanneer het huishouden akkoord gaf."))
            fouten += _voorkeursaanbieders_zonder_toestemming(plan)
            if fouten:
                raise ValidationError(fouten)
            mandaat, niet_gedekt = mandaat_voor(actor, plan)
            if niet_gedekt:
                raise ValidationError(
                    _(
                        "U heeft geen geldig mandaat voor: %(regels)s. "
                        "Bied het plan ter ondertekening aan bij een collega met mandaat."
                    )
                    % {"regels": "; ".join(niet_gedekt)},
                    code="geen_mandaat",
                )
            Ondersteuningsplan.objects.filter(pk=plan.pk).update(
                status=PlanStatus.ONDERTEKEND, ondertekend_door=actor, ondertekend_op=timezone.now(), mandaat=mandaat,
                ter_ondertekening_bij=None,
            )
            al_besloten = regel_sleutels(plan.vorige, alleen_maatwerk=True) if plan.vorige_id else set()
            for regel in plan.regels.filter(soort=Soort.MAATWERK):
                if regel_sleutel(regel) not in al_besloten:
                    BeschikkingVerzoek.objects.create(gemeente_id=plan.gemeente_id, regel=regel)
            casus = plan.casus
            if casus.status == Status.VRAAGVERHELDERING:
                casus_transition(
                    actor=actor, casus=casus, naar=Status.PLAN, reden=f"plan versie {plan.versie} ondertekend"
                )
            if casus.status == Status.PLAN:
                casus_transition(
                    actor=actor, casus=casus, naar=Status.UITVOERING, reden=f"plan versie {plan.versie} ondertekend"
                )
            audit_dossier(actor=actor, dossier=casus, actie=AuditActie.UPDATE,
                          object_type="plan.ondersteuningsplan", object_id=plan.pk,
                          omschrijving=f"plan versie {plan.versie} ondertekend"
                                       + (f" onder mandaat {mandaat.besluit}" if mandaat else ""))
            plan_ondertekend.send(sender=Ondersteuningsplan, plan=plan, actor=actor)
    except ValidationError as error:
        with transaction.atomic():
            audit_dossier(
                actor=actor,
                dossier=plan.casus,
                actie=AuditActie.UPDATE,
                object_type="plan.ondersteuningsplan",
                object_id=plan.pk,
                omschrijving="ondertekenen geweigerd: " + " ".join(error.messages),
                resultaat=AuditResultaat.GEWEIGERD,
            )
        raise
    plan.refresh_from_db()
    return plan


def plan_offer_for_signing(*, actor, plan, bij: Medewerker) -> Ondersteuningsplan:
    _wijzigbaar(plan)
    _mandaat, niet_gedekt = mandaat_voor(bij, plan)
    if niet_gedekt:
        raise ValidationError(_("Deze collega heeft ook geen mandaat dat alle maatwerkregels dekt."))
    with transaction.atomic():
        plan.status, plan.ter_ondertekening_bij, plan.ter_ondertekening_op = (
            PlanStatus.TER_ONDERTEKENING,
            bij,
            timezone.now(),
        )
        plan.save(update_fields=["status", "ter_ondertekening_bij", "ter_ondertekening_op"])
        audit_dossier(actor=actor, dossier=plan.casus, actie=AuditActie.UPDATE,
                      object_type="plan.ondersteuningsplan", object_id=plan.pk,
                      omschrijving=f"ter ondertekening bij {bij.pk}")
    return plan


def plan_copy_as_version(plan, *, aangemaakt_door) -> Ondersteuningsplan:
    """The next concept version with a copy of the texts, goals (whose they are included) and lines
    (no checks, no audit)."""
    nieuw = Ondersteuningsplan.objects.create(
        gemeente_id=plan.gemeente_id, casus=plan.casus, versie=plan.versie + 1, vorige=plan,
        matched_care=plan.matched_care, gedeelde_besluitvorming=plan.gedeelde_besluitvorming,
        niet_akkoord=plan.niet_akkoord, contactpersoon=plan.contactpersoon, aangemaakt_door=aangemaakt_door,
    )
    kopie = {}  # old goal → its copy, so that a copied afspraak serves the copied goal
    for doel in plan.doelen.all():
        oud = doel.pk
        doel.pk, doel.plan = None, nieuw
        doel.save()
        kopie[oud] = doel.pk
    for regel in plan.regels.all():
        regel.pk, regel.plan, regel.doel_id = None, nieuw, kopie.get(regel.doel_id)
        regel.save()
    return nieuw


def plan_new_version(*, actor, plan) -> Ondersteuningsplan:
    """A change to a signed plan: a new concept version with a copy of the goals and lines."""
    if plan.status != PlanStatus.ONDERTEKEND:
        raise ValidationError(_("Alleen van een ondertekend plan maakt u een nieuwe versie; pas het concept aan."))
    if Ondersteuningsplan.objects.filter(vorige=plan).exists():
        raise ValidationError(_("Van deze versie bestaat al een nieuwere versie."))
    with transaction.atomic():
        nieuw = plan_copy_as_version(plan, aangemaakt_door=actor)
        audit_dossier(actor=actor, dossier=plan.casus, actie=AuditActie.CREATE,
                      object_type="plan.ondersteuningsplan", object_id=nieuw.pk,
                      omschrijving=f"plan versie {nieuw.versie}")
    return nieuw


