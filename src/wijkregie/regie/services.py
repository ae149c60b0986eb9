"""Regie services: one regisseur, betrokkenen under consent, contactmomenten, op- en afschalen,
evaluaties, check-ins (vinger aan de pols), afsluiten and heropenen. One transaction each, audited."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.casus.models import Casus, Status, Toestemming, ToestemmingScope
from wijkregie.casus.services import casus_transition, delen_check, toestemming_ingetrokken
from wijkregie.core.audit import AuditActie, audit_dossier
from wijkregie.inwoners.services import lid_toegevoegd
from wijkregie.plan.models import ZrmScore
from wijkregie.plan.signals import plan_ondertekend
from wijkregie.toegang.models import Aanmelding
from wijkregie.toegang.services import regisseur_of

from .models import (
    Afsluiting,
    Betrokkene,
    CheckIn,
    Contactmoment,
    ContactSoort,
    Doelbeoordeling,
    Evaluatie,
    Grondslag,
    Herinnering,
    Houder,
    Regie,
    Richting,
    Schaling,
    SchalingNaar,
)
from .selectors import contact_begin, huidige_regie, veiligheidsvlag
from .signals import casus_afgesloten, evaluatie_gehouden


def regie_transfer(*, actor, casus, regie: Regie) -> Regie:
    """Hands regie over: the current holder's period ends, the new one starts (history kept).

    The database refuses a second open regisseur (constraint een_regisseur_per_casus).
    """
    if casus.status == Status.AFGESLOTEN:
        raise ValidationError(_("Deze casus is afgesloten: heropen de casus eerst."))
    if regie.houder == Houder.ORGANISATIE and regie.organisatie is not None:
        # Regie by a partner shares the whole file with it: every member's consent, or a legal ground.
        delen_check(actor=actor, casus=casus, organisatie=regie.organisatie, wat="regie",
                          grondslag=regie.grondslag, toelichting=regie.grondslag_toelichting)
    # Only the fields of the chosen holder are kept: a medewerker left over would count as regisseur.
    if regie.houder != Houder.MEDEWERKER:
        regie.medewerker = None
    if regie.houder != Houder.ORGANISATIE:
        regie.organisatie = None
    if regie.houder != Houder.NETWERK:
        regie.netwerk = ""
    with transaction.atomic():
        casus.regies.select_for_update().filter(tot__isnull=True).update(tot=timezone.now())
        regie.casus, regie.gemeente_id, regie.door = casus, casus.gemeente_id, actor
        regie.save()
        audit_dossier(actor=actor, dossier=casus, actie=AuditActie.CREATE,
                      object_type="regie.regie", object_id=regie.pk,
                      omschrijving=f"regie naar {regie.houder}")
    return regie


def betrokkene_add(*, actor, casus, betrokkene: Betrokkene) -> Betrokkene:
    """An organisation becomes involved only with every member's consent to share with it (by the age
    rules), or on a recorded legal ground; a professional always names the organisation, only the
    household's own network needs none. No hoofdpersoon is no exemption."""
    if not betrokkene.uit_netwerk and betrokkene.organisatie_id is None:
        raise ValidationError({"organisatie": _(
            "Kies de organisatie van deze betrokkene; alleen iemand uit het eigen netwerk van het huishouden "
            "heeft er geen.")})
    if betrokkene.organisatie_id is not None:
        delen_check(actor=actor, casus=casus, organisatie=betrokkene.organisatie, wat="betrokkene",
                          grondslag=betrokkene.grondslag, toelichting=betrokkene.grondslag_toelichting)
    with transaction.atomic():
        betrokkene.casus, betrokkene.gemeente_id = casus, casus.gemeente_id
        betrokkene.save()
        audit_dossier(actor=actor, dossier=casus, actie=AuditActie.CREATE,
                      object_type="regie.betrokkene", object_id=betrokkene.pk, omschrijving="betrokkene toegevoegd")
    return betrokkene


#: A contactmoment lasts at most a day, its note is a note (a long report belongs in a document), and it
#: is logged within a year: anything else is a typing error that would distort the wachttijd and the
#: monitor (issue 13: 01-01-1999 with 100.000 minutes became an aanmelding's first contact).
CONTACT_MAX_MINUTEN = 24 * 60
CONTACT_MAX_NOTITIE = 10_000
CONTACT_MAX_TERUG = datetime.timedelta(days=365)


def contactmoment_check(casus, contact: Contactmoment) -> None:
    """The form's limits, again for every caller, plus the one only the casus knows: not before it began."""
    fouten = {}
    nu = timezone.now()
    begin = contact_begin(casus)
    if contact.op > nu + datetime.timedelta(minutes=5):
        fouten["op"] = _("Een contactmoment kan niet in de toekomst liggen.")
    elif contact.op < begin:
        fouten["op"] = _("Dit contactmoment ligt vóór het begin van de casus (%(datum)s). Controleer de datum.") % {
            "datum": begin.strftime("%d-%m-%Y %H:%M")}
    elif contact.op < nu - CONTACT_MAX_TERUG:
        fouten["op"] = _(
            "Een contactmoment van meer dan een jaar geleden kan niet meer worden vastgelegd. Controleer de datum."
        )
    if contact.duur_minuten is not None and not 1 <= contact.duur_minuten <= CONTACT_MAX_MINUTEN:
        fouten["duur_minuten"] = _("Vul een duur in van 1 tot en met 1440 minuten (24 uur).")
    if len(contact.notitie or "") > CONTACT_MAX_NOTITIE:
        fouten["notitie"] = _("Een notitie is hoogstens 10.000 tekens. Zet een lang verslag in een document.")
    if fouten:
        raise ValidationError(fouten)


def contactmoment_register(*, actor, casus, contact: Contactmoment) -> Contactmoment:
    """One line. The first contact with the household also ends the wachttijd of the aanmeldingen that
    were in by then (a later question of the household, joined to the running casus, waits for a contact of
    its own). An overleg with betrokkenen is not a contact with the household: it ends no wachttijd and
    tells no referrer that the team has spoken to the resident."""
    contactmoment_check(casus, contact)
    with transaction.atomic():
        contact.casus, contact.gemeente_id, contact.door = casus, casus.gemeente_id, actor
        contact.save()
        if contact.soort != ContactSoort.OVERLEG:
            Aanmelding.objects.filter(
                casus=casus, eerste_contact_op__isnull=True, ontvangen_op__lt=contact.op + datetime.timedelta(minutes=1)
            ).update(eerste_contact_op=contact.op)
        audit_dossier(actor=actor, dossier=casus, actie=AuditActie.CREATE,
                      object_type="regie.contactmoment", object_id=contact.pk,
                      omschrijving=f"contactmoment {contact.soort}")
    return contact


CHECKINS_NA_AFSCHALEN = 4  # every three months for a year: 'vinger aan de pols' (seed 004 §5)


def casus_scale(*, actor, casus, schaling: Schaling) -> Schaling:
    """Op- of afschalen. Afschalen to the network starts vinger aan de pols with a check-in schedule;
    opschalen gives a warm-handover check-in within a week. Handing over to an organisation shares the
    file: every member's consent, or a legal ground (Veilig Thuis: the meldcode; jeugdbescherming: the
    wettelijke taak, recorded by themselves)."""
    if schaling.richting == Richting.OP:
        if schaling.naar == SchalingNaar.VEILIG_THUIS:
            schaling.grondslag = schaling.grondslag or Grondslag.VEILIGHEID
        elif schaling.naar == SchalingNaar.JEUGDBESCHERMING:
            schaling.grondslag = schaling.grondslag or Grondslag.WETTELIJKE_TAAK
        if schaling.organisatie is not None or schaling.grondslag:
            # Veilig Thuis or jeugdbescherming without a listed organisation is still a share on record.
            delen_check(actor=actor, casus=casus, organisatie=schaling.organisatie,
                              wat=f"opschalen naar {schaling.ontvangende_partij or schaling.get_naar_display()}",
                              grondslag=schaling.grondslag, toelichting=schaling.reden, veld="reden")
        else:
            raise ValidationError({"organisatie": _("Kies de organisatie die de hulp overneemt: daarmee worden "
                                                    "gegevens gedeeld, alleen met toestemming.")})
    with transaction.atomic():
        schaling.casus, schaling.gemeente_id, schaling.door = casus, casus.gemeente_id, actor
        schaling.save()
        regie = huidige_regie(casus)
        wie = (regie.vinger_aan_de_pols if regie and regie.vinger_aan_de_pols_id else None) or casus.medewerker or actor
        if schaling.richting == Richting.AF and schaling.naar == SchalingNaar.NETWERK:
            if casus.status != Status.AFGESCHAALD:
                casus_transition(actor=actor, casus=casus, naar=Status.AFGESCHAALD, reden=schaling.reden)
            # Vinger aan de pols replaces the plan's evaluations: check-ins, not reviews.
            casus.evaluaties.filter(gehouden_op__isnull=True, vervallen=False).update(vervallen=True)
            CheckIn.objects.bulk_create([
                CheckIn(gemeente_id=casus.gemeente_id, casus=casus, medewerker=wie,
                        gepland_op=schaling.op + datetime.timedelta(weeks=13 * i))
                for i in range(1, CHECKINS_NA_AFSCHALEN + 1)
            ])
        elif schaling.richting == Richting.OP:
            if casus.status == Status.AFGESCHAALD:
                casus_transition(actor=actor, casus=casus, naar=Status.UITVOERING, reden=schaling.reden)
            casus.checkins.filter(gedaan_op__isnull=True, vervallen=False).update(vervallen=True)
            CheckIn.objects.create(gemeente_id=casus.gemeente_id, casus=casus, medewerker=wie,
                                   gepland_op=schaling.op + datetime.timedelta(days=7),
                                   notitie=_("Warme overdracht: nagaan of %(partij)s de hulp heeft overgenomen.")
                                   % {"partij": schaling.ontvangende_partij or schaling.get_naar_display()})
        elif schaling.naar == SchalingNaar.TEAM and casus.status == Status.AFGESCHAALD:
            casus_transition(actor=actor, casus=casus, naar=Status.UITVOERING, reden=schaling.reden)
        audit_dossier(actor=actor, dossier=casus, actie=AuditActie.CREATE,
                      object_type="regie.schaling", object_id=schaling.pk,
                      omschrijving=f"{schaling.richting}schalen naar {schaling.naar}")
    return schaling


def evaluatie_interval() -> datetime.timedelta:
    return datetime.timedelta(weeks=settings.EVALUATIE_INTERVAL_WEKEN)


@receiver(plan_ondertekend)
def _eerste_evaluatie_plannen(sender, plan, actor, **kwargs):
    """A signed plan gets its evaluation planned at once (default interval: EVALUATIE_INTERVAL_WEKEN)."""
    casus = plan.casus
    casus.evaluaties.filter(gehouden_op__isnull=True, vervallen=False).update(plan=plan)  # a new version takes over
    if not casus.evaluaties.filter(gehouden_op__isnull=True, vervallen=False).exists():
        Evaluatie.objects.create(gemeente_id=plan.gemeente_id, casus=casus, plan=plan,
                                 gepland_op=timezone.localdate() + evaluatie_interval())


def evaluatie_hold(*, actor, evaluatie: Evaluatie, beoordelingen: dict, verslag: str, met_inwoner: bool,
                     zrm: list[ZrmScore], volgende_op: datetime.date | None) -> Evaluatie:
    """Held with the resident: goal attainment per goal, ZRM re-scored, the next evaluation planned."""
    casus = evaluatie.casus
    with transaction.atomic():
        if Evaluatie.objects.select_for_update().get(pk=evaluatie.pk).gehouden_op:
            raise ValidationError(_("Deze evaluatie is al gehouden."))  # e.g. a double submit
        evaluatie.gehouden_op, evaluatie.verslag, evaluatie.met_inwoner, evaluatie.door = (
            timezone.localdate(), verslag, met_inwoner, actor)
        evaluatie.save()
        Doelbeoordeling.objects.bulk_create([
            Doelbeoordeling(gemeente_id=casus.gemeente_id, evaluatie=evaluatie, doel=doel, behaald=behaald)
            for doel, behaald in beoordelingen.items()
        ])
        for score in zrm:
            score.casus, score.gemeente_id, score.door = casus, casus.gemeente_id, actor
            score.save()
        if volgende_op:
            Evaluatie.objects.create(
                gemeente_id=casus.gemeente_id, casus=casus, plan=evaluatie.plan, gepland_op=volgende_op
            )
        Herinnering.objects.filter(
            gemeente_id=casus.gemeente_id, sleutel__startswith=f"evaluatie:{evaluatie.pk}:"
        ).delete()
        audit_dossier(actor=actor, dossier=casus, actie=AuditActie.UPDATE,
                      object_type="regie.evaluatie", object_id=evaluatie.pk,
                      omschrijving=f"evaluatie gehouden, {len(beoordelingen)} doelen beoordeeld, {len(zrm)} ZRM-scores")
        evaluatie_gehouden.send(sender=Evaluatie, evaluatie=evaluatie, actor=actor)
    return evaluatie


def checkin_complete(*, actor, checkin: CheckIn, notitie: str) -> CheckIn:
    with transaction.atomic():
        if CheckIn.objects.select_for_update().get(pk=checkin.pk).gedaan_op:
            raise ValidationError(_("Deze check-in is al gedaan."))
        Herinnering.objects.filter(
            gemeente_id=checkin.gemeente_id, sleutel__startswith=f"checkin:{checkin.pk}:"
        ).delete()
        checkin.gedaan_op, checkin.notitie = timezone.localdate(), (checkin.notitie + "\n" + notitie).strip()
        checkin.save(update_fields=["gedaan_op", "notitie"])
        audit_dossier(actor=actor, dossier=checkin.casus, actie=AuditActie.UPDATE,
                      object_type="regie.checkin", object_id=checkin.pk, omschrijving="check-in gedaan")
    return checkin


def casus_close(*, actor, casus, reden: str, toelichting: str = "") -> Afsluiting:
    """Closes with a CBS reason. With a lasting safety flag only the gedragswetenschapper may close."""
    if veiligheidsvlag(casus) and not actor.has_perm("regie.veiligheidsvlag_opheffen"):
        raise ValidationError(_(
            "Er is een blijvende zorg over de veiligheid. Alleen de gedragswetenschapper kan deze casus afsluiten."
        ))
    with transaction.atomic():
        casus_transition(
            actor=actor, casus=casus, naar=Status.AFGESLOTEN, reden=reden + (f": {toelichting}" if toelichting else "")
        )
        casus.regies.filter(tot__isnull=True).update(tot=timezone.now())
        # Open work lapses but stays in the history.
        casus.checkins.filter(gedaan_op__isnull=True).update(vervallen=True)
        casus.evaluaties.filter(gehouden_op__isnull=True).update(vervallen=True)
        afsluiting = Afsluiting.objects.create(gemeente_id=casus.gemeente_id, casus=casus, reden=reden,
                                               toelichting=toelichting, door=actor)
        audit_dossier(actor=actor, dossier=casus, actie=AuditActie.UPDATE,
                      object_type="regie.afsluiting", object_id=afsluiting.pk,
                      omschrijving=f"afgesloten, reden {reden}")
        casus_afgesloten.send(sender=Afsluiting, afsluiting=afsluiting, actor=actor)
    return afsluiting


def casus_reopen(*, actor, casus, reden: str) -> None:
    """Reopens after a relapse; a reopening within 12 months is kept on the Afsluiting."""
    if not reden.strip():
        raise ValidationError({"reden": _("Geef een reden om de casus te heropenen.")})
    with transaction.atomic():
        if casus.status == Status.AFGESCHAALD:
            casus.checkins.filter(gedaan_op__isnull=True).update(vervallen=True)
        casus_transition(actor=actor, casus=casus, naar=Status.VRAAGVERHELDERING, reden=reden)
        afsluiting = casus.afsluitingen.filter(heropend_op__isnull=True).first()
        if afsluiting:
            afsluiting.heropend_op, afsluiting.reden_heropenen = timezone.now(), reden
            afsluiting.save(update_fields=["heropend_op", "reden_heropenen"])
        audit_dossier(actor=actor, dossier=casus, actie=AuditActie.UPDATE,
                      object_type="casus.casus", object_id=casus.pk,
                      omschrijving="heropend")


@receiver(toestemming_ingetrokken)
def _na_intrekking(sender, toestemming: Toestemming, actor, **kwargs):
    """What rested on a withdrawn consent, in every open casus of the person: a betrokkene of that
    organisation ends today (unless on a legal ground); regie by it and a preferred provider there become
    a task for the regisseur, who decides with the household. Team consent: the regisseur is told."""
    from wijkregie.inwoners.models import Lidmaatschap
    from wijkregie.plan.models import Arrangementregel, PlanStatus

    huishoudens = Lidmaatschap.objects.huidig().filter(persoon_id=toestemming.persoon_id).values("huishouden_id")
    casussen = (Casus.objects.filter(gemeente_id=toestemming.gemeente_id).exclude(status=Status.AFGESLOTEN)
                .filter(Q(huishouden_id__in=huishoudens) | Q(hoofdpersoon_id=toestemming.persoon_id))
                .select_related("medewerker"))
    vandaag = timezone.localdate()
    for casus in casussen:
        taken = []
        if toestemming.scope == ToestemmingScope.TEAM:
            taken.append(_("Toestemming om in het team te bespreken is ingetrokken: alleen direct betrokkenen "
                           "zien de casus nog."))
        else:
            org = toestemming.organisatie
            beeindigd = casus.betrokkenen.filter(organisatie=org, tot__isnull=True, grondslag="")
            n = beeindigd.update(tot=vandaag, reden_einde="toestemming om te delen ingetrokken")
            if n:
                audit_dossier(actor=actor, dossier=casus, actie=AuditActie.UPDATE,
                              object_type="regie.betrokkene", object_id="",
                              omschrijving=f"{n} betrokkene(n) beëindigd: toestemming ingetrokken")
                taken.append(_("%(org)s is geen betrokkene meer: de toestemming om te delen is ingetrokken.")
                             % {"org": org})
            if casus.regies.filter(tot__isnull=True, organisatie=org, grondslag="").exists():
                taken.append(_("%(org)s heeft de regie, maar de toestemming om te delen is ingetrokken: draag de "
                               "regie over of leg een wettelijke grondslag vast.") % {"org": org})
            if Arrangementregel.objects.filter(plan__casus=casus, voorkeursaanbieder=org).exclude(
                    plan__status=PlanStatus.ONDERTEKEND, plan__volgende__isnull=False).exists():
                taken.append(_("%(org)s is voorkeursaanbieder in het plan, maar de toestemming om te delen is "
                               "ingetrokken: bespreek een andere aanbieder.") % {"org": org})
        wie = regisseur_of(casus)
        for i, tekst in enumerate(taken):
            if wie is not None:
                Herinnering.objects.get_or_create(
                    gemeente_id=casus.gemeente_id, sleutel=f"toestemming:{toestemming.pk}:{casus.pk}:{i}",
                    defaults={"medewerker": wie, "casus": casus, "tekst": tekst[:200]})


@receiver(lid_toegevoegd)
def _nieuw_lid(sender, lidmaatschap, actor, **kwargs):
    """A new member of a household with a running casus: until their consent is recorded, team
    colleagues and partners lose sight of the casus (every member's consent counts). The regisseur is
    told at once, in the werkvoorraad, rather than finding out from a colleague."""
    casus = (Casus.objects.filter(huishouden_id=lidmaatschap.huishouden_id).exclude(status=Status.AFGESLOTEN)
             .select_related("medewerker").first())
    if casus is None:
        return
    wie = regisseur_of(casus)
    if wie is None:
        return
    Herinnering.objects.get_or_create(
        gemeente_id=casus.gemeente_id, sleutel=f"nieuw_lid:{lidmaatschap.pk}",
        defaults={"medewerker": wie, "casus": casus,
                  "tekst": _("Nieuw gezinslid %(naam)s: leg de toestemming vast, anders zien collega's en partners de "
                             "casus niet meer.") % {"naam": lidmaatschap.persoon.voornamen}})
