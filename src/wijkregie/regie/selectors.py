"""Reads of the regie phase: the werkvoorraad, caseload and the casus timeline.

Everything goes through casussen_visible_to (the team's casussen); each list is one query.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import islice

from django.db import router
from django.db.models import Count, DurationField, Exists, OuterRef, Q, Value
from django.db.models.functions import Now
from django.utils import timezone

from wijkregie.casus.models import Casus, Status, Statusovergang
from wijkregie.casus.selectors import WERKT_IN_DOSSIER, casussen_visible_to
from wijkregie.core.querying import eerste_rijen_van
from wijkregie.inwoners.models import Persoon
from wijkregie.organisatie.toegangsbeleid import Betrekking, Gegevens
from wijkregie.plan.models import Consult, MeldcodeStap, Ondersteuningsplan, PlanStatus, Veiligheidsanalyse
from wijkregie.plan.selectors import open_consulten_voor
from wijkregie.toegang.models import Aanmelding, AanmeldingStatus, Triage
from wijkregie.toegang.selectors import (
    ALARM,
    aanmelding_beleid_invoer,
    aanmelding_beleid_q,
    aanmelding_beleid_vorm,
    wachtrij_bron,
    wachtrij_uit,
)

from .models import Betrokkene, CheckIn, Contactmoment, Evaluatie, Herinnering, Regie, Richting, Schaling

VOORUIT = datetime.timedelta(days=14)


@dataclass
class Werkvoorraad:
    alarmen: list
    evaluaties: list
    checkins: list
    ongetekende_plannen: list
    te_tekenen: list
    consulten: list
    nieuw_toegedeeld: list
    herinneringen: list
    lopende: list | None = None  # werkvoorraad(lopende=True): the user's running casussen
    wachtrij: list | None = None  # werkvoorraad(wachtrij=True): the first of the bureaudienst's queue
    wachtrij_aantal: int = 0  # and the length of the whole queue

    @property
    def leeg(self) -> bool:
        return not any((self.alarmen, self.evaluaties, self.checkins, self.ongetekende_plannen, self.te_tekenen,
                        self.consulten, self.nieuw_toegedeeld, self.herinneringen))


def werkvoorraad(user, *, lopende: bool = False, wachtrij: bool = False) -> Werkvoorraad:
    """What is due for this user: acute items first, then due and overdue evaluations and check-ins,
    plans to finish or sign, consult requests and newly allocated aanmeldingen; with `lopende`, the running
    casussen whose regie the user holds (the contact line's choice); with `wachtrij`, the first of the
    bureaudienst's queue and its length (toegang.selectors.wachtrij_bron). Every list in one query, built and
    compiled once per process for the user's policy inputs and the day (issue 17): the start page's ORM work
    was half of its server time."""
    vandaag = timezone.localdate()
    vorm = aanmelding_beleid_vorm(user, router.db_for_read(Casus))
    if vorm is None:
        rijen = eerste_rijen_van(
            lambda: _werkvoorraad_bronnen(user, vandaag, lopende=lopende, wachtrij=wachtrij), model=Casus,
            # Everything the lists are built from: the access policy's inputs, the user (in them) and the day.
            # "Now" is the database's clock (_plannen).
            sleutel=("regie.werkvoorraad", lopende, wachtrij, vandaag, aanmelding_beleid_invoer(user)))
    else:
        # Kept per shape of the policy's inputs, their values filled in at each use (aanmelding_beleid_vorm).
        vormsleutel, invullen, bouw = vorm
        rijen = eerste_rijen_van(
            lambda **waarden: _werkvoorraad_bronnen(bouw(waarden), vandaag, lopende=lopende, wachtrij=wachtrij),
            model=Casus, sleutel=("regie.werkvoorraad", lopende, wachtrij, vandaag, "vorm", *vormsleutel),
            invullen=invullen, zelf=lambda: _werkvoorraad_bronnen(user, vandaag, lopende=lopende, wachtrij=wachtrij))
    wachtrij_rijen, wachtrij_aantal = wachtrij_uit(rijen["wachtrij"]) if wachtrij else (None, 0)
    return Werkvoorraad(
        alarmen=sorted(rijen.get("alarmen", []), key=lambda a: (a.ontvangen_op, a.pk)),
        evaluaties=sorted(rijen["evaluaties"], key=lambda e: (e.gepland_op, e.pk)),
        checkins=sorted(rijen["checkins"], key=lambda c: (c.gepland_op, c.pk)),
        ongetekende_plannen=sorted(rijen["ongetekende_plannen"], key=lambda p: (p.aangemaakt_op, p.pk)),
        te_tekenen=sorted(rijen["te_tekenen"], key=lambda p: (p.aangemaakt_op, p.pk)),
        consulten=sorted(rijen["consulten"], key=lambda c: (c.gevraagd_op, c.pk)),
        nieuw_toegedeeld=sorted(rijen["nieuw_toegedeeld"], key=lambda a: (a.ontvangen_op, a.pk)),
        herinneringen=sorted(rijen["herinneringen"], key=lambda h: (h.aangemaakt_op, h.pk), reverse=True),
        lopende=sorted(rijen.get("lopende", []),
                       key=lambda c: (c.hoofdpersoon is None, c.hoofdpersoon.achternaam if c.hoofdpersoon else "",
                                      c.pk)) if lopende else None,
        wachtrij=wachtrij_rijen, wachtrij_aantal=wachtrij_aantal,
    )


def _werkvoorraad_bronnen(user, vandaag: datetime.date, *, lopende: bool, wachtrij: bool = False) -> dict[str, tuple]:
    """The werkvoorraad's lists, each an ordered queryset with its length (eerste_rijen_van)."""
    # "Mine": allocated to me, or I hold the open regie: exactly the regisseur's relation of the policy,
    # so only that part of the rule is compiled (the whole rule on every list made the start page slow).
    mijn = casussen_visible_to(user, via={Betrekking.REGISSEUR}).values("pk")
    # Check-ins and reminders are addressed to the user; they show while the user works in the file.
    in_dossier = casussen_visible_to(user, via=WERKT_IN_DOSSIER).values("pk")
    # Each item names its casus by the client's name: of the client only that is read (Persoon.NAAM_VELDEN).
    met_casus = {"casus": None, "casus__hoofdpersoon": Persoon.NAAM_VELDEN}
    bronnen: dict[str, tuple] = {
        **_aanmeldingen_zonder_eerste_contact(user),
        **_plannen(user, mijn, vandaag),
        "evaluaties": (Evaluatie.objects.filter(casus__in=mijn, gehouden_op__isnull=True, vervallen=False,
                                                gepland_op__lte=vandaag + VOORUIT).order_by("gepland_op", "pk"),
                       50, None, met_casus),
        "checkins": (CheckIn.objects.filter(gemeente_id=user.gemeente_id, medewerker=user, gedaan_op__isnull=True,
                                            vervallen=False, gepland_op__lte=vandaag + VOORUIT, casus__in=in_dossier)
                     .order_by("gepland_op", "pk"), 50, None, met_casus),
        # The start page names only the casus of a consult: not its resident nor both medewerkers, whole.
        "consulten": (open_consulten_voor(user), 20, None, ("casus",)),
        "herinneringen": (Herinnering.objects.filter(gemeente_id=user.gemeente_id, medewerker=user,
                                                     casus__in=in_dossier).order_by("-aangemaakt_op", "-pk"),
                          20, None, met_casus),
    }
    if lopende:
        bronnen["lopende"] = (casussen_visible_to(user, via={Betrekking.REGISSEUR}).exclude(status=Status.AFGESLOTEN)
                              .order_by("hoofdpersoon__achternaam", "pk"), 100, ("hoofdpersoon_id",),
                              {"hoofdpersoon": Persoon.NAAM_VELDEN})  # the contact line's choices: whose casus
    if wachtrij:
        bronnen["wachtrij"] = wachtrij_bron(user)
    return bronnen


def _aanmeldingen_zonder_eerste_contact(user) -> dict[str, tuple]:
    """Alarms (acute or unsafe) and the user's newly allocated aanmeldingen, both without a first contact yet,
    oldest first, at most 20 each."""
    qs = (Aanmelding.objects.filter(gemeente_id=user.gemeente_id, eerste_contact_op__isnull=True)
          .exclude(status=AanmeldingStatus.VOORKANT).order_by("ontvangen_op", "pk"))
    # What the lists show: the resident's name, the team, the triage's urgency, the casus' state; not the
    # resident's BSN and address, nor the triage's account of the safety concern (docs/toegangsbeleid.md).
    mee = {"persoon": Persoon.NAAM_VELDEN, "team": None, "casus": None,
           "triage": [f.attname for f in Triage._meta.concrete_fields if f.name != "veiligheid_toelichting"]}
    bronnen = {"nieuw_toegedeeld": (qs.filter(medewerker=user), 20, None, mee)}
    # Each list states its own part of the policy, not the whole rule twice over: an alarm shows the
    # triage's verdict, so only where the policy shows the user the triage (which always includes the
    # question); an aanmelding allocated to the user is the regisseur's, whose question they see.
    ziet_triage = aanmelding_beleid_q(user, Gegevens.TRIAGE)
    if ziet_triage is not None:
        bronnen["alarmen"] = (qs.filter(ALARM & ziet_triage), 20, None, mee)
    return bronnen


#: How long an offer to sign stays work of the day (issue 13). An offer left longer rests on an agreement
#: with the household of months ago: the regisseur has to look at it again, not the signer. It stays on
#: the signer's "Ter ondertekening" page; the werkvoorraad shows only the recent ones.
TE_TEKENEN_TERMIJN = datetime.timedelta(weeks=8)


def _plannen(user, mijn, vandaag: datetime.date) -> dict[str, tuple]:
    """Unsigned plans of the user's casussen (at most 50), and plans waiting for the user's signature (20).

    Waiting for the signature, in the werkvoorraad: offered to this user within TE_TEKENEN_TERMIJN (a plan
    offered before the offer was dated counts from the household's agreement, else from when it was made),
    of a casus that is not closed. Each
    plan says whether the user may see who it is for (`naam_zichtbaar`: the access policy's identity, e.g.
    the teamleider for the team's casussen); otherwise it is named by its casus number only."""
    # Asked per plan shown (a correlated EXISTS on the casus' key), not as `casus IN (...)`: for a gemeente-wide
    # role that set is every casus of the gemeente, which PostgreSQL hashed whole for the page's few plans.
    identiteit = casussen_visible_to(user, Gegevens.IDENTITEIT).filter(pk=OuterRef("casus_id")).values("pk")
    qs = (Ondersteuningsplan.objects.filter(gemeente_id=user.gemeente_id,
                                            status__in=[PlanStatus.CONCEPT, PlanStatus.TER_ONDERTEKENING])
          .exclude(casus__status=Status.AFGESLOTEN).order_by("aangemaakt_op", "pk"))
    mee = {"casus": None, "casus__hoofdpersoon": Persoon.NAAM_VELDEN}
    naam = {"naam_zichtbaar": Exists(identiteit)}
    # "Now" as the database's clock, so that the statement is the same all day (werkvoorraad keeps it).
    grens = Now() - Value(TE_TEKENEN_TERMIJN, output_field=DurationField())
    # An offer from before offers were dated counts from the household's agreement, else from the plan's making.
    ongedateerd = Q(ter_ondertekening_op__isnull=True)
    recent = (Q(ter_ondertekening_op__gte=grens) | (ongedateerd & Q(akkoord_op__gte=vandaag - TE_TEKENEN_TERMIJN))
              | (ongedateerd & Q(akkoord_op__isnull=True, aangemaakt_op__gte=grens)))
    return {
        "ongetekende_plannen": (qs.filter(casus__in=mijn), 50, None, mee, naam),
        "te_tekenen": (qs.filter(recent, ter_ondertekening_bij=user, status=PlanStatus.TER_ONDERTEKENING), 20, None,
                       mee, naam),
    }


def caseload(user, teams) -> list[dict]:
    """Open casussen per medewerker of the given teams, by state (one aggregate query)."""
    rows = (
        Casus.objects.filter(gemeente_id=user.gemeente_id, team__in=teams).exclude(status=Status.AFGESLOTEN)
        .values("team__naam", "medewerker_id", "medewerker__first_name", "medewerker__last_name", "status")
        .annotate(n=Count("pk")).order_by("team__naam", "medewerker__first_name")
    )
    per: dict[tuple, dict] = {}
    for r in rows:
        naam = f"{r['medewerker__first_name'] or ''} {r['medewerker__last_name'] or ''}".strip() or "(nog niemand)"
        regel = per.setdefault(
            (r["team__naam"], r["medewerker_id"]),
            {"team": r["team__naam"], "medewerker": naam, "totaal": 0, "per_status": {}},
        )
        regel["per_status"][r["status"]] = r["n"]
        regel["totaal"] += r["n"]
    return list(per.values())


@dataclass
class Gebeurtenis:
    op: datetime.datetime
    soort: str
    tekst: str
    door: object = None
    alleen_datum: bool = False  # recorded as a date: shown without a time


def _dt(value) -> datetime.datetime:
    """A date sorts at the start of its day, before that day's timed events.

    What is recorded as a date only (a schaling, an evaluation) is a decision or a meeting; what it leads
    to is recorded with a time when it is entered: the casus afgeschaald after a schaling, afgesloten
    after the last evaluation, the contacts that follow. Placed at the start of its day it never shows
    after its own consequences (at the end of the day it stood above a later "Afgesloten", issue 13), and
    among other days it sorts by its date like everything else.
    """
    if isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))


def _reden(reden: str) -> str:
    """A closing reason is stored as its CBS code; say it in words."""
    from .models import RedenBeeindiging

    code = reden[:2]
    return RedenBeeindiging(code).label + reden[2:] if code in RedenBeeindiging.values else reden


def tijdlijn_voor() -> datetime.datetime:
    """Where the first page of a timeline starts: everything until tomorrow (a schaling is dated by day)."""
    return timezone.now() + datetime.timedelta(days=1)


def tijdlijn_bronnen(casus, *, voor, aantal: int, dag: datetime.date | None = None) -> dict[str, tuple]:
    """The timeline's own sources for eerste_rijen_van (with `door`) of `casus` (a casus or its key): status
    changes, contactmomenten and schalingen, the `aantal` last before `voor` (a moment, or an expression of the
    database's clock) of each, schalingen by `dag` (by default `voor`'s date). A page that reads more lists adds
    them and passes the rows to tijdlijn."""
    dag = dag or timezone.localtime(voor).date()
    return {
        "status": (Statusovergang.objects.filter(casus=casus, op__lt=voor).order_by("-op"), aantal,
                   ("op", "naar", "reden")),
        "contact": (Contactmoment.objects.filter(casus=casus, op__lt=voor).order_by("-op"), aantal,
                    ("op", "soort", "met_wie", "duur_minuten", "notitie")),
        "schaling": (Schaling.objects.filter(casus=casus, op__lte=dag).order_by("-op"),
                     aantal, ("op", "richting", "naar", "ontvangende_partij", "reden")),
    }


def _eerste_pagina(casus, *, aantal: int) -> dict[str, list]:
    """The first page of a timeline: its three sources, the regies and the held evaluations, in one statement
    built and compiled once per process for the length and the day, the casus' key filled in at each use
    ("until tomorrow" as the database's clock: tijdlijn_voor), issue 17."""
    vandaag = timezone.localdate()
    dag = vandaag + datetime.timedelta(days=1)

    def bronnen(casus_id: int) -> dict[str, tuple]:
        voor = Now() + Value(datetime.timedelta(days=1), output_field=DurationField())
        return {
            **tijdlijn_bronnen(casus_id, voor=voor, aantal=aantal, dag=dag),
            # Of whom the regie is, by name only (Regie.houder_naam): not the medewerker's or resident's row.
            "regies": (Regie.objects.filter(casus=casus_id, van__lt=voor).order_by("-van"), aantal, None, {
                "medewerker": ("first_name", "last_name", "username"), "organisatie": ("naam",),
                "casus": ("hoofdpersoon_id",), "casus__hoofdpersoon": Persoon.NAAM_VELDEN}),
            "evaluaties": (Evaluatie.objects.filter(casus=casus_id, gehouden_op__isnull=False, gehouden_op__lte=dag)
                           .order_by("-gehouden_op"), aantal, ("gehouden_op", "verslag")),
        }

    # One statement for every casus (the casus' key filled in at each use): compiled per casus it was a fifth of
    # the timeline's Python time under load, as a medewerker opens many files once.
    return eerste_rijen_van(bronnen, door=True, model=Casus, sleutel=("regie.tijdlijn", aantal, vandaag),
                            invullen={"casus_id": casus.pk})


def tijdlijn(casus, *, voor: datetime.datetime | None = None, aantal: int = 50, regies=None,
             evaluaties=None, rijen: dict[str, list] | None = None) -> list[Gebeurtenis]:
    """Everything that happened in a casus, newest first; `aantal` per page, older pages by `voor`.

    Each source is limited to `aantal` rows, so a file of years loads as fast as a new one; the status
    changes, contactmomenten and schalingen are read together in one query (eerste_rijen_van), or passed
    as `rijen` (read by the page with its other lists, of tijdlijn_bronnen with the same `voor` and `aantal`).
    A page that has read the casus' regies (all of them) or its evaluations (at least the `aantal` held
    last before `voor`: regie_evaluaties) passes them, and the timeline takes its rows from those.
    """
    if voor is None and regies is None and evaluaties is None and rijen is None:
        rijen = _eerste_pagina(casus, aantal=aantal)
        regies, evaluaties = rijen["regies"], rijen["evaluaties"]
    voor = voor or tijdlijn_voor()
    if regies is None:
        regies = (Regie.objects.filter(casus=casus, van__lt=voor)
                  .select_related("door", "medewerker", "organisatie", "casus__hoofdpersoon").order_by("-van")[:aantal])
    else:
        regies = sorted((r for r in regies if r.van < voor), key=lambda r: r.van, reverse=True)[:aantal]
    if evaluaties is None:
        evaluaties = (Evaluatie.objects.filter(casus=casus, gehouden_op__isnull=False,
                                               gehouden_op__lte=timezone.localtime(voor).date())
                      .select_related("door").order_by("-gehouden_op")[:aantal])
    else:
        evaluaties = sorted((e for e in evaluaties
                             if e.gehouden_op is not None and e.gehouden_op <= timezone.localtime(voor).date()),
                            key=lambda e: e.gehouden_op, reverse=True)[:aantal]
    if rijen is None:
        rijen = eerste_rijen_van(tijdlijn_bronnen(casus, voor=voor, aantal=aantal), door=True)
    bronnen = [
        (Gebeurtenis(o.op, "status", f"{o.get_naar_display()}" + (f": {_reden(o.reden)}" if o.reden else ""), o.door)
         for o in rijen["status"]),
        (
            Gebeurtenis(
                c.op,
                "contact",
                f"{c.get_soort_display()} met {c.met_wie}"
                + (f" ({c.duur_minuten} min.)" if c.duur_minuten else "")
                + (f" – {c.notitie}" if c.notitie else ""),
                c.door,
            )
            for c in rijen["contact"]
        ),
        (
            Gebeurtenis(
                _dt(s.op),
                "schaling",
                f"{s.get_richting_display()}: {s.get_naar_display().lower()}"
                + (f" ({s.ontvangende_partij})" if s.ontvangende_partij else "")
                + f" – {s.reden}",
                s.door,
                True,
            )
            for s in rijen["schaling"]
            if _dt(s.op) < voor
        ),
        (
            Gebeurtenis(
                _dt(e.gehouden_op),
                "evaluatie",
                f"Evaluatie gehouden{': ' + e.verslag if e.verslag else ''}",
                e.door,
                True,
            )
            for e in evaluaties
            if _dt(e.gehouden_op) < voor
        ),
        (
            Gebeurtenis(
                r.van, "regie", f"Regie: {r.get_houder_display()} {r.houder_naam} ({r.get_soort_display()})", r.door
            )
            for r in regies
        ),
    ]
    alles = sorted((g for bron in bronnen for g in bron), key=lambda g: g.op, reverse=True)
    return list(islice(alles, aantal))


def casussen_gedeeld_met(organisatie):
    """The open casussen an organisation may see now, the one rule for every outward surface (the
    partner API, issue 15): it is a betrokkene that has not ended, or holds the regie, and every member
    of the casus has consent in force to share with it (by the age rules), or the share rests on a
    recorded legal ground. Asked on every request, so a withdrawal takes effect on the next one."""
    from django.db.models import Exists, OuterRef

    from wijkregie.casus.toestemming import casus_toestemming_q

    betrokken = Betrokkene.objects.filter(casus_id=OuterRef("pk"), organisatie=organisatie, tot__isnull=True)
    regie = Regie.objects.filter(casus_id=OuterRef("pk"), organisatie=organisatie, tot__isnull=True)
    toestemming = casus_toestemming_q(scope="delen", organisatie_id=organisatie.pk)
    met_grondslag = Q(Exists(betrokken.exclude(grondslag=""))) | Q(Exists(regie.exclude(grondslag="")))
    return (Casus.objects.filter(gemeente_id=organisatie.gemeente_id).exclude(status=Status.AFGESLOTEN)
            .filter((Q(Exists(betrokken)) | Q(Exists(regie))) & (toestemming | met_grondslag)))


def regie_evaluaties(casus, *, aantal: int = 10, voor: datetime.datetime | None = None) -> tuple[list, list]:
    """The regie page's evaluations in one query: the `aantal` planned last (its table, newest first) and
    the `aantal` held last before `voor` (what tijdlijn shows of them; pass these as its `evaluaties`)."""
    voor = voor or tijdlijn_voor()
    gepland = casus.evaluaties.order_by("-gepland_op", "-pk").values("pk")[:aantal]
    gehouden = (casus.evaluaties.filter(gehouden_op__isnull=False, gehouden_op__lte=timezone.localtime(voor).date())
                .order_by("-gehouden_op", "-pk").values("pk")[:aantal])
    rijen = list(casus.evaluaties.filter(Q(pk__in=gepland) | Q(pk__in=gehouden)).select_related("door"))
    return sorted(rijen, key=lambda e: (e.gepland_op, e.pk), reverse=True)[:aantal], rijen


def huidige_regie(casus) -> Regie | None:
    return (
        casus.regies.filter(tot__isnull=True).select_related("medewerker", "organisatie", "vinger_aan_de_pols").first()
    )


def contact_begin(casus) -> datetime.datetime:
    """The earliest moment a contactmoment of this casus can have: when the casus opened or its first
    aanmelding came in, whichever was first (to the minute, as the form asks for it)."""
    begin = casus.geopend_op
    eerste = (
        Aanmelding.objects.filter(casus=casus).order_by("ontvangen_op").values_list("ontvangen_op", flat=True).first()
    )
    if eerste is not None and eerste < begin:
        begin = eerste
    return timezone.localtime(begin).replace(second=0, microsecond=0)


#: The safety signals of a casus as annotations on a Casus queryset (vlag_signalen): read with the casus itself
#: where a page asks for the flag anyway (the regie page), else by veiligheidsvlag in one query of its own.
VLAG_SIGNALEN = ("vlag_triage_op", "vlag_stap_op", "vlag_schaling_op", "vlag_consult_open", "vlag_analyse_id")


def vlag_signalen() -> dict:
    """VLAG_SIGNALEN as annotations for a Casus queryset: the first unsafe or doubtful triage, the latest
    meldcode step and escalation, an open safety consult, the latest safety analysis."""
    from django.db.models import Exists, OuterRef, Subquery

    casus_id = OuterRef("pk")
    return {
        "vlag_triage_op": Subquery(Triage.objects.filter(aanmelding__casus=casus_id, veiligheid__in=["ja", "twijfel"])
                                   .order_by("pk").values("op")[:1]),
        "vlag_stap_op": Subquery(MeldcodeStap.objects.filter(casus=casus_id).order_by("-op").values("op")[:1]),
        "vlag_schaling_op": Subquery(Schaling.objects.filter(casus=casus_id, richting=Richting.OP,
                                                             naar__in=["veilig_thuis", "jeugdbescherming"])
                                     .order_by("-op").values("op")[:1]),
        "vlag_consult_open": Exists(Consult.objects.filter(casus=casus_id, over_veiligheid=True,
                                                           advies_op__isnull=True)),
        "vlag_analyse_id": Subquery(Veiligheidsanalyse.objects.filter(casus=casus_id).order_by("-op")
                                    .values("pk")[:1]),
    }


def veiligheidsvlag(casus) -> bool:
    """A lasting safety flag: any safety signal in the file (an unsafe or doubtful triage, a meldcode
    step, escalation to Veilig Thuis or jeugdbescherming, an analysis with concern) that no later
    safety analysis without concern has lifted. The signals are read in one query, or with the casus
    (vlag_signalen); the latest analysis (who wrote it, and whether with concern) only when there is one."""
    if all(hasattr(casus, k) for k in VLAG_SIGNALEN):
        gelezen = {k: getattr(casus, k) for k in VLAG_SIGNALEN}
    else:
        gelezen = Casus.objects.filter(pk=casus.pk).annotate(**vlag_signalen()).values(*VLAG_SIGNALEN).first()
    rij = None if gelezen is None else {k.removeprefix("vlag_"): v for k, v in gelezen.items()}
    if rij is None:
        return False
    if rij["consult_open"]:
        return True  # the gedragswetenschapper has not answered yet
    signalen = [op for op in (rij["triage_op"], rij["stap_op"]) if op is not None]
    if rij["schaling_op"] is not None:
        signalen.append(timezone.make_aware(datetime.datetime.combine(rij["schaling_op"], datetime.time(23, 59))))
    laatste = (Veiligheidsanalyse.objects.select_related("door").get(pk=rij["analyse_id"])
               if rij["analyse_id"] is not None else None)
    if laatste is not None and laatste.zorg:
        signalen.append(laatste.op)
    if not signalen:
        return False
    # Only the gedragswetenschapper lifts a flag, with a later analysis without concern.
    return not (laatste and not laatste.zorg and laatste.op > max(signalen)
                and laatste.door is not None and laatste.door.has_perm("regie.veiligheidsvlag_opheffen"))
