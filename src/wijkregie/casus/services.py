"""Every phase moves a Casus through these services (one transition table: states.py)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.core.audit import AuditActie, audit_disclosure, audit_events, audit_log, audit_object
from wijkregie.core.context import run_after_response
from wijkregie.core.models import AuditResultaat
from wijkregie.inwoners.services import huishouden_leden, hulprelatie_begin, hulprelatie_end

from . import states
from .models import Casus, Status, Statusovergang, Toestemming
from .toestemming import (
    casus_leden,
    casus_lid_ids,
    gever_controleren,
    toestemming_geldig,  # noqa: F401 (the one question later features ask, re-exported)
    zonder_toestemming,
)

#: Sent when a consent is withdrawn (after the transaction's write): what rested on it ends or becomes a
#: task for the regisseur (regie.services listens). Arguments: toestemming, actor.
toestemming_ingetrokken = Signal()


def casus_open(*, actor, team, medewerker=None, huishouden=None, hoofdpersoon=None,
               status: str = Status.VRAAGVERHELDERING, reden: str = "") -> Casus:
    """Opens the team's file for a household; the team gets a Hulprelatie with its members. A household
    has one open casus (also a database constraint): a second is refused here in words."""
    if huishouden is not None:
        _geen_andere_open_casus(huishouden.pk)
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: two allocations for one household at the same moment
                casus = Casus.objects.create(
                    gemeente_id=team.gemeente_id, team=team, medewerker=medewerker, huishouden=huishouden,
                    hoofdpersoon=hoofdpersoon, status=status,
                )
        except IntegrityError:
            if huishouden is None:
                raise
            _geen_andere_open_casus(huishouden.pk)  # the other one won: say so in words
            raise
        Statusovergang.objects.create(
            gemeente_id=team.gemeente_id, casus=casus, van="", naar=status, door=actor, reden=reden
        )
        leden = huishouden_leden(huishouden) if huishouden else []
        ids = {p.pk for p in leden} | ({hoofdpersoon.pk} if hoofdpersoon else set())
        hulprelatie_begin(persoon_ids=ids, team=team, reden=f"casus {casus.pk}")
        audit_object(
            actor=actor,
            actie=AuditActie.CREATE,
            obj=casus,
            client_id=hoofdpersoon.pk if hoofdpersoon else None,
            omschrijving=f"casus geopend ({status})",
        )
    return casus


def _geen_andere_open_casus(huishouden_id, behalve=None) -> None:
    andere = Casus.objects.filter(huishouden_id=huishouden_id).exclude(status=Status.AFGESLOTEN)
    if behalve is not None:
        andere = andere.exclude(pk=behalve)
    if andere.exists():
        raise ValidationError(
            _("Dit huishouden heeft al een open casus: één huishouden, één plan, één regisseur. "
              "Voeg de vraag daar toe.")
        )


def casus_transition(*, actor, casus: Casus, naar: str, reden: str = "") -> Casus:
    if not states.allowed(casus.status, naar):
        raise ValidationError(
            _("Een casus kan niet van ‘%(van)s’ naar ‘%(naar)s’.")
            % {"van": Status(casus.status).label, "naar": Status(naar).label}
        )
    if casus.status == Status.AFGESLOTEN and casus.huishouden_id:
        _geen_andere_open_casus(casus.huishouden_id, behalve=casus.pk)  # reopening
    with transaction.atomic():
        van = casus.status
        casus.status = naar
        casus.afgesloten_op = timezone.now() if naar == Status.AFGESLOTEN else None
        casus.save(update_fields=["status", "afgesloten_op"])
        ids = _persoon_ids(casus)
        if naar == Status.AFGESLOTEN:
            hulprelatie_end(persoon_ids=ids, team=casus.team, reden=f"casus {casus.pk}")
        elif van == Status.AFGESLOTEN:
            hulprelatie_begin(persoon_ids=ids, team=casus.team, reden=f"casus {casus.pk}")
        Statusovergang.objects.create(
            gemeente_id=casus.gemeente_id, casus=casus, van=van, naar=naar, door=actor, reden=reden
        )
        audit_object(actor=actor, actie=AuditActie.UPDATE, obj=casus, client_id=casus.hoofdpersoon_id,
                     omschrijving=f"status {van} → {naar}")
    return casus


def _persoon_ids(casus) -> set[int]:
    return casus_lid_ids(casus)


def casus_move(*, actor, casus: Casus, team, medewerker, reden: str) -> Casus:
    """Moves a casus to another team or medewerker (reallocation): the old team's relationship ends."""
    with transaction.atomic():
        ids = _persoon_ids(casus)
        if team.pk != casus.team_id:
            # Only this casus' relationship moves: another open casus of the old team keeps its own.
            hulprelatie_end(persoon_ids=ids, team=casus.team, reden=f"casus {casus.pk}")
            hulprelatie_begin(persoon_ids=ids, team=team, reden=f"casus {casus.pk}")
        casus.team, casus.medewerker = team, medewerker
        casus.save(update_fields=["team", "medewerker"])
        audit_object(actor=actor, actie=AuditActie.UPDATE, obj=casus, client_id=casus.hoofdpersoon_id,
                     omschrijving=f"verplaatst naar team {team.pk}: {reden}"[:200])
    return casus


def _toestemming_weigering(actor, persoon, omschrijving: str) -> None:
    """A refused consent or share is audited too: the privacy officer sees attempts, not only successes.
    Written after the response: the refusal rolls back the view's transaction, not its record."""
    gemeente_id, client_id = persoon.gemeente_id, persoon.pk

    def write():
        with transaction.atomic():
            audit_log(actor=actor, actie=AuditActie.CREATE, object_type="casus.toestemming", gemeente_id=gemeente_id,
                      client_id=client_id, omschrijving=omschrijving[:200], grondslag="geen toestemming",
                      resultaat=AuditResultaat.GEWEIGERD)

    run_after_response(write)


def toestemming_register(*, actor, toestemming: Toestemming) -> Toestemming:
    """Records one consent after checking its giver may give it for this person at their age
    (casus/toestemming.py): a refusal is a ValidationError at the giver and is audited."""
    return toestemmingen_record(
        actor=actor,
        basis=toestemming,
        gegeven=[(toestemming.persoon, toestemming.gegeven_als, toestemming.gegeven_door)],
    )[0]


def toestemmingen_record(*, actor, basis: Toestemming, gegeven) -> list[Toestemming]:
    """One consent (scope, organisation, purpose, form, validity of `basis`) given by several people for
    several members at once: `gegeven` is [(member, gegeven_als, gegeven_door)]. All are checked first;
    one refusal saves none (and is audited)."""
    fouten = []
    for persoon, als, door in gegeven:
        try:
            gever_controleren(persoon, als, door)
        except ValidationError as error:
            fouten.append((persoon, als, error))
    if fouten:
        for persoon, als, _error in fouten:
            _toestemming_weigering(actor, persoon, f"toestemming {basis.scope}, gegeven door {als}: niet bevoegd")
        raise ValidationError([e for _p, _a, e in fouten])
    uit = []
    with transaction.atomic():
        for persoon, als, door in gegeven:
            t = Toestemming(
                gemeente_id=persoon.gemeente_id, persoon=persoon, casus=basis.casus, scope=basis.scope,
                organisatie=basis.organisatie, doel=basis.doel, gegeven_als=als, gegeven_door=door,
                vertegenwoordiger_naam=basis.vertegenwoordiger_naam, wijze=basis.wijze, document=basis.document,
                gegeven_op=basis.gegeven_op, geldig_tot=basis.geldig_tot, vastgelegd_door=actor,
            )
            t.save()
            audit_log(
                actor=actor, actie=AuditActie.CREATE, object_type="casus.toestemming", object_id=t.pk,
                gemeente_id=t.gemeente_id, client_id=persoon.pk,
                omschrijving=f"toestemming {t.scope} vastgelegd, gegeven door {als}",
            )
            uit.append(t)
    return uit


def toestemming_withdraw(*, actor, toestemming: Toestemming, reden: str = "") -> Toestemming:
    """Withdrawal takes effect at once: every later consent check asks the database, and what rested on
    it (a betrokkene of that organisation, regie or a preferred provider there) ends or becomes a task
    for the regisseur (signal `toestemming_ingetrokken`)."""
    if toestemming.ingetrokken_op is not None:
        return toestemming
    with transaction.atomic():
        toestemming.ingetrokken_op = timezone.now()
        toestemming.ingetrokken_door = actor
        toestemming.reden_intrekking = reden
        toestemming.save(update_fields=["ingetrokken_op", "ingetrokken_door", "reden_intrekking"])
        audit_log(
            actor=actor,
            actie=AuditActie.UPDATE,
            object_type="casus.toestemming",
            object_id=toestemming.pk,
            gemeente_id=toestemming.gemeente_id,
            client_id=toestemming.persoon_id,
            omschrijving="toestemming ingetrokken",
        )
        toestemming_ingetrokken.send(sender=Toestemming, toestemming=toestemming, actor=actor)
    return toestemming


#: Legal grounds on which data may be shared without consent (AVG art. 6(1)(c)/(e), Jeugdwet 7.3.11,
#: Wmo 2015 5.2.6, the meldcode): named in the audit trail, where the privacy officer sees them.
WETTELIJKE_GRONDSLAGEN = {
    # At most 80 characters: AuditEvent.grondslag (PostgreSQL enforces it, SQLite does not).
    "veiligheid": "wettelijke grondslag: veiligheid (meldcode)",
    "wettelijke_taak": "wettelijke grondslag: wettelijke taak (Jeugdwet, Wmo 2015)",
}


def delen_check(*, actor, casus: Casus, organisatie, wat: str, leden=None, grondslag: str = "",
                      toelichting: str = "", veld: str = "organisatie") -> str:
    """The one check before any share of a casus' data with an organisation: every member whose data
    the share exposes (default: every member of the casus) has consent in force to share with it, by
    the age rules. A casus without anyone to consent is no exemption. Without consent only on a
    recorded legal ground (WETTELIJKE_GRONDSLAGEN) with a written reason, audited per member with
    the ground (the privacy officer finds it under each of them). Returns the ground written in the
    audit trail; a refusal is a ValidationError at `veld`, audited."""
    leden = casus_leden(casus) if leden is None else list(leden)
    if grondslag:
        if grondslag not in WETTELIJKE_GRONDSLAGEN:
            raise ValueError(f"unknown legal ground {grondslag!r}")
        if not toelichting.strip():
            raise ValidationError({"grondslag_toelichting" if veld == "organisatie" else veld: _(
                "Licht toe waarom er zonder toestemming gedeeld wordt: de privacyfunctionaris leest dit terug.")})
        naar = str(organisatie) if organisatie is not None else wat
        with transaction.atomic():
            audit_disclosure(actor=actor, client_ids=[p.pk for p in leden] or [casus.hoofdpersoon_id],
                             object_type="casus.casus", object_id=casus.pk, actie=AuditActie.CREATE,
                             omschrijving=f"gedeeld zonder toestemming met {naar}: {wat}"[:200],
                             grondslag=WETTELIJKE_GRONDSLAGEN[grondslag])
            if not leden:  # nobody known yet: the share is still on record
                audit_object(actor=actor, actie=AuditActie.CREATE, obj=casus, client_id=None,
                             omschrijving=f"gedeeld zonder toestemming met {naar}: {wat}"[:200],
                             grondslag=WETTELIJKE_GRONDSLAGEN[grondslag])
        return WETTELIJKE_GRONDSLAGEN[grondslag]
    if not leden:
        def write():
            with transaction.atomic():
                audit_object(actor=actor, actie=AuditActie.CREATE, obj=casus, client_id=None,
                             omschrijving=f"delen met {organisatie} ({wat}) zonder inwoner"[:200],
                             grondslag="geen toestemming", resultaat=AuditResultaat.GEWEIGERD)

        run_after_response(write)
        raise ValidationError({veld: _(
            "Deze casus heeft nog geen inwoner die toestemming kan geven. Koppel eerst de aanmelding aan een "
            "inwoner, of leg de wettelijke grondslag vast.")})
    ontbreekt = zonder_toestemming(leden, scope="delen", organisatie=organisatie)
    if ontbreekt:
        for persoon in ontbreekt:
            _toestemming_weigering(actor, persoon, f"delen met {organisatie} ({wat}) zonder toestemming")
        raise ValidationError({veld: _(
            "Er is geen geldige toestemming van %(namen)s om gegevens te delen met %(org)s. Leg eerst de "
            "toestemming vast.") % {"namen": _naamlijst(ontbreekt), "org": organisatie}})
    return "toestemming: delen met " + str(organisatie)


def _naamlijst(personen) -> str:
    namen = [p.naam for p in personen]
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " " + _("en") + " " + namen[-1]


def casus_view(*, actor, casus: Casus, wat: str, soort: str = "plan", ook=()) -> None:
    """Reading a page of the casus is an audit event with the ground it rests on (the relation that
    gives the user this data now: behandelrelatie, the household's consent, a consult, a role). `ook`: the
    page's other disclosures (audit_events' event dicts, such as the household's members on the casus page),
    written before it in the same insert (issue 17: one statement for the page's audit)."""
    from .selectors import grondslag_voor

    lezen = {"actie": AuditActie.READ, "object_type": casus._meta.label_lower, "object_id": casus.pk,
             "client_id": casus.hoofdpersoon_id, "omschrijving": wat, "grondslag": grondslag_voor(actor, casus, soort)}
    with transaction.atomic():
        audit_events(actor=actor, gemeente_id=casus.gemeente_id, events=[*ook, lezen])
