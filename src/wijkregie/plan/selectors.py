"""Who sees what of the plan phase.

- Plan, vraagverheldering and consults: the professionals of the casus (its team), as casus does.
- Safety information (veiligheidsanalyse, meldcode): who may see the casus' triage and safety kind
  (docs/toegangsbeleid.md), the gedragswetenschapper asked for a consult included.
- A consult: whoever may see the casus, the person it was asked of included (a consulent).
"""

from __future__ import annotations

import dataclasses

from django.db.models import Q, QuerySet
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from wijkregie.casus.models import Casus, Status
from wijkregie.casus.selectors import casussen_visible_to
from wijkregie.casus.toestemming import casus_lid_ids
from wijkregie.core.access import gemeente_of
from wijkregie.inwoners.models import Lidmaatschap, Persoon
from wijkregie.organisatie.models import Leefgebied, Mandaat, Medewerker, Wet
from wijkregie.organisatie.toegangsbeleid import Gegevens

from .models import Arrangementregel, Consult, Ondersteuningsplan, PlanStatus, Soort


def plan_casussen_visible_to(user, soort: str = Gegevens.PLAN) -> QuerySet[Casus]:
    """The casussen whose plan (or its PDF: `soort` documenten) this user may see, and those whose plan
    was offered to this user for signature (mandaat)."""
    gemeente_id = gemeente_of(user)
    if gemeente_id is None:
        return Casus.objects.none()
    te_tekenen = Ondersteuningsplan.objects.filter(
        gemeente_id=gemeente_id, ter_ondertekening_bij=user, status=PlanStatus.TER_ONDERTEKENING).values("casus_id")
    return Casus.objects.filter(
        Q(pk__in=casussen_visible_to(user, soort).values("pk")) | Q(pk__in=te_tekenen), gemeente_id=gemeente_id
    ).select_related("team", "huishouden", "hoofdpersoon", "medewerker")


def veiligheid_casussen_visible_to(user) -> QuerySet[Casus]:
    """Safety information is the 'triage en veiligheid' kind of the policy: the regisseur, colleagues
    with the household's consent, and whoever was asked for a consult about the casus."""
    return casussen_visible_to(user, Gegevens.TRIAGE)


def consulten_visible_to(user) -> QuerySet[Consult]:
    """The consults of the casussen whose plan phase the user may see (the one asked is a consulent)."""
    if gemeente_of(user) is None:
        return Consult.objects.none()
    return Consult.objects.zichtbaar_voor(user).select_related("casus", "casus__hoofdpersoon", "gevraagd_aan",
                                                               "gevraagd_door")


def open_consulten_voor(user) -> QuerySet[Consult]:
    """The consults asked of this user and not yet answered. An open consult is the consulent's relation
    of the policy, which shows the file at every stage but afgesloten: that part alone is the rule here."""
    if gemeente_of(user) is None:
        return Consult.objects.none()
    return (Consult.objects.filter(gemeente_id=user.gemeente_id, gevraagd_aan=user, advies_op__isnull=True)
            .exclude(casus__status=Status.AFGESLOTEN)
            .select_related("casus", "casus__hoofdpersoon", "gevraagd_aan", "gevraagd_door").order_by("gevraagd_op"))


def laatste_scores(casus) -> dict:
    """Per member, per life domain, the newest score (one query; history stays in the table)."""
    laatste: dict[tuple[int, int], object] = {}
    for score in casus.zrm_scores.select_related("persoon", "leefgebied", "door").order_by("datum", "pk"):
        laatste[(score.persoon_id, score.leefgebied_id)] = score
    return laatste


def volgend_leefgebied(plan, laatste: dict, doelen=None) -> int | None:
    """The life domain the next goal most likely is about: the lowest latest ZRM score of the household
    that has no goal in the plan yet (goals follow where self-reliance is weakest), ties in ZRM order.
    `doelen`: the plan's goals when the caller has read them already."""
    met_doel = ({d.leefgebied_id for d in doelen} if doelen is not None
                else set(plan.doelen.values_list("leefgebied_id", flat=True)))
    open_ = [s for s in laatste.values() if s.leefgebied_id not in met_doel]
    if not open_:
        return None
    return min(open_, key=lambda s: (s.niveau, s.leefgebied.volgorde, s.leefgebied.naam)).leefgebied_id


def casus_leden_visible_to(user, casus) -> QuerySet[Persoon]:
    """The members of the casus (its household's current members and its hoofdpersoon) this user may
    see: the rows of the household's ZRM grid, the choices for whose goal it is."""
    from wijkregie.inwoners.selectors import personen_visible_to

    return personen_visible_to(user).filter(pk__in=casus_lid_ids(casus))


@dataclasses.dataclass(frozen=True)
class Gezinslid:
    """A member as the plan shows them: with their relation in the casus' household."""

    persoon: Persoon
    relatie: str  # the label ("Kind"), empty when the person is not (or no longer) in the household

    @property
    def pk(self) -> int:
        return self.persoon.pk

    @property
    def naam(self) -> str:
        return self.persoon.naam

    @property
    def leeftijd(self) -> int | None:
        return self.persoon.leeftijd()


def gezinsleden_visible_to(user, casus) -> list[Gezinslid]:
    """`gezinsleden(casus, casus_leden_visible_to(user, casus))` in one query: the members (casus_lid_ids:
    the household's current members and the hoofdpersoon) with their relation, read with the persons.
    Whoever may see who the casus is about sees all of them (the policy reaches a resident through a casus
    as its hoofdpersoon or a current member: casus.selectors.personen_via_casus_q), so then the policy's
    answer for the casus (casus_toont, read once per request) stands for each member; otherwise each is
    asked of the policy as before."""
    from django.db.models import CharField, OuterRef, Subquery, Value

    from wijkregie.casus.selectors import casus_toont
    from wijkregie.casus.toestemming import casus_lid_q
    from wijkregie.inwoners.selectors import personen_visible_to

    huidig = Lidmaatschap.objects.huidig().filter(huishouden_id=casus.huishouden_id)
    personen = (Persoon.objects.filter(gemeente_id=casus.gemeente_id).select_related("wijk")
                if casus_toont(user, casus, Gegevens.IDENTITEIT) else personen_visible_to(user))
    relatie = (Subquery(huidig.filter(persoon_id=OuterRef("pk")).order_by("-van").values("relatie")[:1])
               if casus.huishouden_id else Value("", output_field=CharField()))
    personen = personen.filter(casus_lid_q(casus)).annotate(lid_relatie=relatie)
    labels = dict(Lidmaatschap._meta.get_field("relatie").flatchoices)

    def volgorde(p):
        return (p.pk != casus.hoofdpersoon_id, p.geboortedatum is None, p.geboortedatum or 0, p.naam)

    return [Gezinslid(p, str(labels.get(p.lid_relatie, p.lid_relatie)) if p.lid_relatie else "")
            for p in sorted(personen, key=volgorde)]


def gezinsleden(casus, personen) -> list[Gezinslid]:
    """`personen` (the members the user may see) with their relation; the hoofdpersoon first, then the
    oldest first, so every grid and table of the casus lists the household in the same order."""
    personen = list(personen)
    relaties = dict(
        (lid.persoon_id, lid.get_relatie_display())
        for lid in Lidmaatschap.objects.huidig().filter(huishouden_id=casus.huishouden_id,
                                                        persoon_id__in=[p.pk for p in personen]).order_by("van")
    ) if casus.huishouden_id else {}

    def volgorde(p):
        return (p.pk != casus.hoofdpersoon_id, p.geboortedatum is None, p.geboortedatum or 0, p.naam)

    return [Gezinslid(p, str(relaties.get(p.pk, ""))) for p in sorted(personen, key=volgorde)]


def actieve_leefgebieden(gemeente_id) -> list[Leefgebied]:
    return list(Leefgebied.objects.filter(gemeente_id=gemeente_id, actief=True).order_by("volgorde", "naam"))


def zrm_overzicht(casus, leden: list[Gezinslid], laatste: dict | None = None) -> list[tuple[Leefgebied, list]]:
    """The latest score per member per life domain, as rows of life domains that have a score (one
    column per member, None where a member was not scored): the compact table of the plan and its PDF."""
    laatste = laatste_scores(casus) if laatste is None else laatste
    ids = {lid.pk for lid in leden}
    gebieden = sorted({s.leefgebied for (pid, _l), s in laatste.items() if pid in ids},
                      key=lambda g: (g.volgorde, g.naam))
    return [(g, [laatste.get((lid.pk, g.pk)) for lid in leden]) for g in gebieden]


def huidig_plan(casus) -> Ondersteuningsplan | None:
    return casus.plannen.order_by("-versie").first()


def plannen_van(casus) -> list[Ondersteuningsplan]:
    """Every version of the casus' plan, newest first (the current one first), in one query: each with
    who signed it under which mandaat and to whom it is offered, and linked to the versions before and
    after it (`vorige`, `volgende`) without a query of their own."""
    plannen = list(casus.plannen.select_related("ondertekend_door", "mandaat", "ter_ondertekening_bij")
                   .order_by("-versie"))
    per_pk = {p.pk: p for p in plannen}
    volgende = {p.vorige_id: p for p in plannen if p.vorige_id}
    for plan in plannen:
        Ondersteuningsplan.volgende.related.set_cached_value(plan, volgende.get(plan.pk))
        if plan.vorige_id in per_pk:
            plan.vorige = per_pk[plan.vorige_id]
    return plannen


def regel_tekst(regel: Arrangementregel) -> str:
    wet = Wet(regel.wet).label if regel.wet else "?"
    tekst = f"{wet} – {regel.productcategorie} {regel.productcategorie_omschrijving}".strip()
    if regel.geraamde_kosten is not None:
        tekst += f" (€ {number_format(regel.geraamde_kosten, 0, force_grouping=True)})"
    return tekst


def mandaat_voor(medewerker: Medewerker, plan, *, datum=None, regels=None) -> tuple[Mandaat | None, list[str]]:
    """The mandaat of `medewerker` that covers every maatwerk line of the plan on `datum` (`regels`: the
    plan's lines when the caller has read them already).

    Returns (mandaat, []) when one covers all; (None, [lines not covered]) otherwise. A plan without
    maatwerk lines needs no mandaat: (None, []).
    """
    datum = datum or timezone.localdate()
    regels = [r for r in (plan.regels.all() if regels is None else regels) if r.soort == Soort.MAATWERK]
    if not regels:
        return None, []
    mandaten = list(Mandaat.objects.filter(gemeente_id=plan.gemeente_id, houder=medewerker).select_related(
        "houder__moederorganisatie", "ondermandaat_van"))
    for mandaat in mandaten:
        if all(
            mandaat.dekt(wet=r.wet, productcategorie=r.productcategorie, bedrag=r.geraamde_kosten, datum=datum)
            for r in regels
        ):
            return mandaat, []
    niet_gedekt = [
        regel_tekst(r)
        for r in regels
        if not any(
            m.dekt(wet=r.wet, productcategorie=r.productcategorie, bedrag=r.geraamde_kosten, datum=datum)
            for m in mandaten
        )
    ] or [regel_tekst(r) for r in regels]
    return None, niet_gedekt


def tekenbevoegden(plan) -> list[Medewerker]:
    """Colleagues of the gemeente whose mandaat covers all maatwerk lines (to offer the plan to)."""
    houders = Medewerker.objects.filter(gemeente_id=plan.gemeente_id, is_active=True, mandaten__isnull=False).distinct()
    return [m for m in houders if mandaat_voor(m, plan)[0] is not None]


def regel_sleutel(regel) -> str:
    """Everything that was agreed in a line, in words: a change of any of it is a difference."""
    delen = [f"{regel.get_soort_display()}: {regel.omschrijving}"]
    if regel.wie:
        delen.append(f"door {regel.wie}")
    if regel.voorziening_id:
        delen.append(str(regel.voorziening))
    if regel.medewerker_id:
        delen.append(f"{regel.medewerker}, {regel.aantal_contacten or 0} contacten")
    if regel.soort == Soort.MAATWERK:
        delen.append(regel_tekst(regel))
        delen.append(
            f"{floatformat(regel.volume or 0, '-2')} {regel.eenheid_omschrijving} "
            f"{regel.frequentie_omschrijving}".strip()
        )
        if regel.ingangsdatum:
            delen.append(
                f"{regel.ingangsdatum:%d-%m-%Y} – {regel.einddatum:%d-%m-%Y}"
                if regel.einddatum
                else f"vanaf {regel.ingangsdatum:%d-%m-%Y}"
            )
        if regel.voorkeursaanbieder_id:
            delen.append(f"voorkeur {regel.voorkeursaanbieder}")
    if regel.pgb_motivatie:
        delen.append(regel.pgb_motivatie)
    return ", ".join(delen)


def doel_sleutel(doel, zichtbaar: set[int] | None = None) -> str:
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


def regel_sleutels(plan, *, alleen_maatwerk: bool = False) -> set[str]:
    regels = plan.regels.select_related("voorziening", "medewerker", "voorkeursaanbieder")
    if alleen_maatwerk:
        regels = regels.filter(soort=Soort.MAATWERK)
    return {regel_sleutel(r) for r in regels}


PLAN_TEKSTVELDEN = ("matched_care", "gedeelde_besluitvorming", "niet_akkoord")


def verschil(vorige, plan, *, zichtbaar: set[int] | None = None, doelen=None, regels=None) -> dict[str, list[str]]:
    """What changed between two versions, in words: goals and lines added or removed (a changed one
    shows as its old and its new wording), and which texts of the plan changed. Members outside
    `zichtbaar` (when given) are not named. `doelen` and `regels`: the plan's own, when the caller has
    read them already (with their life domain and person, and their provision, medewerker and provider)."""
    if vorige is None:
        return {"toegevoegd": [], "vervallen": [], "gewijzigd": []}
    oud = {doel_sleutel(d, zichtbaar) for d in vorige.doelen.select_related("leefgebied", "persoon")} | regel_sleutels(
        vorige
    )
    if doelen is None:
        doelen = plan.doelen.select_related("leefgebied", "persoon")
    nieuw = {doel_sleutel(d, zichtbaar) for d in doelen} | (
        regel_sleutels(plan) if regels is None else {regel_sleutel(r) for r in regels})
    gewijzigd = [str(getattr(Ondersteuningsplan._meta.get_field(v), "verbose_name", v)) for v in PLAN_TEKSTVELDEN
                 if getattr(vorige, v) != getattr(plan, v)]
    return {"toegevoegd": sorted(nieuw - oud), "vervallen": sorted(oud - nieuw), "gewijzigd": gewijzigd}
