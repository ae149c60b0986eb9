"""The privacy officer's review queue: break-the-glass and unusual patterns in the audit trail.

NEN 7513 asks that someone looks at the trail, not only that it exists. The queue is computed from
the trail (and the break-the-glass records) each time the page opens; an item with a verdict
(`Beoordeling`: in orde / niet in orde with an explanation) leaves it. Items are named by a key of ids
only, so a verdict sticks to the same item however the figures around it change:

- every break-the-glass (`noodtoegang:<id>`), at once and whatever its age;
- a medewerker who read the files (casus pages) of more than BUITEN_TEAM_DREMPEL casussen of other
  teams in one week (`buiten_team:<medewerker>:<monday>`; teams as they are today);
- a medewerker reading residents' data at night, NACHT_VAN–NACHT_TOT local time (`nacht:<medewerker>:<date>`);
- one resident whose data VEEL_LEZERS_DREMPEL or more medewerkers read in one week
  (`veel_lezers:<resident>:<monday>`);
- a medewerker reading a resident with their own family name (`familienaam:<medewerker>:<resident>`).

The patterns look back VENSTER; each costs one or two queries whatever the size of the trail.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncDate, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.casus.models import Casus
from wijkregie.core.access import gemeente_of
from wijkregie.core.audit import DOEL_VERANTWOORDING, AuditActie, audit_log
from wijkregie.core.models import AuditEvent, AuditResultaat
from wijkregie.inwoners.models import Persoon
from wijkregie.organisatie.models import Medewerker, Teamlid

from .models import Beoordeling, Noodtoegang, Oordeel

VENSTER = datetime.timedelta(days=30)
BUITEN_TEAM_DREMPEL = 5
VEEL_LEZERS_DREMPEL = 6
NACHT_VAN, NACHT_TOT = 22, 6
GRONDSLAG = "rol: privacyfunctionaris"
#: Reading the trail is not reading a file: the privacy officer's own work is no pattern.
NIET_GELEZEN = ("core.auditevent", "privacy.beoordeling")
#: Dutch surname particles: "de Graaf" and "Graaf, de" are the same family name.
TUSSENVOEGSELS = {"de", "den", "der", "van", "het", "t", "'t", "te", "ter", "ten", "in", "op", "la", "le", "von", "el"}


class Soort:
    NOODTOEGANG = "noodtoegang"
    BUITEN_TEAM = "buiten_team"
    NACHT = "nacht"
    VEEL_LEZERS = "veel_lezers"
    FAMILIENAAM = "familienaam"


def soort_label(soort: str) -> str:
    return {
        Soort.NOODTOEGANG: _("Noodtoegang"),
        Soort.BUITEN_TEAM: _("Veel dossiers buiten het eigen team"),
        Soort.NACHT: _("'s Nachts ingezien"),
        Soort.VEEL_LEZERS: _("Eén inwoner door veel medewerkers ingezien"),
        Soort.FAMILIENAAM: _("Inwoner met de eigen achternaam ingezien"),
    }.get(soort, soort)


@dataclass
class Item:
    sleutel: str
    soort: str
    tijd: datetime.datetime
    medewerker_id: int | None = None
    client_id: int | None = None
    uitleg: str = ""
    reden: str = ""  # a break-the-glass's own reason
    medewerker: str = ""
    rollen: str = ""
    inwoner: str = ""
    beoordeling: Beoordeling | None = None

    @property
    def soort_label(self) -> str:
        return soort_label(self.soort)

    @property
    def formulier_id(self) -> str:
        """A key usable in HTML ids (the sleutel has ':' and '-')."""
        return "b-" + self.sleutel.replace(":", "-")


def _reads(gemeente_id: int, sinds: datetime.datetime):
    return AuditEvent.objects.filter(gemeente_id=gemeente_id, tijd__gte=sinds, actie=AuditActie.READ,
                                     resultaat=AuditResultaat.GELUKT, actor_id__isnull=False).exclude(
        object_type__in=NIET_GELEZEN)


def _noodtoegangen(gemeente_id: int) -> list[Item]:
    """Every break-the-glass, with how often the file was read under it (one query for all of them)."""
    rijen = list(Noodtoegang.objects.filter(gemeente_id=gemeente_id).order_by("-van")[:500])
    if not rijen:
        return []
    gelezen = (AuditEvent.objects.filter(gemeente_id=gemeente_id, grondslag="noodtoegang", actie=AuditActie.READ,
                                         resultaat=AuditResultaat.GELUKT, tijd__gte=min(n.van for n in rijen),
                                         actor_id__in={n.medewerker_id for n in rijen})
               .exclude(object_type="privacy.noodtoegang").values_list("actor_id", "client_id", "tijd"))
    per_paar: dict[tuple, list] = {}
    for actor_id, client_id, tijd in gelezen:
        per_paar.setdefault((actor_id, client_id), []).append(tijd)
    items = []
    for n in rijen:
        keer = sum(1 for tijd in per_paar.get((n.medewerker_id, n.persoon_id), ()) if n.van <= tijd < n.tot)
        items.append(Item(
            sleutel=f"{Soort.NOODTOEGANG}:{n.pk}", soort=Soort.NOODTOEGANG, tijd=n.van, medewerker_id=n.medewerker_id,
            client_id=n.persoon_id, reden=n.reden,
            uitleg=_("Dossier geopend met noodtoegang, tot %(tot)s; daarna %(keer)d keer ingezien.") % {
                "tot": f"{timezone.localtime(n.tot):%d-%m-%Y %H:%M}", "keer": keer}))
    return items


def _buiten_team(gemeente_id: int, sinds) -> list[Item]:
    gelezen = list(_reads(gemeente_id, sinds).filter(object_type="casus.casus")
                   .annotate(week=TruncWeek("tijd")).values_list("actor_id", "object_id", "week").distinct())
    casus_ids = {int(o) for _a, o, _w in gelezen if o.isdigit()}
    team_van = dict(Casus.objects.filter(gemeente_id=gemeente_id, pk__in=casus_ids).values_list("pk", "team_id"))
    vandaag = timezone.localdate()
    teams: dict[int, set[int]] = {}
    for medewerker_id, team_id in (
        Teamlid.objects.filter(gemeente_id=gemeente_id, sinds__lte=vandaag)
        .filter(Q(tot__isnull=True) | Q(tot__gte=vandaag))
        .values_list("medewerker_id", "team_id")
    ):
        teams.setdefault(medewerker_id, set()).add(team_id)
    per: dict[tuple, set[int]] = {}
    for actor_id, object_id, week in gelezen:
        team_id = team_van.get(int(object_id)) if object_id.isdigit() else None
        if team_id is not None and team_id not in teams.get(actor_id, set()):
            per.setdefault((actor_id, week), set()).add(int(object_id))
    return [
        Item(sleutel=f"{Soort.BUITEN_TEAM}:{actor_id}:{week:%Y-%m-%d}", soort=Soort.BUITEN_TEAM, tijd=week,
             medewerker_id=actor_id,
             uitleg=_("%(n)d dossiers van andere teams ingezien in de week van %(week)s.") % {
                 "n": len(casussen), "week": f"{timezone.localtime(week):%d-%m-%Y}"})
        for (actor_id, week), casussen in per.items() if len(casussen) >= BUITEN_TEAM_DREMPEL
    ]


def _nacht(gemeente_id: int, sinds) -> list[Item]:
    rijen = (_reads(gemeente_id, sinds).filter(client_id__isnull=False)
             .filter(Q(tijd__hour__gte=NACHT_VAN) | Q(tijd__hour__lt=NACHT_TOT))
             .annotate(dag=TruncDate("tijd", tzinfo=timezone.get_current_timezone())).values("actor_id", "dag")
             .annotate(n=Count("client_id", distinct=True)).order_by())
    return [
        Item(sleutel=f"{Soort.NACHT}:{r['actor_id']}:{r['dag']:%Y-%m-%d}", soort=Soort.NACHT,
             tijd=timezone.make_aware(datetime.datetime.combine(r["dag"], datetime.time(NACHT_VAN))),
             medewerker_id=r["actor_id"],
             uitleg=_("Gegevens van %(n)d inwoners ingezien tussen %(van)d.00 en %(tot)d.00 uur (%(dag)s).") % {
                 "n": r["n"], "van": NACHT_VAN, "tot": NACHT_TOT, "dag": f"{r['dag']:%d-%m-%Y}"})
        for r in rijen
    ]


def _veel_lezers(gemeente_id: int, sinds) -> list[Item]:
    rijen = (_reads(gemeente_id, sinds).filter(client_id__isnull=False).annotate(week=TruncWeek("tijd"))
             .values("client_id", "week").annotate(n=Count("actor_id", distinct=True))
             .filter(n__gte=VEEL_LEZERS_DREMPEL).order_by())
    return [
        Item(sleutel=f"{Soort.VEEL_LEZERS}:{r['client_id']}:{r['week']:%Y-%m-%d}", soort=Soort.VEEL_LEZERS,
             tijd=r["week"], client_id=r["client_id"],
             uitleg=_("%(n)d medewerkers zagen gegevens van deze inwoner in de week van %(week)s.") % {
                 "n": r["n"], "week": f"{timezone.localtime(r['week']):%d-%m-%Y}"})
        for r in rijen
    ]


def familienaam(naam: str) -> str:
    """The family name without its particles, lower case: 'de Graaf' → 'graaf'."""
    woorden = [w for w in naam.lower().replace(",", " ").split() if w]
    while len(woorden) > 1 and woorden[0] in TUSSENVOEGSELS:
        woorden.pop(0)
    return " ".join(woorden)


def _familienaam(gemeente_id: int, sinds) -> list[Item]:
    namen: dict[str, set[int]] = {}
    for pk, achternaam in (
        Medewerker.objects.filter(gemeente_id=gemeente_id).exclude(last_name="").values_list("pk", "last_name")
    ):
        if familienaam(achternaam):
            namen.setdefault(familienaam(achternaam), set()).add(pk)
    if not namen:
        return []
    conditie = Q()
    for naam in namen:
        conditie |= Q(achternaam__iexact=naam)
    personen = {pk: familienaam(a) for pk, a in Persoon.objects.filter(conditie, gemeente_id=gemeente_id)
                .values_list("pk", "achternaam")[:5000]}
    if not personen:
        return []
    actors = set().union(*namen.values())
    paren = (_reads(gemeente_id, sinds).filter(client_id__in=list(personen), actor_id__in=actors)
             .values("actor_id", "client_id").annotate(n=Count("id")).order_by())
    return [
        Item(sleutel=f"{Soort.FAMILIENAAM}:{p['actor_id']}:{p['client_id']}", soort=Soort.FAMILIENAAM,
             tijd=timezone.now(), medewerker_id=p["actor_id"], client_id=p["client_id"],
             uitleg=_("De medewerker zag %(n)d keer gegevens van een inwoner met dezelfde achternaam.") % {"n": p["n"]})
        for p in paren if p["actor_id"] in namen.get(personen[p["client_id"]], set())
    ]


def _namen(gemeente_id: int, items: list[Item]) -> None:
    """Names instead of ids, two queries whatever the number of items."""
    from .selectors import rollen_in_woorden

    client_ids = {i.client_id for i in items if i.client_id}
    actor_ids = {i.medewerker_id for i in items if i.medewerker_id}
    personen = {p.pk: p.naam for p in Persoon.objects.filter(gemeente_id=gemeente_id, pk__in=client_ids)
                .only("voornamen", "tussenvoegsel", "achternaam")} if client_ids else {}
    medewerkers = {m.pk: m for m in Medewerker.objects.filter(gemeente_id=gemeente_id, pk__in=actor_ids)
                   .prefetch_related("roltoewijzingen")} if actor_ids else {}
    for item in items:
        m = medewerkers.get(item.medewerker_id)
        item.medewerker = (m.get_full_name() or m.username) if m else ""
        item.rollen = rollen_in_woorden(",".join(sorted(m.rollen))) if m else ""
        item.inwoner = personen.get(item.client_id, "")


def review_items(user) -> list[Item]:
    """Every item of the gemeente's queue, reviewed or not, newest first (with names, and the verdict
    where there is one)."""
    gemeente_id = gemeente_of(user)
    if gemeente_id is None:
        return []
    sinds = timezone.now() - VENSTER
    items = (_noodtoegangen(gemeente_id) + _buiten_team(gemeente_id, sinds) + _nacht(gemeente_id, sinds)
             + _veel_lezers(gemeente_id, sinds) + _familienaam(gemeente_id, sinds))
    oordelen = {
        b.sleutel: b
        for b in Beoordeling.objects.filter(
            gemeente_id=gemeente_id, sleutel__in=[i.sleutel for i in items]
        ).select_related("door")
    }
    for item in items:
        item.beoordeling = oordelen.get(item.sleutel)
    items.sort(key=lambda i: i.tijd, reverse=True)
    _namen(gemeente_id, items)
    return items


def beoordeling_vastleggen(*, actor, sleutel: str, oordeel: str, toelichting: str) -> Beoordeling:
    """Record the privacy officer's verdict on one item of the queue, audited.

    Refused in words: an item that is not (or no longer) in the queue, one already judged, no verdict,
    or "niet in orde" without an explanation of what happens next.
    """
    toelichting = (toelichting or "").strip()
    item = next((i for i in review_items(actor) if i.sleutel == sleutel), None)
    if item is None:
        raise ValidationError(_("Dit item staat niet (meer) in de lijst om te beoordelen."))
    if item.beoordeling is not None:
        raise ValidationError(_("Dit item is al beoordeeld."))
    if oordeel not in Oordeel.values:
        raise ValidationError({"oordeel": _("Kies of dit in orde is of niet.")})
    if oordeel == Oordeel.NIET_IN_ORDE and not toelichting:
        raise ValidationError({"toelichting": _("Leg uit wat niet in orde is en wat er nu gebeurt.")})
    try:
        with transaction.atomic():
            beoordeling = Beoordeling.objects.create(gemeente_id=actor.gemeente_id, sleutel=sleutel, soort=item.soort,
                                                     oordeel=oordeel, toelichting=toelichting, door=actor)
            audit_log(actor=actor, actie=AuditActie.CREATE, object_type="privacy.beoordeling", object_id=beoordeling.pk,
                      client_id=item.client_id, grondslag=GRONDSLAG, doel=DOEL_VERANTWOORDING,
                      omschrijving=f"{soort_label(item.soort).lower()} beoordeeld: {Oordeel(oordeel).label.lower()}")
    except IntegrityError:
        raise ValidationError(_("Dit item is al beoordeeld.")) from None
    return beoordeling
