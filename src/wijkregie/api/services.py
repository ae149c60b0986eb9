"""Writes of the partner API: keys, referrals, signals, and the audit of what a partner reads.

A referral or signal is registered by toegang's own services (`aanmelding_register`,
`signaal_register`) with the partner as actor, so it follows exactly the route of any other question:
to the bureaudienst, or into the household's open casus.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.core.audit import AuditActie, audit_disclosure, audit_log, audit_refused
from wijkregie.inwoners.models import Persoon, normalise_postcode
from wijkregie.inwoners.services import wijk_for_postcode
from wijkregie.organisatie.models import OrganisatieSoort
from wijkregie.toegang.models import Aanmelding, Kanaal, Signaal, SignaalBron
from wijkregie.toegang.services import aanmelding_register, signaal_register

from . import sleutels
from .models import ApiToken, Scope, Signaalmelding, Verwijzing, Voorstel, VoorstelSoort, VoorstelStatus
from .problemen import Onverwerkbaar

STANDAARD_DAGEN = 90
MAX_DAGEN = 730

#: Which early signals an organisation of each kind may give (toegang.SignaalBron). A school signals as
#: a school, a housing corporation rent arrears; the gemeente's own desks (schuldhulp, Vroeg Eropaf)
#: pass on the arrears signals of utilities and insurers. Kinds not listed give 'overig' only.
SIGNAALBRONNEN = {
    OrganisatieSoort.ONDERWIJS: {SignaalBron.SCHOOL, SignaalBron.OVERIG},
    OrganisatieSoort.HUISARTS: {SignaalBron.HUISARTS, SignaalBron.OVERIG},
    OrganisatieSoort.VEILIGHEID: {SignaalBron.POLITIE, SignaalBron.OVERIG},
    OrganisatieSoort.WONEN: {SignaalBron.HUUR, SignaalBron.OVERIG},
    OrganisatieSoort.SCHULDHULP: {SignaalBron.ENERGIE, SignaalBron.ZORGVERZEKERING, SignaalBron.HUUR,
                                  SignaalBron.OVERIG},
    OrganisatieSoort.GEMEENTE: {SignaalBron.ENERGIE, SignaalBron.ZORGVERZEKERING, SignaalBron.HUUR,
                                SignaalBron.OUTREACH, SignaalBron.OVERIG},
    OrganisatieSoort.WELZIJN: {SignaalBron.OUTREACH, SignaalBron.OVERIG},
    # Utilities and health insurers are on the sociale kaart as 'overig'.
    OrganisatieSoort.OVERIG: {SignaalBron.ENERGIE, SignaalBron.ZORGVERZEKERING, SignaalBron.OVERIG},
}


def signaalbronnen_for(organisatie) -> set[str]:
    return {str(b) for b in SIGNAALBRONNEN.get(organisatie.soort, {SignaalBron.OVERIG})}


def token_create(*, organisatie, naam: str, scopes, dagen: int = STANDAARD_DAGEN, door=None) -> tuple[ApiToken, str]:
    """Makes a key for a partner organisation; returns it with the key's text, which is shown once and
    stored nowhere (only its prefix and hash). Audited as a security event of the gemeente."""
    scopes = sorted(set(scopes))
    onbekend = set(scopes) - set(Scope.values)
    if not scopes or onbekend:
        raise ValueError(f"unknown or no scopes: {sorted(onbekend)}")
    if not 1 <= dagen <= MAX_DAGEN:
        raise ValueError(f"a key is valid for 1 to {MAX_DAGEN} days")
    sleutel = sleutels.nieuwe_sleutel()
    with transaction.atomic():
        token = ApiToken.objects.create(
            gemeente_id=organisatie.gemeente_id, organisatie=organisatie, naam=naam[:100], scopes=scopes,
            prefix=sleutel.prefix, sleutel_hash=sleutel.hash, aangemaakt_door=door,
            verloopt_op=timezone.now() + datetime.timedelta(days=dagen),
        )
        audit_log(
            actor=door,
            actie=AuditActie.CREATE,
            object_type="api.apitoken",
            object_id=token.pk,
            gemeente_id=organisatie.gemeente_id,
            grondslag="rol",
            doel="beveiliging",
            omschrijving=f"API-sleutel {token.prefix} voor {organisatie} ({', '.join(scopes)}), {dagen} dagen"[:300],
        )
    return token, sleutel.tekst


def token_revoke(*, token: ApiToken, door=None) -> ApiToken:
    """Revokes a key: its next request gets a 401."""
    if token.ingetrokken_op is not None:
        return token
    with transaction.atomic():
        token.ingetrokken_op, token.ingetrokken_door = timezone.now(), door
        token.save(update_fields=["ingetrokken_op", "ingetrokken_door"])
        audit_log(actor=door, actie=AuditActie.UPDATE, object_type="api.apitoken", object_id=token.pk,
                  gemeente_id=token.gemeente_id, doel="beveiliging",
                  omschrijving=f"API-sleutel {token.prefix} van {token.organisatie} ingetrokken")
    return token


def _bekende_inwoner(gemeente_id: int, bsn: str, geboortedatum: datetime.date) -> Persoon | None:
    """The resident a referral's BSN names, when the birth date agrees: a mistyped BSN that still
    passes the elfproef must not attach a stranger's question to someone's file."""
    if not bsn:
        return None
    return Persoon.objects.filter(gemeente_id=gemeente_id, bsn=bsn, geboortedatum=geboortedatum).first()


def verwijzing_register(*, partner, naam: str, geboortedatum: datetime.date, postcode: str, vraag: str,
                        verwijzer: str, bsn: str = "", contact: str = "", contactpersoon: str = "",
                        kenmerk: str = "") -> Verwijzing:
    """A partner's referral becomes an aanmelding (kanaal partner, its COD327 verwijzer code), at the
    bureaudienst or in the household's open casus, exactly as aanmelding_register routes any question.

    A referral is for a resident of this gemeente: a postcode outside its postcode areas is refused
    (422) before anything is looked up. A BSN (elfproef checked by the caller) of a resident of the
    gemeente with the same birth date links the question to them; otherwise no person file is made
    from outside: the name and birth date stay on the aanmelding for the bureaudienst to link (the
    link page). Either way the answer is the same, so the API never tells whether someone is known.
    """
    organisatie = partner.organisatie
    postcode = normalise_postcode(postcode)
    if wijk_for_postcode(organisatie.gemeente_id, postcode) is None:
        raise Onverwerkbaar(
            _("Postcode %(postcode)s ligt niet in de gemeente %(gemeente)s; verwijs naar het wijkteam van de "
              "gemeente waar de inwoner woont.") % {"postcode": postcode, "gemeente": organisatie.gemeente.naam},
            veld="postcode", code="postcode_buiten_gemeente")
    persoon = _bekende_inwoner(organisatie.gemeente_id, bsn, geboortedatum)
    with transaction.atomic():
        aanmelding = aanmelding_register(actor=partner, aanmelding=Aanmelding(
            kanaal=Kanaal.PARTNER, verwijzer=verwijzer, verwijzer_naam=organisatie.naam[:150],
            vraagsteller=(contactpersoon or organisatie.naam)[:150], contact=contact[:150], persoon=persoon,
            anoniem_naam="" if persoon else f"{naam} (geboren {geboortedatum:%d-%m-%Y})"[:150],
            postcode=postcode, vraag=vraag, ontvangen_op=timezone.now(),
        ), naar_bureaudienst=True)
        return Verwijzing.objects.create(
            gemeente_id=organisatie.gemeente_id,
            organisatie=organisatie,
            token=partner.token,
            aanmelding=aanmelding,
            ontvangen_op=aanmelding.ontvangen_op,
            kenmerk=kenmerk[:60],
        )


def signaal_report(*, partner, bron: str, omschrijving: str, adres: str, melder: str = "") -> Signaalmelding:
    """A partner's early signal becomes a Signaal in the toegang queue: no person file, no aanmelding,
    until the team decides to act (Vroeg Eropaf). The source must fit the organisation's kind."""
    organisatie = partner.organisatie
    if bron not in signaalbronnen_for(organisatie):
        raise Onverwerkbaar(
            _("Een organisatie van de soort '%(soort)s' kan geen signaal met bron '%(bron)s' geven; mogelijk: "
              "%(mogelijk)s.") % {"soort": organisatie.get_soort_display(), "bron": bron,
                                  "mogelijk": ", ".join(sorted(signaalbronnen_for(organisatie)))},
            veld="bron", code="bron_past_niet")
    with transaction.atomic():
        signaal = signaal_register(actor=partner, signaal=Signaal(
            bron=bron, melder=(f"{melder} ({organisatie.naam})" if melder else organisatie.naam)[:150],
            omschrijving=omschrijving, adres=adres[:200], ontvangen_op=timezone.now(),
        ))
        return Signaalmelding.objects.create(gemeente_id=organisatie.gemeente_id, organisatie=organisatie,
                                             token=partner.token, signaal=signaal, ontvangen_op=signaal.ontvangen_op)


def verwijzing_view(*, partner, verwijzing: Verwijzing) -> None:
    """The referrer read the status of its referral: audited for the resident, if linked."""
    aanmelding = verwijzing.aanmelding
    with transaction.atomic():
        audit_log(actor=partner, actie=AuditActie.READ, object_type="toegang.aanmelding", object_id=aanmelding.pk,
                  gemeente_id=aanmelding.gemeente_id, client_id=aanmelding.persoon_id, grondslag="verwijzer",
                  omschrijving="status van de verwijzing gelezen via de API")


def verwijzingen_list(*, partner, verwijzingen) -> None:
    """The referrer read the list of its referrals (status only): audited per linked resident."""
    client_ids = [v.aanmelding.persoon_id for v in verwijzingen if v.aanmelding.persoon_id]
    if not client_ids:
        return
    with transaction.atomic():
        audit_disclosure(actor=partner, client_ids=client_ids, object_type="toegang.aanmelding", grondslag="verwijzer",
                         omschrijving="status van de eigen verwijzingen gelezen")


def verwijzing_refuse(*, partner, publiek_id) -> None:
    """Another organisation's referral id was asked for (404): audited as a refusal when it exists, for
    the gemeente's privacy officer (someone holding or walking ids that are not theirs)."""
    verwijzing = (Verwijzing.objects.filter(publiek_id=publiek_id).exclude(organisatie=partner.organisatie)
                  .select_related("aanmelding").first())
    if verwijzing is not None:
        audit_refused(actor=partner, object_type="toegang.aanmelding", object_id=verwijzing.aanmelding_id,
                      gemeente_id=verwijzing.gemeente_id, client_id=verwijzing.aanmelding.persoon_id,
                      omschrijving="status van een verwijzing van een andere organisatie gevraagd via de API")


def casussen_list(*, partner, gedeeld) -> None:
    """The list of shared casussen shows each hoofdpersoon's name and birth date: one event per person,
    on the ground of the share."""
    per_grond: dict[str, list[int]] = {}
    for item in gedeeld:
        per_grond.setdefault(item.grondslag, []).append(item.casus.hoofdpersoon_id)
    with transaction.atomic():
        for grond, client_ids in per_grond.items():
            audit_disclosure(actor=partner, client_ids=client_ids, object_type="casus.casus", grondslag=grond,
                             omschrijving="gedeelde casussen via de API: naam en geboortedatum")


def plan_view(*, partner, gedeeld_plan) -> None:
    """Reading the shared plan discloses the household's goals: one event per member of the casus."""
    casus = gedeeld_plan.gedeeld.casus
    with transaction.atomic():
        audit_disclosure(actor=partner, client_ids=[p.pk for p in gedeeld_plan.leden], object_type="casus.casus",
                         object_id=casus.pk, grondslag=gedeeld_plan.gedeeld.grondslag,
                         omschrijving="plan via de API: doelen, arrangement van de organisatie, regisseur")


#: The longest text of a proposal; an afspraak becomes an arrangement line, whose text is at most 300.
VOORSTEL_MAX = 2000
AFSPRAAK_MAX = 300


def voorstel_submit(*, partner, gedeeld_plan, soort: str, omschrijving: str, leefgebied: str = "",
                      doel=None, ingangsdatum: datetime.date | None = None) -> Voorstel:
    """A partner that holds regie or is betrokken (the casus is shared with it now: `gedeeld_plan` comes
    from selectors.gedeeld_plan) proposes a change: a new goal on a life domain, an afspraak it carries
    out, or progress on a goal of the signed plan (`doel`: its id for this organisation). Nothing changes
    in the plan until the regisseur takes it over (voorstel_overnemen). Bad input: ValidationError per field.
    """
    from .selectors import doel_id

    organisatie, casus = partner.organisatie, gedeeld_plan.gedeeld.casus
    omschrijving = (omschrijving or "").strip()
    fouten, gebied, gekozen = {}, None, None
    if soort not in VoorstelSoort.values:
        fouten["soort"] = _("Kies wat u voorstelt: een doel, een afspraak of voortgang bij een doel.")
    if not omschrijving:
        fouten["omschrijving"] = _("Beschrijf uw voorstel.")
    elif len(omschrijving) > (AFSPRAAK_MAX if soort == VoorstelSoort.AFSPRAAK else VOORSTEL_MAX):
        fouten["omschrijving"] = _("Een voorstel is hoogstens %(max)s tekens.") % {
            "max": AFSPRAAK_MAX if soort == VoorstelSoort.AFSPRAAK else VOORSTEL_MAX}
    if soort == VoorstelSoort.DOEL:
        from wijkregie.organisatie.models import Leefgebied

        gebied = Leefgebied.objects.filter(
            gemeente_id=casus.gemeente_id, actief=True, naam=(leefgebied or "").strip()
        ).first()
        if gebied is None:
            fouten["leefgebied"] = _("Kies een leefgebied van de lijst.")
    if soort == VoorstelSoort.VOORTGANG:
        gekozen = next(
            (d for d in gedeeld_plan.doelen if doel is not None and doel_id(organisatie, d.pk) == doel), None
        )
        if gekozen is None:
            fouten["doel"] = _("Kies een doel van het gedeelde plan.")
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic():
        voorstel = Voorstel.objects.create(
            gemeente_id=casus.gemeente_id, organisatie=organisatie, casus=casus, soort=soort, leefgebied=gebied,
            doel=gekozen, doel_tekst=(gekozen.omschrijving[:300] if gekozen else ""), omschrijving=omschrijving,
            ingangsdatum=ingangsdatum if soort == VoorstelSoort.AFSPRAAK else None,
            ingediend_door=partner.get_username()[:150], token=getattr(partner, "token", None))
        audit_log(
            actor=partner,
            actie=AuditActie.CREATE,
            object_type="api.voorstel",
            object_id=voorstel.pk,
            gemeente_id=casus.gemeente_id,
            client_id=casus.hoofdpersoon_id,
            grondslag=gedeeld_plan.gedeeld.grondslag,
            omschrijving=f"voorstel ({soort}) voor het plan van casus {casus.pk}",
        )
    return voorstel


def voorstellen_list(*, partner, gedeeld, voorstellen) -> None:
    """The partner read its own proposals for a shared casus and what became of them."""
    casus = gedeeld.casus
    with transaction.atomic():
        audit_log(actor=partner, actie=AuditActie.READ, object_type="api.voorstel", object_id=casus.pk,
                  gemeente_id=casus.gemeente_id, client_id=casus.hoofdpersoon_id, grondslag=gedeeld.grondslag,
                  omschrijving=f"eigen voorstellen ({len(voorstellen)}) voor casus {casus.pk} gelezen")


def _open_vergrendeld(voorstel) -> Voorstel:
    # Only the proposal's row is locked (PostgreSQL refuses to lock the optional leefgebied's outer join).
    vast = (Voorstel.objects.select_for_update(of=("self",)).select_related("casus", "organisatie", "leefgebied")
            .get(pk=voorstel.pk))
    if vast.status != VoorstelStatus.OPEN:
        raise ValidationError(_("Over dit voorstel is al beslist."))
    return vast


def voorstel_adopt(*, actor, voorstel: Voorstel) -> Voorstel:
    """The regisseur takes a partner's proposal over: it is applied through the one service that makes
    that change for the team itself, with its own checks, and nothing else is different:

    - a goal: plan.services.doel_save on the concept (a signed plan first gets a new version,
      plan_nieuwe_versie, which then needs signing like any change);
    - an afspraak: plan.services.regel_save, a line the organisation carries out (a vrij toegankelijke
      voorziening, with the organisation as voorkeursaanbieder: the consent check of that service applies);
    - progress: regie.services.contactmoment_register, an 'overleg met betrokkenen' with the note.

    One transaction: a refusal of any of those services leaves the plan and the proposal unchanged.
    """
    from wijkregie.casus.models import Status
    from wijkregie.plan import services as plan_services
    from wijkregie.plan.models import Arrangementregel, Doel, PlanStatus, Soort
    from wijkregie.plan.selectors import huidig_plan
    from wijkregie.regie.models import Contactmoment, ContactSoort
    from wijkregie.regie.services import contactmoment_register

    with transaction.atomic():
        vast = _open_vergrendeld(voorstel)
        casus, organisatie = vast.casus, vast.organisatie
        if casus.status == Status.AFGESLOTEN:
            raise ValidationError(_("Deze casus is afgesloten: heropen de casus eerst, of wijs het voorstel af."))
        if vast.soort in (VoorstelSoort.DOEL, VoorstelSoort.AFSPRAAK):
            plan = huidig_plan(casus)
            if plan is None:
                raise ValidationError(
                    _("Deze casus heeft nog geen plan. Maak eerst het plan; neem het voorstel daarna over.")
                )
            if plan.status == PlanStatus.ONDERTEKEND:
                plan = plan_services.plan_new_version(actor=actor, plan=plan)
            if vast.soort == VoorstelSoort.DOEL:
                plan_services.doel_save(actor=actor, plan=plan, doel=Doel(
                    leefgebied=vast.leefgebied, omschrijving=vast.omschrijving))
            else:
                plan_services.regel_save(actor=actor, plan=plan, regel=Arrangementregel(
                    soort=Soort.VRIJ, omschrijving=vast.omschrijving[:300], wie=organisatie.naam[:150],
                    voorkeursaanbieder=organisatie, ingangsdatum=vast.ingangsdatum))
        else:
            contactmoment_register(actor=actor, casus=casus, contact=Contactmoment(
                soort=ContactSoort.OVERLEG, op=vast.ingediend_op, met_wie=organisatie.naam[:150],
                notitie=(_("Voortgang bij doel '%(doel)s': %(tekst)s") % {
                    "doel": vast.doel_tekst, "tekst": vast.omschrijving})[:10_000]))
        vast.status, vast.beoordeeld_door, vast.beoordeeld_op = VoorstelStatus.OVERGENOMEN, actor, timezone.now()
        vast.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op"])
        audit_log(actor=actor, actie=AuditActie.UPDATE, object_type="api.voorstel", object_id=vast.pk,
                  gemeente_id=casus.gemeente_id, client_id=casus.hoofdpersoon_id,
                  omschrijving=f"voorstel ({vast.soort}) van {organisatie} overgenomen"[:300])
    return vast


def voorstel_reject(*, actor, voorstel: Voorstel, reden: str) -> Voorstel:
    """The regisseur declines a proposal, with a reason the partner reads; the plan stays as it is."""
    reden = " ".join((reden or "").split())
    if not reden:
        raise ValidationError({"reden": _("Schrijf waarom u het voorstel afwijst; de partner leest dit.")})
    if len(reden) > 300:
        raise ValidationError({"reden": _("Een reden is hoogstens 300 tekens.")})
    with transaction.atomic():
        vast = _open_vergrendeld(voorstel)
        vast.status, vast.beoordeeld_door, vast.beoordeeld_op, vast.reden = (
            VoorstelStatus.AFGEWEZEN, actor, timezone.now(), reden)
        vast.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op", "reden"])
        audit_log(actor=actor, actie=AuditActie.UPDATE, object_type="api.voorstel", object_id=vast.pk,
                  gemeente_id=vast.casus.gemeente_id, client_id=vast.casus.hoofdpersoon_id,
                  omschrijving=f"voorstel ({vast.soort}) van {vast.organisatie} afgewezen"[:300])
    return vast
