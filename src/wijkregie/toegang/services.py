"""Toegang: registering questions from every door, triage, and allocation by the bureaudienst.

Each service is one transaction with its audit event. Timestamps (ontvangen, geregistreerd, triage,
toegedeeld, eerste contact) are set here so that wachttijd can be measured (issue 3, monitor).
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import BigIntegerField, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.casus.models import Casus, Status
from wijkregie.casus.services import casus_move, casus_open
from wijkregie.core.audit import AuditActie, audit_dossier, audit_log
from wijkregie.core.models import AuditResultaat
from wijkregie.core.querying import eerste_rijen_van
from wijkregie.inwoners.models import Lidmaatschap
from wijkregie.inwoners.services import hulprelatie_begin, wijk_for_postcode
from wijkregie.organisatie.models import Medewerker, Team

from .models import (
    Aanmelding,
    AanmeldingStatus,
    Signaal,
    SignaalStatus,
    Toedeling,
    Triage,
    Uitkomst,
    WebformulierPoging,
)


def _medewerker(actor) -> Medewerker | None:
    """Who registered or allocated, for the record: a medewerker, or nobody for a partner's API key (api/),
    whose organisation the aanmelding names and whose key the audit trail names."""
    return actor if isinstance(actor, Medewerker) else None




def aanmelding_view(*, actor, aanmelding: Aanmelding, met_triage: bool = False) -> None:
    """Reading an aanmelding is an audit event (NEN 7513), naming which kinds of data were shown."""
    with transaction.atomic():
        audit_dossier(actor=actor, actie=AuditActie.READ, dossier=aanmelding,
                      object_type="toegang.aanmelding", object_id=aanmelding.pk,
                      omschrijving="aanmelding ingezien: identiteit, vraag"
                                   + (", triage en veiligheid" if met_triage else ""))


def open_casus_for(persoon) -> Casus | None:
    """The open casus a new question of this resident belongs to (one household, one casus): that of the
    household they live in; else that of another household they belong to now (a child of separated
    parents, living mostly with the other parent); else one of which they are the hoofdpersoon. With its
    team, medewerker and `regisseur_id`, who would pick up the question. One query, its statement kept per
    process per day with the resident's key filled in (core.querying.eerste_rijen_van): compiling it was a
    twentieth of registering an aanmelding's Python time under load (issue 17). For reading (a caller saves
    no more of it than a field it sets itself)."""
    if persoon is None:
        return None
    vandaag = timezone.localdate()

    def bronnen(persoon_id):
        huidig = Lidmaatschap.objects.huidig(vandaag).filter(persoon_id=persoon_id)
        # The resident's membership of each candidate's household: the one they live in first, then the oldest.
        lid = huidig.filter(huishouden_id=OuterRef("huishouden_id")).woont_eerst()
        kandidaten = (
            Casus.objects.exclude(status=Status.AFGESLOTEN)
            # The two ways a casus is the resident's as one set of keys: an OR of the two would make PostgreSQL
            # filter every open casus (2,7 ms at Utrecht size), each half alone is read by its index.
            .filter(pk__in=Casus.objects.filter(huishouden_id__in=huidig.values("huishouden_id")).order_by()
                    .values("pk").union(Casus.objects.filter(hoofdpersoon_id=persoon_id).order_by().values("pk")))
            .annotate(lid_woont_hier=Subquery(lid.values("woont_hier")[:1]), lid_van=Subquery(lid.values("van")[:1]),
                      lid_pk=Subquery(lid.values("pk")[:1]))
            # Households the resident belongs to in that order; only then the casussen they head, oldest first.
            .order_by(F("lid_woont_hier").desc(nulls_last=True), F("lid_van").asc(nulls_last=True),
                      F("lid_pk").asc(nulls_last=True), "geopend_op", "pk"))
        return {"casus": (kandidaten, 1, None, ("team", "medewerker"), {"regisseur_id": regisseur_id()})}

    gevonden = eerste_rijen_van(bronnen, sleutel=("toegang.open_casus_for", vandaag), model=Casus,
                                invullen={"persoon_id": persoon.pk})["casus"]
    return gevonden[0] if gevonden else None


def regisseur_id() -> Coalesce:
    """Who picks up a new question of a casus, as an expression on casussen: the medewerker holding its
    open regie (the latest, should there be two), else the one it is allocated to; NULL when neither (the
    question then waits at the bureaudienst)."""
    from django.apps import apps

    open_regie = (apps.get_model("regie", "Regie").objects
                  .filter(casus=OuterRef("pk"), tot__isnull=True, medewerker__isnull=False)
                  .order_by("-van", "-pk").values("medewerker_id")[:1])
    return Coalesce(Subquery(open_regie), F("medewerker_id"), output_field=BigIntegerField())


def regisseur_of(casus: Casus) -> Medewerker | None:
    """The medewerker `regisseur_id` names for this casus (one query)."""
    return Medewerker.objects.filter(
        pk=Subquery(Casus.objects.filter(pk=casus.pk).annotate(r=regisseur_id()).values("r")[:1])).first()


def _bij_open_casus(*, actor, aanmelding: Aanmelding, casus: Casus, now) -> None:
    """A new question of a household with an open casus joins it: allocated at once to the casus' team
    and regisseur (the casus comes from `open_casus_for`, with its `regisseur_id`), whose werkvoorraad shows
    it as a new question until someone has spoken with the resident. No second casus, no second plan, no
    second regisseur."""
    aanmelding.casus, aanmelding.team = casus, casus.team
    aanmelding.medewerker_id = casus.regisseur_id  # type: ignore[attr-defined]
    aanmelding.huishouden_id = casus.huishouden_id or aanmelding.huishouden_id
    aanmelding.status, aanmelding.toegedeeld_op = AanmeldingStatus.TOEGEDEELD, now
    aanmelding.save()
    Toedeling.objects.create(gemeente_id=aanmelding.gemeente_id, aanmelding=aanmelding, team=casus.team,
                             medewerker_id=aanmelding.medewerker_id, door=_medewerker(actor), op=now,
                             reden=f"nieuwe vraag binnen lopende casus {casus.pk}")
    hulprelatie_begin(persoon_ids=[aanmelding.persoon_id], team=casus.team, reden=f"casus {casus.pk}")


def aanmelding_register(*, actor, aanmelding: Aanmelding, naar_bureaudienst: bool) -> Aanmelding:
    """Registers a question on one page. Answered at the front (KCC: informatie en advies) or passed on:
    to the open casus of the resident's household if there is one, else to the bureaudienst."""
    with transaction.atomic():
        now = timezone.now()
        aanmelding.gemeente_id = actor.gemeente_id
        aanmelding.geregistreerd_door = _medewerker(actor)
        aanmelding.geregistreerd_op = now
        casus = open_casus_for(aanmelding.persoon) if naar_bureaudienst else None
        if casus is not None and casus.regisseur_id is None:  # type: ignore[attr-defined]
            casus = None  # nobody to pick it up: the bureaudienst allocates it (into that casus, see toedelen)
        if aanmelding.persoon_id and not aanmelding.huishouden_id and not (casus and casus.huishouden_id):
            # The household the resident lives in (a question joining a casus gets the casus' household).
            lid = Lidmaatschap.objects.huidig().filter(persoon_id=aanmelding.persoon_id).woont_eerst().first()
            aanmelding.huishouden_id = lid.huishouden_id if lid else None
        if casus is not None:
            # Saved once, already allocated (_bij_open_casus saves it).
            _bij_open_casus(actor=actor, aanmelding=aanmelding, casus=casus, now=now)
            audit_dossier(actor=actor, actie=AuditActie.CREATE, dossier=aanmelding,
                          object_type="toegang.aanmelding", object_id=aanmelding.pk,
                          omschrijving=f"aanmelding via {aanmelding.kanaal}, bij lopende casus {casus.pk}")
            return aanmelding
        if naar_bureaudienst:
            aanmelding.status = AanmeldingStatus.BUREAUDIENST
        else:
            aanmelding.status = AanmeldingStatus.VOORKANT
            aanmelding.afgehandeld_op = now
            # Answering the question is the first contact.
            aanmelding.eerste_contact_op = now
        aanmelding.save()
        audit_dossier(actor=actor, actie=AuditActie.CREATE, dossier=aanmelding,
                      object_type="toegang.aanmelding", object_id=aanmelding.pk,
                      omschrijving=f"aanmelding via {aanmelding.kanaal}")
    return aanmelding


def triage_record(*, actor, aanmelding: Aanmelding, triage: Triage, leefgebieden, betrokken_leden) -> Triage:
    """Records the triage. 'Opgelost' closes the aanmelding at the front; the rest waits for allocation.

    Only who may see the triage at the aanmelding's stage, in a role that triages (toegang/rules.py):
    the KCC never, and after allocation only the file's own professionals.
    """
    if not actor.has_perm("toegang.triage_vastleggen", aanmelding):
        raise PermissionDenied
    if aanmelding.status == AanmeldingStatus.VOORKANT and not actor.has_perm("toegang.toedelen"):
        # The bureaudienst may reopen a front-door closure by a new triage; others may not.
        raise ValidationError(_("Deze aanmelding is al afgehandeld aan de voorkant."))
    with transaction.atomic():
        nieuw = triage.pk is None
        if aanmelding.status == AanmeldingStatus.VOORKANT and triage.uitkomst != Uitkomst.OPGELOST:
            aanmelding.status, aanmelding.afgehandeld_op = AanmeldingStatus.BUREAUDIENST, None
        triage.aanmelding = aanmelding
        triage.gemeente_id = aanmelding.gemeente_id
        triage.door = actor
        triage.op = timezone.now()
        triage.save()
        triage.leefgebieden.set(leefgebieden)
        triage.betrokken_leden.set(betrokken_leden)
        if triage.uitkomst == Uitkomst.OPGELOST and aanmelding.status != AanmeldingStatus.TOEGEDEELD:
            aanmelding.status = AanmeldingStatus.VOORKANT
            aanmelding.afgehandeld_op = triage.op
            aanmelding.eerste_contact_op = aanmelding.eerste_contact_op or triage.op
        elif aanmelding.status == AanmeldingStatus.NIEUW:
            aanmelding.status = AanmeldingStatus.BUREAUDIENST
        aanmelding.save(update_fields=["status", "afgehandeld_op", "eerste_contact_op"])
        audit_dossier(actor=actor, actie=AuditActie.CREATE if nieuw else AuditActie.UPDATE, dossier=aanmelding,
                      object_type="toegang.aanmelding", object_id=aanmelding.pk,
                      omschrijving=f"triage: {triage.urgentie}, veiligheid {triage.veiligheid}, "
                                   f"route {triage.uitkomst}")
    return triage


def toedeling_default(aanmelding: Aanmelding) -> tuple[Team | None, Medewerker | None]:
    """Default allocation: the team serving the wijk of the address, and its contact for that focuswijk.
    The wijk is the resident's, else that of the resident's postcode, else that of the postcode asked."""
    wijk = None
    persoon = aanmelding.persoon if aanmelding.persoon_id else None
    if persoon is not None and persoon.wijk_id:
        wijk = persoon.wijk
    for postcode in (getattr(persoon, "postcode", ""), aanmelding.postcode):
        if wijk is None and postcode:
            wijk = wijk_for_postcode(aanmelding.gemeente_id, postcode)
    if wijk is None:
        return None, None
    team = Team.objects.filter(gemeente_id=aanmelding.gemeente_id, wijken=wijk).first()
    if team is None:
        return None, None
    vandaag = timezone.localdate()
    contact = (
        Medewerker.objects.filter(
            focuswijken=wijk, is_active=True, teamlidmaatschappen__team=team, teamlidmaatschappen__sinds__lte=vandaag,
        ).exclude(teamlidmaatschappen__tot__lt=vandaag).order_by("pk").first()
    )
    return team, contact


def aanmelding_allocate(*, actor, aanmelding: Aanmelding, team: Team, medewerker: Medewerker | None,
                        reden: str = "") -> Aanmelding:
    """Allocates to a team (and medewerker). The first allocation opens the Casus; a reallocation needs a reason."""
    if not actor.has_perm("toegang.toedelen") or team.gemeente_id != actor.gemeente_id:
        raise PermissionDenied
    if aanmelding.status == AanmeldingStatus.VOORKANT:
        raise ValidationError(_("Deze aanmelding is al afgehandeld aan de voorkant."))
    vandaag = timezone.localdate()
    if (
        medewerker is not None
        and not medewerker.teamlidmaatschappen.filter(team=team, sinds__lte=vandaag).exclude(tot__lt=vandaag).exists()
    ):
        raise ValidationError({"medewerker": _("Deze medewerker is geen lid van het gekozen team.")})
    herverdeling = aanmelding.status == AanmeldingStatus.TOEGEDEELD
    if herverdeling and not reden.strip():
        raise ValidationError({"reden": _("Geef een reden voor de nieuwe toedeling.")})
    # The household got an open casus meanwhile (or the question came in without a resident and was
    # linked later): the question joins it, in its team and with its regisseur, not a second casus.
    lopend = open_casus_for(aanmelding.persoon) if aanmelding.casus_id is None else None
    if lopend is not None:
        # Its regisseur picks it up; a casus without one gets the medewerker chosen, if of its team.
        gekozen = medewerker if team.pk == lopend.team_id else None
        team, medewerker = lopend.team, regisseur_of(lopend) or gekozen
        reden = reden or f"nieuwe vraag binnen lopende casus {lopend.pk}"
    with transaction.atomic():
        now = timezone.now()
        Toedeling.objects.create(
            gemeente_id=aanmelding.gemeente_id, aanmelding=aanmelding, team=team, medewerker=medewerker,
            door=actor, op=now, reden=reden,
        )
        if lopend is not None:
            aanmelding.casus = lopend
            if lopend.medewerker_id is None and medewerker is not None:
                lopend.medewerker = medewerker
                lopend.save(update_fields=["medewerker"])
            hulprelatie_begin(persoon_ids=[aanmelding.persoon_id], team=team, reden=f"casus {lopend.pk}")
        elif aanmelding.casus_id is None:
            triage = getattr(aanmelding, "triage", None)
            status = (
                Status.UITVOERING if triage and triage.uitkomst == Uitkomst.KORTDUREND else Status.VRAAGVERHELDERING
            )
            aanmelding.casus = casus_open(
                actor=actor, team=team, medewerker=medewerker, huishouden=aanmelding.huishouden,
                hoofdpersoon=aanmelding.persoon, status=status, reden=f"aanmelding {aanmelding.pk} toegedeeld",
            )
        elif aanmelding.casus is not None:
            casus_move(actor=actor, casus=aanmelding.casus, team=team, medewerker=medewerker, reden=reden)
        aanmelding.team, aanmelding.medewerker = team, medewerker
        aanmelding.status = AanmeldingStatus.TOEGEDEELD
        aanmelding.toegedeeld_op = aanmelding.toegedeeld_op or now
        aanmelding.save(update_fields=["team", "medewerker", "status", "toegedeeld_op", "casus"])
        audit_dossier(actor=actor, actie=AuditActie.UPDATE, dossier=aanmelding,
                      object_type="toegang.aanmelding", object_id=aanmelding.pk,
                      omschrijving=("opnieuw toegedeeld" if herverdeling else "toegedeeld") + f" aan team {team.pk}")
    return aanmelding


def eerste_contact_register(*, actor, aanmelding: Aanmelding) -> Aanmelding:
    """The end of the first wachttijd: someone of the allocated team spoke with the resident."""
    if not actor.has_perm("toegang.eerste_contact", aanmelding):
        raise PermissionDenied
    if aanmelding.eerste_contact_op:
        return aanmelding
    if aanmelding.status != AanmeldingStatus.TOEGEDEELD:
        raise ValidationError(_("Eerst toedelen: het eerste contact is met het team dat de vraag oppakt."))
    with transaction.atomic():
        aanmelding.eerste_contact_op = timezone.now()
        aanmelding.save(update_fields=["eerste_contact_op"])
        audit_dossier(actor=actor, actie=AuditActie.UPDATE, dossier=aanmelding,
                      object_type="toegang.aanmelding", object_id=aanmelding.pk, omschrijving="eerste contact")
    return aanmelding


def signaal_register(*, actor, signaal: Signaal) -> Signaal:
    with transaction.atomic():
        signaal.gemeente_id = actor.gemeente_id
        signaal.geregistreerd_door = _medewerker(actor)
        signaal.save()
        audit_log(actor=actor, actie=AuditActie.CREATE, object_type="toegang.signaal", object_id=signaal.pk,
                  client_id=signaal.persoon_id, omschrijving=f"signaal van {signaal.bron}")
    return signaal


def _signaal_open(actor, signaal: Signaal) -> None:
    if not actor.has_perm("toegang.signalen"):
        raise PermissionDenied
    if signaal.status != SignaalStatus.OPEN:
        raise ValidationError(_("Dit signaal is al afgehandeld."))


def signaal_dismiss(*, actor, signaal: Signaal, reden: str) -> Signaal:
    _signaal_open(actor, signaal)
    if not reden.strip():
        raise ValidationError({"reden": _("Geef aan waarom er geen actie nodig is.")})
    with transaction.atomic():
        signaal.status, signaal.reden_geen_actie, signaal.afgehandeld_op = (
            SignaalStatus.GEEN_ACTIE,
            reden,
            timezone.now(),
        )
        signaal.save(update_fields=["status", "reden_geen_actie", "afgehandeld_op"])
        audit_log(actor=actor, actie=AuditActie.UPDATE, object_type="toegang.signaal", object_id=signaal.pk,
                  client_id=signaal.persoon_id, omschrijving="geen actie nodig")
    return signaal


def signaal_to_aanmelding(*, actor, signaal: Signaal) -> Aanmelding:
    """A signal becomes an aanmelding for the bureaudienst, keeping what the partner said."""
    _signaal_open(actor, signaal)
    with transaction.atomic():
        aanmelding = aanmelding_register(
            actor=actor,
            aanmelding=Aanmelding(
                kanaal="outreach" if signaal.bron == "outreach" else "partner", verwijzer_naam=signaal.melder,
                persoon=signaal.persoon, vraag=signaal.omschrijving, ontvangen_op=signaal.ontvangen_op,
                signaal=signaal,
            ),
            naar_bureaudienst=True,
        )
        signaal.status, signaal.afgehandeld_op = SignaalStatus.AANMELDING, timezone.now()
        signaal.save(update_fields=["status", "afgehandeld_op"])
    return aanmelding


WEBFORM_LIMIET = 5  # submissions per address per hour


def _bron_hash(bron: str) -> str:
    # Hashed with the secret key: the table cannot be turned back into addresses.
    return hashlib.sha256(f"{settings.SECRET_KEY}:{bron}".encode()).hexdigest()


def webformulier_too_often(bron: str) -> bool:
    sinds = timezone.now() - timedelta(hours=1)
    return WebformulierPoging.objects.filter(bron_hash=_bron_hash(bron), op__gte=sinds).count() >= WEBFORM_LIMIET


def webformulier_submit(*, gemeente, naam: str, contact: str, postcode: str, vraag: str, bron: str) -> Aanmelding:
    """A resident or partner asks for contact through the public form. Nothing is stored before this."""
    with transaction.atomic():
        WebformulierPoging.objects.create(bron_hash=_bron_hash(bron))
        WebformulierPoging.objects.filter(op__lt=timezone.now() - timedelta(days=1)).delete()
        aanmelding = Aanmelding.objects.create(
            gemeente=gemeente, kanaal="webformulier", anoniem_naam=naam, contact=contact, postcode=postcode,
            vraag=vraag, status=AanmeldingStatus.BUREAUDIENST,
        )
        audit_log(actor=None, actie=AuditActie.CREATE, object_type="toegang.aanmelding", object_id=aanmelding.pk,
                  gemeente_id=gemeente.pk, omschrijving="aanmelding via webformulier", grondslag="verzoek inwoner")
    return aanmelding



def aanmelding_link(*, actor, aanmelding: Aanmelding, persoon) -> Aanmelding:
    """Links an anonymous or web-form aanmelding to the resident it turned out to be about, and its casus
    (if any, without a resident yet) to the resident and household: from then on the file is theirs
    (issue 12). Audited for the resident; a second link is refused."""
    from wijkregie.inwoners.models import Lidmaatschap
    from wijkregie.inwoners.services import hulprelatie_begin

    if aanmelding.persoon_id:
        raise ValidationError({"persoon": _("Deze aanmelding is al aan een inwoner gekoppeld.")})
    if persoon.gemeente_id != aanmelding.gemeente_id:
        raise ValidationError({"persoon": _("Deze persoon hoort bij een andere gemeente.")})
    lid = Lidmaatschap.objects.huidig().filter(persoon=persoon).woont_eerst().first()
    casus = aanmelding.casus
    if casus is not None and casus.hoofdpersoon_id is None and lid is not None and not casus.huishouden_id:
        ander = (
            Casus.objects.filter(huishouden_id=lid.huishouden_id).exclude(status=Status.AFGESLOTEN).exclude(pk=casus.pk)
        )
        if ander.exists():
            with transaction.atomic():
                audit_dossier(actor=actor, actie=AuditActie.UPDATE, dossier=aanmelding,
                              object_type="toegang.aanmelding", object_id=aanmelding.pk,
                              omschrijving="koppelen geweigerd: huishouden heeft al een open casus",
                              resultaat=AuditResultaat.GEWEIGERD)
            raise ValidationError({"persoon": _(
                "Het huishouden van %(naam)s heeft al een open casus. Eén huishouden, één casus: vraag de "
                "regisseur de vraag daar op te pakken en sluit deze casus af.") % {"naam": persoon.naam}})
    with transaction.atomic():
        aanmelding.persoon = persoon
        aanmelding.huishouden_id = lid.huishouden_id if lid else None
        aanmelding.save(update_fields=["persoon", "huishouden"])
        if casus is not None and casus.hoofdpersoon_id is None:
            casus.hoofdpersoon, casus.huishouden_id = persoon, casus.huishouden_id or aanmelding.huishouden_id
            casus.save(update_fields=["hoofdpersoon", "huishouden"])
            hulprelatie_begin(persoon_ids=[persoon.pk], team=casus.team, reden=f"casus {casus.pk}")
        audit_dossier(actor=actor, actie=AuditActie.UPDATE, dossier=aanmelding,
                      object_type="toegang.aanmelding", object_id=aanmelding.pk,
                      omschrijving="aanmelding gekoppeld aan inwoner"
                      + (f" (en casus {casus.pk})" if casus is not None else ""))
    return aanmelding
