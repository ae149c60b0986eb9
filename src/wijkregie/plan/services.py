"""Plan services: ZRM scores, consults, safety, and the plan's versions and signing under mandaat."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from wijkregie.casus.models import Status
from wijkregie.casus.services import casus_transition
from wijkregie.casus.toestemming import casus_lid_ids
from wijkregie.core.audit import AuditActie, AuditResultaat, audit_log
from wijkregie.organisatie.models import Mandaat, Medewerker, Rol, Wet
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
from .signals import plan_ondertekend


def _audit(actor, casus, actie: str, soort: str, object_id="", omschrijving: str = "") -> None:
    audit_log(actor=actor, actie=actie, object_type=soort, object_id=object_id, gemeente_id=casus.gemeente_id,
              client_id=casus.hoofdpersoon_id, omschrijving=omschrijving)


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
        _audit(actor, casus, AuditActie.CREATE, "plan.zrmscore", casus.pk,
               f"{len(scores)} ZRM-scores voor {len({s.persoon_id for s in scores})} gezinsleden")
    return scores


def consult_vragen(*, actor, casus, aan: Medewerker, vraag: str, over_veiligheid: bool = False) -> Consult:
    """A consult gives the one asked access to the file: only to someone in a team today."""
    if not huidige_teamleden(casus.gemeente_id).filter(medewerker=aan).exists() or not aan.is_active:
        raise ValidationError({"aan": _("%(naam)s is niet (meer) lid van een team: kies een huidige collega.") % {"naam": aan}})
    with transaction.atomic():
        consult = Consult.objects.create(gemeente_id=casus.gemeente_id, casus=casus, gevraagd_aan=aan, vraag=vraag,
                                         gevraagd_door=actor, over_veiligheid=over_veiligheid)
        _audit(actor, casus, AuditActie.CREATE, "plan.consult", consult.pk, "consult gevraagd")
    return consult


def consult_beantwoorden(*, actor, consult: Consult, advies: str) -> Consult:
    if consult.gevraagd_aan_id != actor.pk:
        raise ValidationError(_("Alleen wie het consult is gevraagd, kan het beantwoorden."))
    with transaction.atomic():
        consult.advies, consult.advies_op = advies, timezone.now()
        consult.save(update_fields=["advies", "advies_op"])
        _audit(actor, consult.casus, AuditActie.UPDATE, "plan.consult", consult.pk, "advies gegeven")
    return consult


def _gedragswetenschapper(casus) -> Medewerker | None:
    """The team's gedragswetenschapper, else any of the gemeente (doubt must always reach one)."""
    qs = Medewerker.objects.filter(gemeente_id=casus.gemeente_id, is_active=True, roltoewijzingen__rol=Rol.GEDRAGSWETENSCHAPPER)
    return qs.filter(teamlidmaatschappen__team=casus.team_id).first() or qs.first()


def veiligheidsanalyse_record(*, actor, casus, antwoorden: dict, toelichting: str) -> Veiligheidsanalyse:
    """Records the checklist. Doubt or a 'yes' creates a consult task for the gedragswetenschapper."""
    with transaction.atomic():
        analyse = Veiligheidsanalyse.objects.create(gemeente_id=casus.gemeente_id, casus=casus, antwoorden=antwoorden,
                                                    toelichting=toelichting, door=actor)
        _audit(actor, casus, AuditActie.CREATE, "plan.veiligheidsanalyse", analyse.pk,
               "zorg over veiligheid" if analyse.zorg else "geen zorg over veiligheid")
        if analyse.zorg and (gw := _gedragswetenschapper(casus)) is not None:
            consult_vragen(actor=actor, casus=casus, aan=gw, over_veiligheid=True,
                           vraag=_("Veiligheidsanalyse met twijfel of zorg: graag overleg.") + (f" {toelichting}" if toelichting else ""))
    return analyse


def meldcodestap_record(*, actor, casus, stap: MeldcodeStap) -> MeldcodeStap:
    with transaction.atomic():
        stap.casus, stap.gemeente_id, stap.door = casus, casus.gemeente_id, actor
        stap.save()
        _audit(actor, casus, AuditActie.CREATE, "plan.meldcodestap", stap.pk,
               f"meldcode stap {stap.stap}" + (" melding Veilig Thuis" if stap.melding_veilig_thuis_op else ""))
        twijfel = any(v == "twijfel" for v in (stap.afwegingskader or {}).values())
        if twijfel and (gw := _gedragswetenschapper(casus)) is not None:
            consult_vragen(actor=actor, casus=casus, aan=gw, over_veiligheid=True,
                           vraag=_("Twijfel bij het afwegingskader van de meldcode: graag overleg."))
    return stap


def huidig_plan(casus) -> Ondersteuningsplan | None:
    return casus.plannen.order_by("-versie").first()


PLAN_STATUSSEN = (Status.VRAAGVERHELDERING, Status.PLAN, Status.UITVOERING)


def _casus_open_voor_plan(casus) -> None:
    if casus.status not in PLAN_STATUSSEN:
        raise ValidationError(_("Deze casus is %(status)s: heropen de casus eerst.") % {"status": Status(casus.status).label.lower()})


def plan_maken(*, actor, casus) -> Ondersteuningsplan:
    """The first version of the household's plan; the casus moves to 'plan'."""
    _casus_open_voor_plan(casus)
    if casus.plannen.exists():
        raise ValidationError(_("Deze casus heeft al een plan. Maak een nieuwe versie."))
    with transaction.atomic():
        plan = Ondersteuningsplan.objects.create(gemeente_id=casus.gemeente_id, casus=casus, aangemaakt_door=actor,
                                                 contactpersoon=casus.medewerker or actor)
        if casus.status in (Status.VRAAGVERHELDERING, Status.UITVOERING):
            casus_transition(actor=actor, casus=casus, naar=Status.PLAN, reden="ondersteuningsplan gestart")
        _audit(actor, casus, AuditActie.CREATE, "plan.ondersteuningsplan", plan.pk, "plan versie 1")
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


def plan_bijwerken(*, actor, plan, velden: list[str]) -> Ondersteuningsplan:
    _wijzigbaar(plan)
    with transaction.atomic():
        _vergrendel(plan)
        plan.status, plan.ter_ondertekening_bij, plan.ter_ondertekening_op = PlanStatus.CONCEPT, None, None
        plan.save()
        _audit(actor, plan.casus, AuditActie.UPDATE, "plan.ondersteuningsplan", plan.pk, "velden: " + ", ".join(velden))
    return plan


def doel_opslaan(*, actor, plan, doel: Doel) -> Doel:
    """Adds a goal to a concept plan: for the whole household, or for someone the casus is about."""
    _wijzigbaar(plan)
    if doel.persoon_id and doel.persoon_id not in casus_lid_ids(plan.casus):
        raise ValidationError({"persoon": _("Kies een lid van dit huishouden, of het hele huishouden.")})
    with transaction.atomic():
        _vergrendel(plan)
        _naar_concept(plan)
        doel.plan, doel.gemeente_id = plan, plan.gemeente_id
        doel.save()
        _audit(actor, plan.casus, AuditActie.CREATE, "plan.doel", doel.pk, f"doel op leefgebied {doel.leefgebied_id}")
    return doel


def regel_opslaan(*, actor, plan, regel: Arrangementregel) -> Arrangementregel:
    _wijzigbaar(plan)
    if regel.voorkeursaanbieder_id:
        # A preferred provider receives the household's data with the assignment: every member's consent.
        from wijkregie.casus.services import delen_controleren

        delen_controleren(actor=actor, casus=plan.casus, organisatie=regel.voorkeursaanbieder,
                          wat="voorkeursaanbieder", veld="voorkeursaanbieder")
    with transaction.atomic():
        _vergrendel(plan)
        _naar_concept(plan)
        regel.plan, regel.gemeente_id = plan, plan.gemeente_id
        regel.save()
        _audit(actor, plan.casus, AuditActie.CREATE, "plan.arrangementregel", regel.pk, f"regel {regel.soort}")
    return regel


def onderdeel_verwijderen(*, actor, plan, onderdeel) -> None:
    _wijzigbaar(plan)
    with transaction.atomic():
        _vergrendel(plan)
        _naar_concept(plan)
        _audit(actor, plan.casus, AuditActie.DELETE, onderdeel._meta.label_lower, onderdeel.pk, "verwijderd uit concept")
        onderdeel.delete()


def _regel_tekst(regel: Arrangementregel) -> str:
    tekst = f"{Wet(regel.wet).label if regel.wet else '?'} – {regel.productcategorie} {regel.productcategorie_omschrijving}".strip()
    if regel.geraamde_kosten is not None:
        tekst += f" (€ {number_format(regel.geraamde_kosten, 0, force_grouping=True)})"
    return tekst


def mandaat_voor(medewerker: Medewerker, plan, *, datum=None) -> tuple[Mandaat | None, list[str]]:
    """The mandaat of `medewerker` that covers every maatwerk line of the plan on `datum`.

    Returns (mandaat, []) when one covers all; (None, [lines not covered]) otherwise. A plan without
    maatwerk lines needs no mandaat: (None, []).
    """
    datum = datum or timezone.localdate()
    regels = [r for r in plan.regels.all() if r.soort == Soort.MAATWERK]
    if not regels:
        return None, []
    mandaten = list(Mandaat.objects.filter(gemeente_id=plan.gemeente_id, houder=medewerker).select_related(
        "houder__moederorganisatie", "ondermandaat_van"))
    for mandaat in mandaten:
        if all(mandaat.dekt(wet=r.wet, productcategorie=r.productcategorie, bedrag=r.geraamde_kosten, datum=datum) for r in regels):
            return mandaat, []
    niet_gedekt = [
        _regel_tekst(r) for r in regels
        if not any(m.dekt(wet=r.wet, productcategorie=r.productcategorie, bedrag=r.geraamde_kosten, datum=datum) for m in mandaten)
    ] or [_regel_tekst(r) for r in regels]
    return None, niet_gedekt


def tekenbevoegden(plan) -> list[Medewerker]:
    """Colleagues of the gemeente whose mandaat covers all maatwerk lines (to offer the plan to)."""
    houders = Medewerker.objects.filter(gemeente_id=plan.gemeente_id, is_active=True, mandaten__isnull=False).distinct()
    return [m for m in houders if mandaat_voor(m, plan)[0] is not None]


def _voorkeursaanbieders_zonder_toestemming(plan) -> list[str]:
    """Consent may have been withdrawn since a line was saved: checked again when the plan is signed."""
    from wijkregie.casus.toestemming import casus_leden, zonder_toestemming

    leden, fouten = casus_leden(plan.casus), []
    for org in {r.voorkeursaanbieder for r in plan.regels.select_related("voorkeursaanbieder") if r.voorkeursaanbieder_id}:
        ontbreekt = zonder_toestemming(leden, scope="delen", organisatie=org) if leden else [None]
        if ontbreekt:
            fouten.append(_("Er is geen geldige toestemming van ieder gezinslid om gegevens te delen met "
                            "voorkeursaanbieder %(org)s.") % {"org": org})
    return fouten


def plan_ondertekenen(*, actor, plan) -> Ondersteuningsplan:
    """Signs the plan: the resident's agreement recorded, and a mandaat covering every maatwerk line.

    Everything is checked on the locked plan inside the transaction, so no line can slip in between
    the check and the signature. New or changed maatwerk lines become requests for a beschikking to
    the backoffice; the casus moves to uitvoering. A refused attempt is audited too.
    """
    try:
        with transaction.atomic():
            plan = _vergrendel(plan)
            _casus_open_voor_plan(plan.casus)
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
                    _("U heeft geen geldig mandaat voor: %(regels)s. Bied het plan ter ondertekening aan bij een collega met mandaat.")
                    % {"regels": "; ".join(niet_gedekt)}, code="geen_mandaat",
                )
            Ondersteuningsplan.objects.filter(pk=plan.pk).update(
                status=PlanStatus.ONDERTEKEND, ondertekend_door=actor, ondertekend_op=timezone.now(), mandaat=mandaat,
                ter_ondertekening_bij=None,
            )
            al_besloten = _regel_sleutels(plan.vorige, alleen_maatwerk=True) if plan.vorige_id else set()
            for regel in plan.regels.filter(soort=Soort.MAATWERK):
                if _regel_sleutel(regel) not in al_besloten:
                    BeschikkingVerzoek.objects.create(gemeente_id=plan.gemeente_id, regel=regel)
            casus = plan.casus
            if casus.status == Status.VRAAGVERHELDERING:
                casus_transition(actor=actor, casus=casus, naar=Status.PLAN, reden=f"plan versie {plan.versie} ondertekend")
            if casus.status == Status.PLAN:
                casus_transition(actor=actor, casus=casus, naar=Status.UITVOERING, reden=f"plan versie {plan.versie} ondertekend")
            _audit(actor, casus, AuditActie.UPDATE, "plan.ondersteuningsplan", plan.pk,
                   f"plan versie {plan.versie} ondertekend" + (f" onder mandaat {mandaat.besluit}" if mandaat else ""))
            plan_ondertekend.send(sender=Ondersteuningsplan, plan=plan, actor=actor)
    except ValidationError as error:
        with transaction.atomic():
            audit_log(actor=actor, actie=AuditActie.UPDATE, object_type="plan.ondersteuningsplan", object_id=plan.pk,
                      gemeente_id=plan.gemeente_id, client_id=plan.casus.hoofdpersoon_id,
                      omschrijving="ondertekenen geweigerd: " + " ".join(error.messages), resultaat=AuditResultaat.GEWEIGERD)
        raise
    plan.refresh_from_db()
    return plan


def plan_ter_ondertekening(*, actor, plan, bij: Medewerker) -> Ondersteuningsplan:
    _wijzigbaar(plan)
    _mandaat, niet_gedekt = mandaat_voor(bij, plan)
    if niet_gedekt:
        raise ValidationError(_("Deze collega heeft ook geen mandaat dat alle maatwerkregels dekt."))
    with transaction.atomic():
        plan.status, plan.ter_ondertekening_bij, plan.ter_ondertekening_op = PlanStatus.TER_ONDERTEKENING, bij, timezone.now()
        plan.save(update_fields=["status", "ter_ondertekening_bij", "ter_ondertekening_op"])
        _audit(actor, plan.casus, AuditActie.UPDATE, "plan.ondersteuningsplan", plan.pk, f"ter ondertekening bij {bij.pk}")
    return plan


def kopie_als_nieuwe_versie(plan, *, aangemaakt_door) -> Ondersteuningsplan:
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


def plan_nieuwe_versie(*, actor, plan) -> Ondersteuningsplan:
    """A change to a signed plan: a new concept version with a copy of the goals and lines."""
    if plan.status != PlanStatus.ONDERTEKEND:
        raise ValidationError(_("Alleen van een ondertekend plan maakt u een nieuwe versie; pas het concept aan."))
    if Ondersteuningsplan.objects.filter(vorige=plan).exists():
        raise ValidationError(_("Van deze versie bestaat al een nieuwere versie."))
    with transaction.atomic():
        nieuw = kopie_als_nieuwe_versie(plan, aangemaakt_door=actor)
        _audit(actor, plan.casus, AuditActie.CREATE, "plan.ondersteuningsplan", nieuw.pk, f"plan versie {nieuw.versie}")
    return nieuw


def _regel_sleutel(regel) -> str:
    """Everything that was agreed in a line, in words: a change of any of it is a difference."""
    delen = [f"{regel.get_soort_display()}: {regel.omschrijving}"]
    if regel.wie:
        delen.append(f"door {regel.wie}")
    if regel.voorziening_id:
        delen.append(str(regel.voorziening))
    if regel.medewerker_id:
        delen.append(f"{regel.medewerker}, {regel.aantal_contacten or 0} contacten")
    if regel.soort == Soort.MAATWERK:
        delen.append(_regel_tekst(regel))
        delen.append(f"{floatformat(regel.volume or 0, '-2')} {regel.eenheid_omschrijving} {regel.frequentie_omschrijving}".strip())
        if regel.ingangsdatum:
            delen.append(f"{regel.ingangsdatum:%d-%m-%Y} – {regel.einddatum:%d-%m-%Y}" if regel.einddatum else f"vanaf {regel.ingangsdatum:%d-%m-%Y}")
        if regel.voorkeursaanbieder_id:
            delen.append(f"voorkeur {regel.voorkeursaanbieder}")
    if regel.pgb_motivatie:
        delen.append(regel.pgb_motivatie)
    return ", ".join(delen)


def _doel_sleutel(doel, zichtbaar: set[int] | None = None) -> str:
    """A goal in words, whose it is included (the same words for another member is another goal).
    A member outside `zichtbaar` (the people the reader may see) is named only as 'een gezinslid'."""
    voor = ""
    if doel.persoon_id:
        naam = doel.persoon.naam if zichtbaar is None or doel.persoon_id in zichtbaar else _("een gezinslid")
        voor = f", {_('voor %(naam)s') % {'naam': naam}}"
    tekst = f"{doel.leefgebied}{voor}: {doel.omschrijving} (prioriteit {doel.prioriteit}"
    if doel.doel_niveau:
        tekst += f", naar niveau {doel.doel_niveau}"
    if doel.streefdatum:
        tekst += f", voor {doel.streefdatum:%d-%m-%Y}"
    return tekst + ")"


def _regel_sleutels(plan, *, alleen_maatwerk: bool = False) -> set[str]:
    regels = plan.regels.select_related("voorziening", "medewerker", "voorkeursaanbieder")
    if alleen_maatwerk:
        regels = regels.filter(soort=Soort.MAATWERK)
    return {_regel_sleutel(r) for r in regels}


PLAN_TEKSTVELDEN = ("matched_care", "gedeelde_besluitvorming", "niet_akkoord")


def verschil(vorige, plan, *, zichtbaar: set[int] | None = None) -> dict[str, list[str]]:
    """What changed between two versions, in words: goals and lines added or removed (a changed one
    shows as its old and its new wording), and which texts of the plan changed. Members outside
    `zichtbaar` (when given) are not named."""
    if vorige is None:
        return {"toegevoegd": [], "vervallen": [], "gewijzigd": []}
    oud = {_doel_sleutel(d, zichtbaar) for d in vorige.doelen.select_related("leefgebied", "persoon")} | _regel_sleutels(vorige)
    nieuw = {_doel_sleutel(d, zichtbaar) for d in plan.doelen.select_related("leefgebied", "persoon")} | _regel_sleutels(plan)
    gewijzigd = [str(Ondersteuningsplan._meta.get_field(v).verbose_name) for v in PLAN_TEKSTVELDEN
                 if getattr(vorige, v) != getattr(plan, v)]
    return {"toegevoegd": sorted(nieuw - oud), "vervallen": sorted(oud - nieuw), "gewijzigd": gewijzigd}
