"""Consent per member of the household, with the age rules of the Jeugdwet and the WGBO, stated once.

- Under 12: the parents (or guardian) with gezag consent for the child.
- 12 to 15: the child *and* a parent with gezag (both consents must be in force).
- 16 and over (or no birth date known): the person alone, or an adult's recorded wettelijk
  vertegenwoordiger (curator, mentor) in their place.

A consent row records who gave it (`Toestemming.gegeven_als`, `gegeven_door`); whether it counts is
judged at the moment it is used, with the person's age then: a parent's consent stops counting on the
child's 16th birthday. Every share asks these functions (Python) or `persoon_toestemming_q` (SQL, for
the team's view of a casus); docs/toestemming.md says the same in words.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.inwoners.models import Lidmaatschap, Persoon, Relatie, Vertegenwoordiging

from .models import GegevenAls, Toestemming, ToestemmingScope

LEEFTIJD_MEE = 12   # from 12 the child consents too
LEEFTIJD_ZELF = 16  # from 16 the young person consents alone
KINDROLLEN = (Relatie.KIND, Relatie.PLEEGKIND)
GEZAG_VERTEGENWOORDIGING = (Vertegenwoordiging.OUDER, Vertegenwoordiging.VOOGD)


def jaren_terug(op: datetime.date, jaren: int) -> datetime.date:
    try:
        return op.replace(year=op.year - jaren)
    except ValueError:  # 29 February
        return op.replace(year=op.year - jaren, day=28)


def leeftijdsgroep(persoon: Persoon, op: datetime.date | None = None) -> str:
    """'kind' (under 12), 'tiener' (12 to 15) or 'volwassen' (16 and over, or birth date unknown)."""
    leeftijd = persoon.leeftijd(op)
    if leeftijd is None or leeftijd >= LEEFTIJD_ZELF:
        return "volwassen"
    return "tiener" if leeftijd >= LEEFTIJD_MEE else "kind"


#: Which kinds of giver count, per age group; every set listed must be present (tiener: both).
VEREIST = {
    "kind": ({GegevenAls.GEZAG},),
    "tiener": ({GegevenAls.ZELF}, {GegevenAls.GEZAG}),
    "volwassen": ({GegevenAls.ZELF, GegevenAls.VERTEGENWOORDIGER},),
}


def gezaghebbenden(persoon: Persoon, op: datetime.date | None = None) -> list[Persoon]:
    """Who has gezag over this person: a member with gezag of a household in which the person is a
    (foster) child now, and a parent or guardian recorded as their wettelijk vertegenwoordiger."""
    if not persoon.pk:
        return []
    huishoudens = (
        Lidmaatschap.objects.huidig(op).filter(persoon=persoon, relatie__in=KINDROLLEN).values("huishouden_id")
    )
    ids = set(Lidmaatschap.objects.huidig(op).filter(huishouden_id__in=huishoudens, gezag=True)
              .exclude(persoon=persoon).values_list("persoon_id", flat=True))
    if persoon.vertegenwoordiger_id and persoon.vertegenwoordiging in GEZAG_VERTEGENWOORDIGING:
        ids.add(persoon.vertegenwoordiger_id)
    return list(Persoon.objects.filter(pk__in=ids).order_by("voornamen"))


def gevers(persoon: Persoon, op: datetime.date | None = None) -> list[tuple[str, Persoon | None, str]]:
    """Who may give consent for this person now: (gegeven_als, gegeven_door, label) for the form."""
    groep = leeftijdsgroep(persoon, op)
    uit: list[tuple[str, Persoon | None, str]] = []
    if groep != "kind":
        uit.append((GegevenAls.ZELF, None, _("%(naam)s zelf") % {"naam": persoon.voornamen}))
    if groep != "volwassen":
        uit += [(GegevenAls.GEZAG, g, _("%(naam)s (gezag)") % {"naam": g.naam}) for g in gezaghebbenden(persoon, op)]
    elif persoon.vertegenwoordiger_id:
        v = persoon.vertegenwoordiger
        uit.append((GegevenAls.VERTEGENWOORDIGER, v, _("%(naam)s (wettelijk vertegenwoordiger)") % {"naam": v.naam}))
    return uit


def gever_controleren(persoon: Persoon, gegeven_als: str, gegeven_door: Persoon | None,
                      op: datetime.date | None = None) -> None:
    """Refuses, in plain Dutch, a consent its giver cannot give for this person at their age."""
    groep = leeftijdsgroep(persoon, op)
    naam = persoon.naam
    if gegeven_als == GegevenAls.ZELF:
        if groep == "kind":
            raise ValidationError(_("%(naam)s is jonger dan 12: de ouders of de voogd met gezag geven toestemming.")
                                  % {"naam": naam})
        return
    if gegeven_als == GegevenAls.GEZAG:
        if groep == "volwassen":
            raise ValidationError(_("%(naam)s is 16 of ouder en geeft zelf toestemming (of een wettelijk "
                                    "vertegenwoordiger).") % {"naam": naam})
        if gegeven_door is None or gegeven_door.pk not in {g.pk for g in gezaghebbenden(persoon, op)}:
            raise ValidationError(_("%(gever)s heeft geen gezag over %(naam)s: leg het gezag eerst vast bij het "
                                    "huishouden.") % {"gever": gegeven_door.naam if gegeven_door else _("Deze persoon"),
                                                      "naam": naam})
        return
    if gegeven_als == GegevenAls.VERTEGENWOORDIGER:
        if groep != "volwassen":
            raise ValidationError(_("Voor %(naam)s (jonger dan 16) geven de ouders of de voogd met gezag toestemming.")
                                  % {"naam": naam})
        if gegeven_door is None or gegeven_door.pk != persoon.vertegenwoordiger_id:
            raise ValidationError(_("%(gever)s is niet vastgelegd als wettelijk vertegenwoordiger van %(naam)s.")
                                  % {"gever": gegeven_door.naam if gegeven_door else _("Deze persoon"), "naam": naam})
        return
    raise ValidationError(_("Onbekend wie de toestemming gaf."))


def _in_kracht(qs, op, dag: datetime.date | None = None):
    """The consents of `qs` in force at `op`: a moment, or the database's clock (Now()) with today's `dag`."""
    dag = dag if dag is not None else timezone.localtime(op).date()
    return qs.filter(gegeven_op__lte=op).filter(Q(ingetrokken_op__isnull=True) | Q(ingetrokken_op__gt=op)).filter(
        Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=dag))


def zonder_toestemming(personen, *, scope: str, organisatie=None,
                       op: datetime.datetime | None = None) -> list[Persoon]:
    """The persons among `personen` without consent in force for `scope` (and organisation) at `op`,
    by the age rules. One query for all of them."""
    personen = [p for p in personen if p is not None]
    if not personen:
        return []
    op = op or timezone.now()
    qs = _in_kracht(Toestemming.objects.filter(persoon_id__in=[p.pk for p in personen], scope=scope), op)
    if organisatie is not None:
        qs = qs.filter(organisatie=organisatie)
    gegeven: dict[int, set[str]] = defaultdict(set)
    for persoon_id, als in qs.values_list("persoon_id", "gegeven_als"):
        gegeven[persoon_id].add(als)
    dag = timezone.localtime(op).date()
    return [p for p in personen
            if not all(gegeven[p.pk] & nodig for nodig in VEREIST[leeftijdsgroep(p, dag)])]


def toestemming_geldig(persoon: Persoon, *, scope: str, organisatie=None, op: datetime.datetime | None = None) -> bool:
    """Is there consent in force for this person, by the age rules (now, or at `op`)?"""
    if scope == ToestemmingScope.DELEN and organisatie is None:
        raise ValueError("Sharing consent is always for a named organisation.")
    return not zonder_toestemming([persoon], scope=scope, organisatie=organisatie, op=op)


def persoon_toestemming_q(persoon_ref: str, geboortedatum_ref: str, *, scope: str = ToestemmingScope.TEAM,
                          organisatie_id: int | None = None) -> Q:
    """SQL form of the same rule: the person in `persoon_ref` (a field of the query's model holding a
    person id) has consent in force now for `scope` (sharing: with organisation `organisatie_id`), by the
    age rules on `geboortedatum_ref`. "Now" is the database's clock (the statement's time): the SQL then holds
    nothing but the day's date, and a query built from it can be compiled once a day (casus/selectors.py)."""
    vandaag = timezone.localdate()
    grens_mee, grens_zelf = jaren_terug(vandaag, LEEFTIJD_MEE), jaren_terug(vandaag, LEEFTIJD_ZELF)

    def heeft(*als) -> Exists:
        qs = _in_kracht(Toestemming.objects.filter(persoon_id=OuterRef(persoon_ref), scope=scope,
                                                   gegeven_als__in=als), Now(), vandaag)
        if organisatie_id is not None:
            qs = qs.filter(organisatie_id=organisatie_id)
        return Exists(qs)

    volwassen = Q(**{f"{geboortedatum_ref}__isnull": True}) | Q(**{f"{geboortedatum_ref}__lte": grens_zelf})
    tiener = Q(**{f"{geboortedatum_ref}__gt": grens_zelf, f"{geboortedatum_ref}__lte": grens_mee})
    kind = Q(**{f"{geboortedatum_ref}__gt": grens_mee})
    return (volwassen & Q(heeft(GegevenAls.ZELF, GegevenAls.VERTEGENWOORDIGER))
            | tiener & Q(heeft(GegevenAls.ZELF)) & Q(heeft(GegevenAls.GEZAG))
            | kind & Q(heeft(GegevenAls.GEZAG)))


def casus_toestemming_q(prefix: str = "", hoofdpersoon: str = "hoofdpersoon", *,
                        scope: str = ToestemmingScope.TEAM, organisatie_id: int | None = None) -> Q:
    """Every member of the casus (at `prefix`; an aanmelding with `hoofdpersoon="persoon"`) consents to
    `scope` now: it has someone to consent (a hoofdpersoon or household members, so a casus without
    either is no exemption), its hoofdpersoon consents, and no current member of its household lacks it."""
    leden = Lidmaatschap.objects.huidig().filter(huishouden_id=OuterRef(f"{prefix}huishouden_id"))
    lid_zonder = leden.exclude(persoon_toestemming_q("persoon_id", "persoon__geboortedatum", scope=scope,
                                                     organisatie_id=organisatie_id))
    hoofd = f"{prefix}{hoofdpersoon}"
    heeft_iemand = Q(**{f"{hoofd}__isnull": False}) | Q(Exists(leden))
    hoofd_ok = Q(**{f"{hoofd}__isnull": True}) | persoon_toestemming_q(
        f"{hoofd}_id", f"{hoofd}__geboortedatum", scope=scope, organisatie_id=organisatie_id)
    return heeft_iemand & hoofd_ok & ~Q(Exists(lid_zonder))


def casus_team_toestemming_q(prefix: str = "", hoofdpersoon: str = "hoofdpersoon") -> Q:
    """The casus may be discussed in the team: every member's team consent is in force."""
    return casus_toestemming_q(prefix, hoofdpersoon)


def casus_lid_ids(casus) -> set[int]:
    """Who the casus is about: its household's current members and its hoofdpersoon (whatever the user
    may see; the one answer for consent, the team's relationship, and the plan's members)."""
    ids = set(Lidmaatschap.objects.huidig().filter(huishouden_id=casus.huishouden_id)
              .values_list("persoon_id", flat=True)) if casus.huishouden_id else set()
    if casus.hoofdpersoon_id:
        ids.add(casus.hoofdpersoon_id)
    return ids


def casus_lid_q(casus) -> Q:
    """casus_lid_ids as a condition on Persoon, for a query that reads the members with something else (their
    relation, their consent): the household's current members and the hoofdpersoon, one statement of the rule."""
    lid = Q(pk=casus.hoofdpersoon_id) if casus.hoofdpersoon_id else Q(pk__in=[])
    if casus.huishouden_id:
        lid |= Q(pk__in=Lidmaatschap.objects.huidig().filter(huishouden_id=casus.huishouden_id).values("persoon_id"))
    return lid


def casus_leden(casus) -> list[Persoon]:
    """Whose data the casus holds, as persons, youngest-born last (casus_lid_ids)."""
    return list(Persoon.objects.filter(pk__in=casus_lid_ids(casus)).order_by("geboortedatum", "pk"))
