"""Retention: every closed file is destroyed when its term has passed, unless a legal hold stands (issue 14, item 3).

- The term per law, in years after the file's last change (the closing, or a later reopening):
  Jeugdwet twenty years (art. 7.3.8: "twintig jaar ... of zoveel langer als redelijkerwijs in verband met
  de zorgvuldigheid van de jeugdhulp noodzakelijk is"); Wmo 2015 and Participatiewet the term of the VNG
  selectielijst (Selectielijst gemeenten en intergemeentelijke organen, as the gemeente adopted it).
  A gemeente may set a longer term per law (Bewaartermijn), never a shorter one.
- A casus is a file of every law it touched: the laws of its plan's arrangement lines, and the Jeugdwet
  when a member of the household was under 18 when it opened; a casus with neither is a Wmo file (the
  social support the team gives). The longest of its terms applies.
- Destruction removes the casus with everything that belongs to it (plans, signed ones too,
  contactmomenten, consents naming it, aanmeldingen, documents on disk), then the household members
  who have no other file left, then the household if nobody is left in it. What still belongs to a
  living file (another casus, a pending aanmelding, a consent for someone else) keeps that person.
- What remains is one audit event per gemeente with counts only: no ids, no names (the trail itself is
  never touched: AuditEvent holds ids and strings, no foreign keys, so nothing cascades into it).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from wijkregie.casus.models import Casus, Status, Toestemming
from wijkregie.core.audit import AuditActie, audit_log, audit_refused
from wijkregie.inwoners.models import Huishouden, Lidmaatschap, Persoon
from wijkregie.organisatie.models import Wet

from .models import Bewaarblokkade, Bewaartermijn


@dataclass(frozen=True)
class Wettelijk:
    jaren: int
    grond: str


#: The law's term (and minimum) per law, in years after the file's last change.
WETTELIJK = {
    Wet.JEUGDWET: Wettelijk(20, "art. 7.3.8 Jeugdwet"),
    Wet.WMO: Wettelijk(10, "VNG selectielijst gemeenten (Wmo 2015)"),
    Wet.PARTICIPATIEWET: Wettelijk(10, "VNG selectielijst gemeenten (Participatiewet)"),
}
MINDERJARIG = 18
# The privacy officer sets terms and holds, and reads the dry run (organisatie/rules.py).
PERM = "core.audit_inzien"
DOEL_ARCHIVERING = "archivering (bewaartermijn)"


def _jaren_later(moment: datetime.datetime, jaren: int) -> datetime.datetime:
    try:
        return moment.replace(year=moment.year + jaren)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + jaren, day=28)


def termijnen(gemeente_id: int) -> dict[str, int]:
    """The terms in force in a gemeente: the law's, or the gemeente's longer one."""
    result = {wet: w.jaren for wet, w in WETTELIJK.items()}
    for t in Bewaartermijn.objects.filter(gemeente_id=gemeente_id):
        if t.wet in result:
            result[t.wet] = max(result[t.wet], t.jaren)
    return result


def bewaartermijn_instellen(*, actor, wet: str, jaren: int, toelichting: str = "") -> Bewaartermijn:
    """Sets a gemeente's term for one law; shorter than the law allows is refused with a Dutch message."""
    if not actor.has_perm(PERM):
        raise PermissionDenied
    if wet not in WETTELIJK:
        raise ValidationError({"wet": _("Kies een wet.")})
    minimum = WETTELIJK[wet]
    if jaren < minimum.jaren:
        # The attempt is on record too (issue 14, bad input), in a transaction of its own.
        audit_refused(actor=actor, actie=AuditActie.UPDATE, object_type="privacy.bewaartermijn", object_id=wet,
                      omschrijving=f"bewaartermijn {wet} van {jaren} jaar geweigerd: korter dan {minimum.jaren} jaar")
        raise ValidationError({"jaren": _(
            "De bewaartermijn voor dossiers onder de %(wet)s is ten minste %(jaren)s jaar (%(grond)s); "
            "een kortere termijn is niet toegestaan."
        ) % {"wet": Wet(wet).label, "jaren": minimum.jaren, "grond": minimum.grond}})
    if jaren > minimum.jaren and not toelichting.strip():
        raise ValidationError({"toelichting": _(
            "Geef aan waarom langer bewaren nodig is (bijvoorbeeld het besluit van de gemeente).")})
    with transaction.atomic():
        oud = termijnen(actor.gemeente_id)[wet]
        termijn, _nieuw = Bewaartermijn.objects.update_or_create(
            gemeente_id=actor.gemeente_id, wet=wet,
            defaults={"jaren": jaren, "toelichting": toelichting.strip(), "gewijzigd_door": actor,
                      "gewijzigd_op": timezone.now()},
        )
        audit_log(actor=actor, actie=AuditActie.UPDATE, object_type="privacy.bewaartermijn", object_id=wet,
                  omschrijving=f"bewaartermijn {wet}: {oud} -> {jaren} jaar", grondslag="rol: privacyfunctionaris")
    return termijn


def _minderjarigen_bij_opening(casussen: list[Casus]) -> set[int]:
    """Ids of the casussen of which a household member (or the resident) was under 18 when it opened."""
    uit = set()
    per_huishouden: dict[int, list[datetime.date]] = {}
    for huishouden_id, geboren in Lidmaatschap.objects.filter(
            huishouden_id__in={c.huishouden_id for c in casussen if c.huishouden_id},
            persoon__geboortedatum__isnull=False).values_list("huishouden_id", "persoon__geboortedatum"):
        per_huishouden.setdefault(huishouden_id, []).append(geboren)
    hoofd = dict(Persoon.objects.filter(pk__in={c.hoofdpersoon_id for c in casussen if c.hoofdpersoon_id},
                                         geboortedatum__isnull=False).values_list("pk", "geboortedatum"))
    for c in casussen:
        opening = timezone.localdate(c.geopend_op)
        grens = opening.replace(year=opening.year - MINDERJARIG) if not (opening.month == 2 and opening.day == 29) \
            else opening.replace(year=opening.year - MINDERJARIG, day=28)
        geboortes = per_huishouden.get(c.huishouden_id, []) + (
            [hoofd[c.hoofdpersoon_id]] if c.hoofdpersoon_id in hoofd else []
        )
        if any(g > grens for g in geboortes):
            uit.add(c.pk)
    return uit


def _wetten(casussen: list[Casus]) -> dict[int, set[str]]:
    from wijkregie.plan.models import Arrangementregel

    wetten: dict[int, set[str]] = {c.pk: set() for c in casussen}
    for casus_id, wet in Arrangementregel.objects.filter(plan__casus__in=casussen).exclude(wet="").values_list(
            "plan__casus_id", "wet").distinct():
        if wet in WETTELIJK:
            wetten[casus_id].add(wet)
    for casus_id in _minderjarigen_bij_opening(casussen):
        wetten[casus_id].add(Wet.JEUGDWET)
    for set_ in wetten.values():
        if not set_:
            set_.add(Wet.WMO)
    return wetten


@dataclass
class Vervallen:
    """One closed file and when its term ends; `blokkade` when a legal hold keeps it."""

    casus_id: int
    gemeente_id: int
    wetten: list[str]
    laatste_wijziging: datetime.datetime
    vervalt_op: datetime.datetime
    blokkade: bool = False


def _geblokkeerd(casussen: list[Casus]) -> set[int]:
    actief = Bewaarblokkade.objects.filter(opgeheven_op__isnull=True)
    direct = set(actief.filter(casus__in=casussen).values_list("casus_id", flat=True))
    personen = set(actief.filter(persoon__isnull=False).values_list("persoon_id", flat=True))
    if not personen:
        return direct
    via_huishouden = set(Lidmaatschap.objects.filter(persoon_id__in=personen).values_list("huishouden_id", flat=True))
    return direct | {c.pk for c in casussen if c.hoofdpersoon_id in personen or c.huishouden_id in via_huishouden}


def bewaartermijnen_overzicht(*, gemeente_id: int | None = None, nu: datetime.datetime | None = None,
                              alleen_vervallen: bool = True) -> list[Vervallen]:
    """Closed files whose term has passed at `nu` (held ones included, marked), oldest first: the dry run.

    The last change is the later of the closing and the last transition (a reopening starts anew).
    """
    nu = nu or timezone.now()
    qs = Casus.objects.filter(status=Status.AFGESLOTEN, afgesloten_op__isnull=False).annotate(
        laatste_overgang=Max("overgangen__op"))
    if gemeente_id is not None:
        qs = qs.filter(gemeente_id=gemeente_id)
    casussen = list(qs)
    wetten = _wetten(casussen)
    gebruiker_blocked = _geblokkeerd(casussen)
    per_gemeente: dict[int, dict[str, int]] = {}
    uit = []
    for c in casussen:
        termijn = per_gemeente.setdefault(c.gemeente_id, termijnen(c.gemeente_id))
        laatste = max(filter(None, [c.afgesloten_op, c.laatste_overgang]))
        jaren = max(termijn[w] for w in wetten[c.pk])
        vervalt = _jaren_later(laatste, jaren)
        if alleen_vervallen and vervalt > nu:
            continue
        uit.append(Vervallen(c.pk, c.gemeente_id, sorted(wetten[c.pk]), laatste, vervalt, c.pk in gebruiker_blocked))
    return sorted(uit, key=lambda v: (v.vervalt_op, v.casus_id))


# Apps whose records hang from a file (not the organisation, not the people themselves).
DOSSIER_APPS = {"casus", "plan", "regie", "toegang", "backoffice", "monitor", "api", "privacy"}


def _verwijzingen(obj):
    """Filled foreign keys (and one-to-ones) of `obj`, in declaration order."""
    return [f for f in obj._meta.concrete_fields
            if f.is_relation and (f.many_to_one or f.one_to_one) and getattr(obj, f.attname) is not None]


def _casus_van(obj, diepte: int = 0) -> int | None:
    """The casus `obj` belongs to, directly or through the records of a file it hangs from; None if none."""
    if diepte > 6:
        return None
    verwijzingen = _verwijzingen(obj)
    for f in verwijzingen:
        if f.related_model is Casus:
            return getattr(obj, f.attname)
    for f in verwijzingen:
        model = f.related_model
        if model in (Persoon, Huishouden) or model._meta.app_label not in DOSSIER_APPS or model is type(obj):
            continue
        gevonden = _casus_van(getattr(obj, f.name), diepte + 1)
        if gevonden is not None:
            return gevonden
    return None


class _Bewaren(Exception):
    """Something outside the file refers to what would be destroyed: keep it."""


@dataclass
class _Dossier:
    casus_ids: set[int]
    persoon_ids: set[int] = field(default_factory=set)
    huishouden_ids: set[int] = field(default_factory=set)
    documenten: list[str] = field(default_factory=list)
    rijen: Counter = field(default_factory=Counter)

    def hoort_bij(self, obj) -> bool:
        """Whether `obj` is part of the file. Its casus decides, found directly or through the records it
        hangs from (a request for a beschikking → its plan line → the plan → the casus); without one, the
        person or household it is about (a consent naming this casus is the file's; a parent's consent
        for a child who stays is the child's, and keeps the parent)."""
        if isinstance(obj, Casus):
            return obj.pk in self.casus_ids
        if isinstance(obj, Persoon):
            return obj.pk in self.persoon_ids
        if isinstance(obj, Huishouden):
            return obj.pk in self.huishouden_ids
        if isinstance(obj, Bewaarblokkade):
            return obj.opgeheven_op is not None  # a lifted hold goes with the file; a standing one keeps it
        casus_id = _casus_van(obj)
        if casus_id is not None:
            return casus_id in self.casus_ids
        for f in _verwijzingen(obj):
            waarde = getattr(obj, f.attname)
            if f.related_model is Persoon:
                return waarde in self.persoon_ids
            if f.related_model is Huishouden:
                return waarde in self.huishouden_ids
        return False

    def verwijder(self, obj) -> None:
        """Deletes `obj` with what cascades from it; what protects it is deleted first when it is the file's.

        Through Django's deletion collector, not the model's delete(): a signed plan refuses to be
        deleted by anyone, and the end of its retention term is the one exception.
        """
        for _poging in range(50):
            collector = Collector(using="default")
            try:
                collector.collect([obj])
            except (ProtectedError, RestrictedError) as exc:
                blokkerend = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", None)
                for ander in list(blokkerend):
                    if not self.hoort_bij(ander):
                        raise _Bewaren(f"{ander._meta.label_lower}") from None
                    self.verwijder(ander)
                continue
            for model, instances in collector.data.items():
                if model is Toestemming:
                    self.documenten += [t.document.name for t in instances if t.document]
            for qs in collector.fast_deletes:
                if qs.model is Toestemming:
                    self.documenten += [n for n in qs.values_list("document", flat=True) if n]
            _aantal, per_model = collector.delete()
            self.rijen.update({k: v for k, v in per_model.items() if v})
            return
        raise _Bewaren("te diep verweven")


def _personen_zonder_ander_dossier(dossier: _Dossier, kandidaten: set[int]) -> set[int]:
    """The candidates with no other file: no other casus of theirs or of a household they are in, no
    pending aanmelding or signal, no legal hold."""
    from wijkregie.toegang.models import Aanmelding, Signaal

    huishoudens: dict[int, set[int]] = {}
    for persoon_id, huishouden_id in Lidmaatschap.objects.filter(persoon_id__in=kandidaten).values_list(
            "persoon_id", "huishouden_id"):
        huishoudens.setdefault(persoon_id, set()).add(huishouden_id)
    alle = set().union(*huishoudens.values()) if huishoudens else set()
    met_casus = set(Casus.objects.filter(huishouden_id__in=alle).exclude(pk__in=dossier.casus_ids)
                    .values_list("huishouden_id", flat=True))
    blijven = {p for p, hs in huishoudens.items() if hs & met_casus}
    blijven |= set(Casus.objects.filter(hoofdpersoon_id__in=kandidaten).exclude(pk__in=dossier.casus_ids)
                   .values_list("hoofdpersoon_id", flat=True))
    blijven |= set(Aanmelding.objects.filter(persoon_id__in=kandidaten).exclude(casus_id__in=dossier.casus_ids)
                   .values_list("persoon_id", flat=True))
    blijven |= set(Signaal.objects.filter(persoon_id__in=kandidaten).values_list("persoon_id", flat=True))
    blijven |= set(
        Bewaarblokkade.objects.filter(persoon_id__in=kandidaten, opgeheven_op__isnull=True).values_list(
            "persoon_id", flat=True
        )
    )
    return kandidaten - blijven


def _vernietig_dossier(casus: Casus) -> _Dossier:
    dossier = _Dossier(casus_ids={casus.pk})
    kandidaten = set(
        Lidmaatschap.objects.filter(huishouden_id=casus.huishouden_id).values_list("persoon_id", flat=True)
    )
    if casus.hoofdpersoon_id:
        kandidaten.add(casus.hoofdpersoon_id)
    huishoudens = set(Lidmaatschap.objects.filter(persoon_id__in=kandidaten).values_list("huishouden_id", flat=True))
    if casus.huishouden_id:
        huishoudens.add(casus.huishouden_id)
    dossier.persoon_ids = _personen_zonder_ander_dossier(dossier, kandidaten)
    # A household goes when no casus of another file and nobody who stays is in it.
    blijvend = set(Lidmaatschap.objects.filter(huishouden_id__in=huishoudens).exclude(
        persoon_id__in=dossier.persoon_ids).values_list("huishouden_id", flat=True))
    blijvend |= set(
        Casus.objects.filter(huishouden_id__in=huishoudens).exclude(pk=casus.pk).values_list("huishouden_id", flat=True)
    )
    dossier.huishouden_ids = huishoudens - blijvend
    dossier.verwijder(casus)
    for persoon in Persoon.objects.filter(pk__in=dossier.persoon_ids):
        try:
            with transaction.atomic():
                dossier.verwijder(persoon)
        except _Bewaren:
            dossier.persoon_ids.discard(persoon.pk)  # still part of another living record
    for huishouden in Huishouden.objects.filter(pk__in=dossier.huishouden_ids):
        if Lidmaatschap.objects.filter(huishouden=huishouden).exists():
            dossier.huishouden_ids.discard(huishouden.pk)  # someone kept above still lives in it
            continue
        try:
            with transaction.atomic():
                dossier.verwijder(huishouden)
        except _Bewaren:
            pass
    return dossier


@dataclass
class Uitslag:
    casussen: int = 0
    personen: int = 0
    rijen: int = 0
    bewaard: int = 0


def bewaartermijnen_toepassen(*, nu: datetime.datetime | None = None) -> dict[int, Uitslag]:
    """Destroys every expired file without a legal hold; one count-only audit event per gemeente.

    Each file in its own savepoint: a file that something outside it still refers to is kept (and
    counted as kept) without stopping the others. Documents are removed from disk after the commit.
    """
    uitslagen: dict[int, Uitslag] = {}
    vervallen = [v for v in bewaartermijnen_overzicht(nu=nu) if not v.blokkade]
    documenten: list[str] = []
    with transaction.atomic():
        for v in vervallen:
            uitslag = uitslagen.setdefault(v.gemeente_id, Uitslag())
            casus = Casus.objects.filter(pk=v.casus_id).first()
            if casus is None:
                continue
            try:
                with transaction.atomic():
                    dossier = _vernietig_dossier(casus)
            except _Bewaren:
                uitslag.bewaard += 1
                continue
            uitslag.casussen += 1
            uitslag.personen += len(dossier.persoon_ids)
            uitslag.rijen += sum(dossier.rijen.values())
            documenten += dossier.documenten
        for gemeente_id, u in uitslagen.items():
            if not (u.casussen or u.bewaard):
                continue
            audit_log(
                actor=None,
                actie=AuditActie.DELETE,
                object_type="bewaartermijn",
                gemeente_id=gemeente_id,
                grondslag="bewaartermijn verstreken",
                doel=DOEL_ARCHIVERING,
                omschrijving=(
                    f"vernietigd na afloop van de bewaartermijn: {u.casussen} casussen, {u.personen} personen, "
                    f"{u.rijen} gegevens; {u.bewaard} bewaard (nog in gebruik)"
                ),
            )
        transaction.on_commit(lambda: _documenten_weg(documenten))
    return uitslagen


def _documenten_weg(namen: list[str]) -> None:
    opslag = Toestemming._meta.get_field("document").storage
    for naam in namen:
        opslag.delete(naam)


@task()
def bewaartermijnen_dagelijks() -> int:
    """Daily (queued by `wijkregie bewaartermijnen --wachtrij` from cron): destroy what expired."""
    return sum(u.casussen for u in bewaartermijnen_toepassen().values())


def bewaarblokkade_plaatsen(
    *, actor, reden: str, persoon: Persoon | None = None, casus: Casus | None = None
) -> Bewaarblokkade:
    """Places a legal hold on a person's files or one casus; audited."""
    if not actor.has_perm(PERM):
        raise PermissionDenied
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden van de bewaarblokkade.")})
    doel = persoon or casus
    if doel is None or doel.gemeente_id != actor.gemeente_id:
        raise ValidationError({"nummer": _("Dit nummer bestaat niet in uw gemeente.")})
    with transaction.atomic():
        blokkade = Bewaarblokkade.objects.create(gemeente_id=actor.gemeente_id, persoon=persoon, casus=casus,
                                                 reden=reden.strip(), geplaatst_door=actor)
        audit_log(actor=actor, actie=AuditActie.CREATE, object_type="privacy.bewaarblokkade", object_id=blokkade.pk,
                  client_id=persoon.pk if persoon else casus.hoofdpersoon_id,
                  omschrijving="bewaarblokkade geplaatst" + (f" op casus {casus.pk}" if casus else ""),
                  grondslag="rol: privacyfunctionaris")
    return blokkade


def bewaarblokkade_opheffen(*, actor, blokkade: Bewaarblokkade) -> None:
    if not actor.has_perm(PERM) or blokkade.gemeente_id != actor.gemeente_id:
        raise PermissionDenied
    with transaction.atomic():
        blokkade.opgeheven_op = timezone.now()
        blokkade.opgeheven_door = actor
        blokkade.save(update_fields=["opgeheven_op", "opgeheven_door"])
        audit_log(
            actor=actor,
            actie=AuditActie.UPDATE,
            object_type="privacy.bewaarblokkade",
            object_id=blokkade.pk,
            client_id=blokkade.persoon_id,
            omschrijving="bewaarblokkade opgeheven",
            grondslag="rol: privacyfunctionaris",
        )
