"""Pages of the plan phase: vraagverheldering (ZRM), veiligheid, the plan and its PDF, consults; and the
plan's part of the casus page (casus owns that page; `plan_paneel` is registered on it)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkregie.casus.selectors import casus_gelezen, casus_zichtbaar
from wijkregie.casus.services import casus_view
from wijkregie.core.access import get_visible_or_404
from wijkregie.core.audit import audit_disclosure
from wijkregie.core.forms import keuzes_uit
from wijkregie.core.panelen import Paneel
from wijkregie.core.views_achtergrond import naar_achtergrond
from wijkregie.inwoners.models import Persoon
from wijkregie.organisatie.toegangsbeleid import Gegevens, toont

from . import selectors, services
from .achtergrond import PlanPdf
from .forms import (
    AdviesForm,
    AkkoordForm,
    ConsultForm,
    DoelForm,
    HuishoudenZrmForm,
    MeldcodeStapForm,
    PlanForm,
    RegelForm,
    TerOndertekeningForm,
    VeiligheidsanalyseForm,
)
from .models import AFWEGINGSKADER, VEILIGHEIDSVRAGEN, Arrangementregel, Doel, Ondersteuningsplan, PlanStatus


def _casus(request, pk: int):
    """The casus for its team's professionals (everything of the plan phase)."""
    if request.method in ("GET", "HEAD"):
        return casus_gelezen(request.user, pk)
    return get_visible_or_404(casus_zichtbaar(request.user, pk), pk=pk)


def _plan_casus(request, pk: int, soort: str = Gegevens.PLAN):
    """Also for a colleague the plan was offered to for signature: they see the plan and its PDF only."""
    casus = get_visible_or_404(selectors.plan_casussen_visible_to(request.user, soort), pk=pk)
    casus.team_lid = request.user.has_perm("casus.bewerken", casus)
    return casus


def _leden(request, casus):
    return selectors.casus_leden_visible_to(request.user, casus)


def _audit_lezen(request, casus, wat: str) -> None:
    casus_view(actor=request.user, casus=casus, wat=wat)


def plan_paneel(request, casus) -> Paneel:
    """The casus page's part of the plan phase: the current plan and the consults."""
    return Paneel("plan/_casus_plan.html", {
        "plan": selectors.huidig_plan(casus),
        "consulten": casus.consulten.select_related("gevraagd_aan", "gevraagd_door"),
    }, volgorde=20, gegevens=(Gegevens.PLAN,))


def _audit_leden(request, casus, leden, wat: str, *, object_type: str = "plan.zrmscore", object_id=None) -> None:
    """Every member shown besides the hoofdpersoon (whom casus_inzien records) is a disclosure of its own."""
    with transaction.atomic():
        audit_disclosure(
            actor=request.user,
            client_ids=[lid.pk for lid in leden if lid.pk != casus.hoofdpersoon_id],
            object_type=object_type,
            object_id=casus.pk if object_id is None else object_id,
            omschrijving=wat,
        )


def _vraagverheldering_pagina(request, casus, *, zrm_form=None, consult_form=None):
    """The vraagverheldering page, read (and audited) as it is; an action whose form did not validate
    passes it bound, so that the page shows its errors with what was typed."""
    if zrm_form is None:
        zrm_form = HuishoudenZrmForm.voor(None, user=request.user, casus=casus, met_datum=True)
    if consult_form is None:
        consult_form = ConsultForm(None, gemeente=request.user.gemeente, prefix="consult")
    _audit_lezen(request, casus, "vraagverheldering ingezien")
    leden = zrm_form.leden
    _audit_leden(request, casus, leden, "vraagverheldering: plan en ZRM")
    # The members' own words with the latest scores they were given with (the grid shows the levels);
    # one text given with several scores of one conversation is shown once, with its life domains.
    toelichting = []
    for lid in leden:
        teksten: dict[tuple, list] = {}
        for score in sorted((s for (pid, _l), s in zrm_form.laatste.items() if pid == lid.pk),
                            key=lambda s: (-s.datum.toordinal(), s.leefgebied.volgorde, s.leefgebied.naam)):
            if score.eigen_visie or score.eigen_kracht or score.notities:
                teksten.setdefault((score.datum, score.eigen_visie, score.eigen_kracht, score.notities), []).append(
                    score.leefgebied
                )
        if teksten:
            toelichting.append((lid, [(*sleutel, gebieden) for sleutel, gebieden in teksten.items()]))
    return render(
        request,
        "plan/vraagverheldering.html",
        {
            "mag_bewerken": request.user.has_perm("casus.bewerken", casus),
            "casus": casus,
            "zrm_form": zrm_form,
            "consult_form": consult_form,
            "leden": leden,
            "overzicht": selectors.zrm_overzicht(casus, leden, zrm_form.laatste),
            "toelichting": toelichting,
            "consulten": casus.consulten.select_related("gevraagd_aan", "gevraagd_door"),
        },
    )


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, over="casus")
@require_GET
def vraagverheldering(request, pk: int):
    """The household's ZRM and the consults. A consulent or teamleider reads; who works in the file scores
    (zrm_opslaan) and asks for a consult (consult_vragen)."""
    return _vraagverheldering_pagina(request, _casus(request, pk))


def _bewerkbaar(request, casus, perm: str = "casus.bewerken"):
    """The casus of an action, for who may change it (`perm`); who only reads gets 403."""
    if not request.user.has_perm(perm, casus):
        raise PermissionDenied
    return casus


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, over="casus", perm="casus.bewerken")
@require_POST
def zrm_opslaan(request, pk: int):
    """The household's grid in one save (only new or changed levels become scores); with `daarna=plan`
    the conversation goes on to the plan, whose concept is made here, not with another click."""
    casus = _bewerkbaar(request, _casus(request, pk))
    zrm_form = HuishoudenZrmForm.voor(request.POST, user=request.user, casus=casus, met_datum=True)
    if not zrm_form.is_valid():
        return _vraagverheldering_pagina(request, casus, zrm_form=zrm_form)
    try:
        scores = services.zrm_scores_record(actor=request.user, casus=casus, scores=zrm_form.nieuwe_scores())
    except ValidationError as error:
        zrm_form.add_error(None, error)
        return _vraagverheldering_pagina(request, casus, zrm_form=zrm_form)
    if scores:
        messages.success(
            request,
            ngettext("%(n)s score is vastgelegd.", "%(n)s scores zijn vastgelegd.", len(scores)) % {"n": len(scores)},
        )
    else:
        messages.info(request, _("Er is geen score veranderd: er is niets opgeslagen."))
    if request.POST.get("daarna") != "plan":
        return redirect("plan:vraagverheldering", pk=casus.pk)
    if selectors.huidig_plan(casus) is None:
        try:
            services.plan_create(actor=request.user, casus=casus)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("plan:plan", pk=casus.pk)


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, over="casus", perm="casus.bewerken")
@require_POST
def consult_request(request, pk: int):
    """A consult: a task for a colleague (the gedragswetenschapper), whose advice lands in the casus."""
    casus = _bewerkbaar(request, _casus(request, pk))
    form = ConsultForm(request.POST, gemeente=request.user.gemeente, prefix="consult")
    if form.is_valid():
        try:
            services.consult_request(actor=request.user, casus=casus, aan=form.cleaned_data["aan"],
                                    vraag=form.cleaned_data["vraag"])
        except ValidationError as error:
            for veld, fouten in getattr(error, "message_dict", {None: error.messages}).items():
                form.add_error(veld if veld in form.fields else None, fouten)
        else:
            messages.success(
                request,
                _("De consultvraag staat bij %(naam)s in de werkvoorraad.") % {"naam": form.cleaned_data["aan"]},
            )
            return redirect("plan:vraagverheldering", pk=casus.pk)
    return _vraagverheldering_pagina(request, casus, consult_form=form)


def _veiligheid_casus(request, pk: int):
    return get_visible_or_404(selectors.veiligheid_casussen_visible_to(request.user), pk=pk)


def _veiligheid_pagina(request, casus, *, analyse_form=None, stap_form=None):
    _audit_lezen(request, casus, "veiligheid ingezien")
    vragen = dict(VEILIGHEIDSVRAGEN)
    analyses = [
        (a, [(vragen.get(k, k), a.antwoorden[k]) for k in a.antwoorden])
        for a in casus.veiligheidsanalyses.select_related("door")
    ]
    kader = dict(AFWEGINGSKADER)
    stappen = [
        (s, [(kader.get(k, k), v) for k, v in (s.afwegingskader or {}).items()])
        for s in casus.meldcodestappen.select_related("door")
    ]
    return render(request, "plan/veiligheid.html", {
        "mag_bewerken": request.user.has_perm("casus.veiligheid_bewerken", casus), "casus": casus,
        "analyse_form": analyse_form if analyse_form is not None else VeiligheidsanalyseForm(None, prefix="va"),
        "stap_form": stap_form if stap_form is not None else MeldcodeStapForm(
            None, prefix="mc", eerdere_stappen=casus.meldcodestappen.order_by("op")),
        "analyses": analyses, "stappen": stappen,
    })


@toont(Gegevens.IDENTITEIT, Gegevens.TRIAGE, over="casus")
@require_GET
def veiligheid(request, pk: int):
    """The safety analyses and the meldcode's steps; recorded by veiligheidsanalyse_vastleggen and
    meldcodestap_vastleggen."""
    return _veiligheid_pagina(request, _veiligheid_casus(request, pk))


@toont(Gegevens.IDENTITEIT, Gegevens.TRIAGE, over="casus", perm="casus.veiligheid_bewerken")
@require_POST
def veiligheidsanalyse_vastleggen(request, pk: int):
    casus = _bewerkbaar(request, _veiligheid_casus(request, pk), "casus.veiligheid_bewerken")
    form = VeiligheidsanalyseForm(request.POST, prefix="va")
    if not form.is_valid():
        return _veiligheid_pagina(request, casus, analyse_form=form)
    analyse = services.veiligheidsanalyse_record(actor=request.user, casus=casus, antwoorden=form.antwoorden(),
                                                 toelichting=form.cleaned_data["toelichting"])
    if analyse.zorg:
        messages.warning(request, _("Er is twijfel of zorg: de gedragswetenschapper is om een consult gevraagd."))
    else:
        messages.success(request, _("De veiligheidsanalyse is vastgelegd."))
    return redirect("plan:veiligheid", pk=casus.pk)


@toont(Gegevens.IDENTITEIT, Gegevens.TRIAGE, over="casus", perm="casus.veiligheid_bewerken")
@require_POST
def meldcodestap_vastleggen(request, pk: int):
    casus = _bewerkbaar(request, _veiligheid_casus(request, pk), "casus.veiligheid_bewerken")
    form = MeldcodeStapForm(request.POST, prefix="mc", eerdere_stappen=casus.meldcodestappen.order_by("op"))
    if not form.is_valid():
        return _veiligheid_pagina(request, casus, stap_form=form)
    services.meldcodestap_record(actor=request.user, casus=casus, stap=form.save(commit=False))
    messages.success(request, _("De stap van de meldcode is vastgelegd."))
    return redirect("plan:veiligheid", pk=casus.pk)


@toont(Gegevens.IDENTITEIT)
def consulten(request):
    open_ = list(selectors.open_consulten_voor(request.user))
    with transaction.atomic():
        audit_disclosure(actor=request.user, object_type="plan.consult", omschrijving="consultvragen: identiteit",
                         client_ids=[c.casus.hoofdpersoon_id for c in open_ if c.casus.hoofdpersoon_id])
    return render(request, "plan/consulten.html", {"consulten": open_})


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, over="consult")
@require_http_methods(["GET", "POST"])
def consult(request, pk: int):
    consult = get_visible_or_404(selectors.consulten_visible_to(request.user), pk=pk)
    form = AdviesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consult_answer(actor=request.user, consult=consult, advies=form.cleaned_data["advies"])
        except ValidationError as error:
            raise PermissionDenied from error
        messages.success(request, _("Het advies is vastgelegd in de casus."))
        return redirect("plan:consulten")
    _audit_lezen(request, consult.casus, f"consult {consult.pk} ingezien")
    return render(request, "plan/consult.html", {"consult": consult, "form": form})


def _plan_context(request, casus, plan, *, plannen=None, **extra):
    """The plan page: the household (who, relation, age, the latest ZRM of each), goals for whom, lines.
    Each part is read once and shared by the tables and the forms (issue 17: every page within 15 queries)."""
    leden = selectors.gezinsleden_visible_to(request.user, casus)
    zichtbaar = {lid.pk for lid in leden}
    _audit_leden(request, casus, leden, f"plan versie {plan.versie}: gezinsleden en ZRM",
                 object_type="plan.ondersteuningsplan", object_id=plan.pk)
    doelen = list(plan.doelen.select_related("leefgebied", "persoon"))
    regels = list(plan.regels.select_related("voorziening", "medewerker", "voorkeursaanbieder", "doel__leefgebied",
                                             "beschikking_verzoek__beschikking"))
    laatste = selectors.laatste_scores(casus)
    forms_ = {
        "plan_form": PlanForm(instance=plan, gemeente=request.user.gemeente, prefix="plan"),
        # The next goal gets the next priority; the household can change the order.
        "doel_form": DoelForm(
            gemeente=request.user.gemeente,
            leden=Persoon.objects.filter(pk__in=zichtbaar),  # the members just read through the policy
            prefix="doel",
            initial={
                "prioriteit": len(doelen) + 1,
                "leefgebied": selectors.volgend_leefgebied(plan, laatste, doelen),
            },
        ),
        "akkoord_form": AkkoordForm(instance=plan, prefix="plan"),
        "regel_form": RegelForm(
            gemeente=request.user.gemeente,
            prefix="regel",
            doelen=plan.doelen.select_related("leefgebied"),
            # The goal a new afspraak most likely serves: the one written last (afspraken follow their goal).
            initial={"doel": max((d.pk for d in doelen), default=None), "medewerker": request.user.pk},
        ),
    }
    if "regel_form" not in extra:  # its goals are the plan's, just read (a bound form keeps its own)
        keuzes_uit(forms_["regel_form"].fields["doel"], doelen)
    forms_.update(extra)
    # Whose mandaat covers the plan matters while it can be signed; a signed plan shows who signed it.
    mandaat, niet_gedekt = (None, []) if plan.ondertekend else selectors.mandaat_voor(request.user, plan,
                                                                                     regels=regels)
    context = {
        "team_lid": getattr(casus, "team_lid", True),
        "casus": casus,
        "plan": plan,
        "versies": casus.plannen.all() if plannen is None else plannen,
        "leden": leden,
        "overzicht": selectors.zrm_overzicht(casus, leden, laatste),
        "doelen": doelen,
        "zichtbaar": zichtbaar,
        "regels": regels,
        "mijn_mandaat": mandaat,
        "niet_gedekt": niet_gedekt,
        "verschil": (selectors.verschil(plan.vorige, plan, zichtbaar=zichtbaar, doelen=doelen, regels=regels)
                     if plan.vorige_id else None),
        **forms_,
    }
    if niet_gedekt and not plan.ondertekend and "ter_ondertekening_form" not in extra:
        context["ter_ondertekening_form"] = TerOndertekeningForm(
            kandidaten=selectors.tekenbevoegden(plan), prefix="teken"
        )
    return context


def _plan_pagina(request, casus, plan, *, plannen=None, **forms_):
    """The plan page, read (and audited) as it is; an action whose form did not validate passes that form
    bound, so that the page shows its errors with what was typed."""
    _audit_lezen(request, casus, f"plan versie {plan.versie} ingezien")
    return render(request, "plan/plan.html", _plan_context(request, casus, plan, plannen=plannen, **forms_))


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, over="casus")
@require_GET
def plan(request, pk: int, versie: int | None = None):
    """The plan page: the current version, or an earlier one. Each of its forms posts to an action below."""
    casus = _plan_casus(request, pk)
    plannen = selectors.plannen_van(casus)  # every version in one query: the current one is the first
    if versie is None:
        if not plannen:
            return render(request, "plan/plan_leeg.html", {"casus": casus, "team_lid": casus.team_lid})
        plan = plannen[0]
    else:
        plan = next((p for p in plannen if p.versie == versie), None)
        if plan is None:
            raise Http404
    return _plan_pagina(request, casus, plan, plannen=plannen)


def _actie_plan(request, pk: int, versie: int, *, alleen_team: bool = True):
    """The casus and the plan version an action is about. The colleague asked to sign reads and signs;
    every other action is the team's (who works in the file)."""
    casus = _plan_casus(request, pk)
    if alleen_team and not casus.team_lid:
        raise PermissionDenied
    return casus, get_visible_or_404(casus.plannen.all(), versie=versie)


def _aanbod_ingetrokken(request, plan) -> None:
    """A change to a plan offered for signature takes the offer back (services._naar_concept): said here."""
    if plan.status == PlanStatus.TER_ONDERTEKENING and plan.ter_ondertekening_bij:
        messages.warning(
            request,
            _(
                "Het plan lag ter ondertekening bij %(naam)s. "
                "Door deze wijziging is dat ingetrokken: bied het opnieuw aan."
            )
            % {"naam": plan.ter_ondertekening_bij},
        )


def _naar_plan(request, casus, error: ValidationError | None = None):
    """Back to the plan page, with a refusal of the services as a message (a form's own errors show at its fields)."""
    if error is not None:
        messages.error(request, " ".join(error.messages))
    return redirect("plan:plan", pk=casus.pk)


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, over="casus", perm="casus.bewerken")
@require_POST
def plan_onderbouwing(request, pk: int, versie: int):
    """The plan's texts: why this help fits now, what was agreed with the household, what they disagree with."""
    casus, plan = _actie_plan(request, pk, versie)
    _aanbod_ingetrokken(request, plan)
    form = PlanForm(request.POST, instance=plan, gemeente=request.user.gemeente, prefix="plan")
    if not form.is_valid():
        return _plan_pagina(request, casus, plan, plan_form=form)
    try:
        services.plan_update(actor=request.user, plan=form.save(commit=False), velden=form.changed_data)
    except ValidationError as error:
        return _naar_plan(request, casus, error)
    messages.success(request, _("Het plan is opgeslagen."))
    return _naar_plan(request, casus)


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, over="casus", perm="casus.bewerken")
@require_POST
def doel_toevoegen(request, pk: int, versie: int):
    casus, plan = _actie_plan(request, pk, versie)
    _aanbod_ingetrokken(request, plan)
    form = DoelForm(request.POST, gemeente=request.user.gemeente, leden=_leden(request, casus), prefix="doel")
    if not form.is_valid():
        return _plan_pagina(request, casus, plan, doel_form=form)
    try:
        services.doel_save(actor=request.user, plan=plan, doel=form.save(commit=False))
    except ValidationError as error:
        return _naar_plan(request, casus, error)
    messages.success(request, _("Het doel is toegevoegd."))
    return _naar_plan(request, casus)


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, over="casus", perm="casus.bewerken")
@require_POST
def regel_toevoegen(request, pk: int, versie: int):
    """An afspraak (arrangementregel). A refused share (no consent for the preferred provider) is shown
    at the field, with what was typed."""
    casus, plan = _actie_plan(request, pk, versie)
    _aanbod_ingetrokken(request, plan)
    form = RegelForm(request.POST, gemeente=request.user.gemeente, prefix="regel",
                     doelen=plan.doelen.select_related("leefgebied"))
    if form.is_valid():
        try:
            services.regel_save(actor=request.user, plan=plan, regel=form.save(commit=False))
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                return _naar_plan(request, casus, error)
            for veld, fouten in error.message_dict.items():
                form.add_error(veld if veld in form.fields else None, fouten)
        else:
            messages.success(request, _("De regel is toegevoegd."))
            return _naar_plan(request, casus)
    return _plan_pagina(request, casus, plan, regel_form=form)


def _onderdeel_verwijderen(request, pk: int, versie: int, model, onderdeel_pk: int):
    casus, plan = _actie_plan(request, pk, versie)
    _aanbod_ingetrokken(request, plan)
    onderdeel = get_visible_or_404(model.objects.filter(plan=plan), pk=onderdeel_pk)
    try:
        services.onderdeel_delete(actor=request.user, plan=plan, onderdeel=onderdeel)
    except ValidationError as error:
        return _naar_plan(request, casus, error)
    return _naar_plan(request, casus)


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, over="casus", perm="casus.bewerken")
@require_POST
def doel_verwijderen(request, pk: int, versie: int, doel: int):
    return _onderdeel_verwijderen(request, pk, versie, Doel, doel)


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, over="casus", perm="casus.bewerken")
@require_POST
def regel_verwijderen(request, pk: int, versie: int, regel: int):
    return _onderdeel_verwijderen(request, pk, versie, Arrangementregel, regel)


def _tekenen(request, pk: int, versie: int, *, aanbieden: bool):
    """Signing, or offering the plan to a colleague with mandaat. The household's agreement is recorded in
    the same step: the team sends it along (bound when sent, or when the plan still lacks it, so that the
    error shows at its field); the colleague who signs only signs."""
    casus, plan = _actie_plan(request, pk, versie, alleen_team=aanbieden)
    stuurt_akkoord = "plan-akkoord_wijze" in request.POST or "plan-akkoord_op" in request.POST
    akkoord = (AkkoordForm(request.POST, instance=plan, prefix="plan")
               if casus.team_lid and (stuurt_akkoord or not (plan.akkoord_wijze and plan.akkoord_op)) else None)
    teken = (TerOndertekeningForm(request.POST, kandidaten=selectors.tekenbevoegden(plan), prefix="teken")
             if aanbieden else None)
    forms_ = {k: f for k, f in (("akkoord_form", akkoord), ("ter_ondertekening_form", teken)) if f is not None}
    if not all([f.is_valid() for f in forms_.values()]):  # every form validated: every error shown at once
        return _plan_pagina(request, casus, plan, **forms_)
    try:
        # The agreement is a fact of its own: kept even when the signature is refused (no mandaat: the plan is
        # then offered to a colleague, agreement and all). And the signing service audits a refusal in its own
        # transaction, which an enclosing one here would roll back with it.
        if akkoord is not None and akkoord.has_changed():
            services.plan_update(actor=request.user, plan=akkoord.save(commit=False), velden=akkoord.changed_data)
        if teken is None:
            services.plan_sign(actor=request.user, plan=plan)
        else:
            services.plan_offer_for_signing(actor=request.user, plan=plan, bij=teken.cleaned_data["bij"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _plan_pagina(request, casus, plan, **forms_)
    if teken is None:
        messages.success(request, _("Het plan is ondertekend."))
        if not casus.team_lid:
            # The colleague asked to sign saw this plan only while it waited for them; their list is where
            # they came from and the plan page would now say "Niet gevonden".
            return redirect("plan:te_tekenen")
    else:
        messages.success(
            request, _("Het plan ligt ter ondertekening bij %(naam)s.") % {"naam": teken.cleaned_data["bij"]}
        )
    return _naar_plan(request, casus)


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, over="casus")
@require_POST
def plan_sign(request, pk: int, versie: int):
    """Signing: by the team under a mandaat covering every maatwerk line, or by the colleague it was offered to."""
    return _tekenen(request, pk, versie, aanbieden=False)


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, over="casus", perm="casus.bewerken")
@require_POST
def plan_offer_for_signing(request, pk: int, versie: int):
    return _tekenen(request, pk, versie, aanbieden=True)


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, over="casus", perm="casus.bewerken")
@require_POST
def plan_new_version(request, pk: int, versie: int):
    """A change to a signed plan: the next concept version; the signed one stays as it was signed."""
    casus, plan = _actie_plan(request, pk, versie)
    try:
        nieuw = services.plan_new_version(actor=request.user, plan=plan)
    except ValidationError as error:
        return _naar_plan(request, casus, error)
    messages.success(
        request,
        _("Versie %(n)s is aangemaakt; versie %(o)s blijft zoals die is ondertekend.")
        % {"n": nieuw.versie, "o": plan.versie},
    )
    return _naar_plan(request, casus)


@toont(Gegevens.PLAN, over="casus", perm="casus.bewerken")
@require_POST
def plan_create(request, pk: int):
    casus = _casus(request, pk)
    if not request.user.has_perm("casus.bewerken", casus):
        raise PermissionDenied
    try:
        services.plan_create(actor=request.user, casus=casus)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("plan:plan", pk=casus.pk)


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, Gegevens.DOCUMENTEN, over="casus")
def plan_pdf(request, pk: int, versie: int):
    """The plan in plain Dutch for the household (WeasyPrint), made by the background worker
    (plan/achtergrond.py): the request checks access and queues it, the download is audited per member."""
    return naar_achtergrond(request, PlanPdf, pk=pk, versie=versie)


@toont(Gegevens.IDENTITEIT)
def te_tekenen(request):
    plannen = list(Ondersteuningsplan.objects.filter(
        gemeente_id=request.user.gemeente_id, ter_ondertekening_bij=request.user, status=PlanStatus.TER_ONDERTEKENING,
    ).select_related("casus", "casus__hoofdpersoon"))
    with transaction.atomic():
        audit_disclosure(actor=request.user, object_type="plan.ondersteuningsplan", omschrijving="ter ondertekening",
                         client_ids=[p.casus.hoofdpersoon_id for p in plannen if p.casus.hoofdpersoon_id])
    return render(request, "plan/te_tekenen.html", {"plannen": plannen})
