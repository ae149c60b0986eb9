"""Pages of the regie phase: regie, betrokkenen, contactmomenten, schalen, evaluaties, check-ins,
afsluiten and heropenen, the timeline, the werkvoorraad (start page) and the caseload."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkregie.casus.models import Status
from wijkregie.casus.selectors import casus_gelezen, casus_zichtbaar
from wijkregie.casus.services import casus_view
from wijkregie.core.access import get_visible_or_404
from wijkregie.core.audit import audit_disclosure
from wijkregie.core.forms import keuzes_uit
from wijkregie.core.panelen import Panelen
from wijkregie.organisatie import selectors as org_selectors
from wijkregie.organisatie.models import Rol
from wijkregie.organisatie.toegangsbeleid import Gegevens, toont
from wijkregie.plan.forms import HuishoudenZrmForm

from . import selectors, services
from .forms import (
    AfsluitenForm,
    BetrokkeneForm,
    ContactmomentForm,
    EvaluatieForm,
    HeropenenForm,
    RegieForm,
    SchalingForm,
    SnelContactForm,
)
from .models import CheckIn, ContactSoort, Evaluatie

#: Parts of the start page owned by apps above regie (the monitor's own figure for the policy officer):
#: registered in their ready(), so that a figure is computed where it is defined, once.
start_panelen = Panelen()
#: Cards of their own on the start page, owned by apps above regie (the backoffice's queue, a regisseur's
#: expiring indications), each asking the access policy itself.
start_kaarten = Panelen()


def _casus(request, pk, soort: str = Gegevens.CONTACTMOMENTEN, *, met_vlag: bool = False):
    """The regie pages show the course of the file: regie, betrokkenen and contactmomenten. `met_vlag`: with
    its safety signals (selectors.vlag_signalen), for a page that shows the safety flag."""
    if request.method in ("GET", "HEAD") and not met_vlag:
        return casus_gelezen(request.user, pk, soort)
    qs = casus_zichtbaar(request.user, pk, soort)
    return get_visible_or_404(qs.annotate(**selectors.vlag_signalen()) if met_vlag else qs, pk=pk)


def contact_paneel(request, casus):
    """The casus page's one line for a light contactmoment, for whoever works in a running file."""
    if casus.status == Status.AFGESLOTEN or not request.user.has_perm("casus.bewerken", casus):
        return None
    from wijkregie.core.panelen import Paneel

    return Paneel("regie/_snel_contact.html", {"snel_contact_form": _snel_contact_form(casus)}, volgorde=5)


def _snel_contact_form(casus, data=None) -> SnelContactForm:
    return SnelContactForm(data, prefix="snel", met_wie=casus.hoofdpersoon.naam if casus.hoofdpersoon_id else "")


@toont(Gegevens.CONTACTMOMENTEN, over="casus", perm="casus.bewerken")
@require_POST
def snel_contact(request, pk: int):
    """A contactmoment in one line from the casus page. With htmx only its line is replaced; without,
    a failed one shows on a page of its own with what was typed."""
    casus = _casus(request, pk)
    if not request.user.has_perm("casus.bewerken", casus):
        raise PermissionDenied
    form = _snel_contact_form(casus, request.POST)
    if casus.status == Status.AFGESLOTEN:
        form.is_valid()
        form.add_error(None, _("Deze casus is afgesloten: heropen haar eerst bij Regie en voortgang."))
    elif form.is_valid():
        contact = form.save(commit=False)
        contact.met_wie = contact.met_wie or form.fields["met_wie"].initial
        try:
            services.contactmoment_register(actor=request.user, casus=casus, contact=contact)
        except ValidationError as error:
            for veld, fouten in getattr(error, "message_dict", {None: error.messages}).items():
                form.add_error(veld if veld in form.fields else None, fouten)
        else:
            messages.success(request, _("Het contactmoment is vastgelegd."))
            if request.POST.get("terug") == "start":
                return redirect("start")
            if request.htmx:
                form = _snel_contact_form(casus)  # a fresh line for the next one
            else:
                return redirect("casus:casus", pk=casus.pk)
    return render(request, "regie/snel_contact.html", {"casus": casus, "p": {"snel_contact_form": form}})


@toont(Gegevens.IDENTITEIT, Gegevens.CONTACTMOMENTEN, perm="casus.lijst")
@require_POST
def contact_vastleggen(request):
    """The werkvoorraad's one line: a contactmoment for one of the user's running casussen, chosen in the
    line itself; then exactly as from the casus page (snel_contact: the casus through the policy)."""
    if not request.user.has_perm("casus.lijst"):
        raise PermissionDenied
    pk = request.POST.get("casus", "")
    if not (pk.isascii() and pk.isdigit()):
        # The start page again, the error at the casus field and what was typed kept in the line.
        return _start_pagina(request, snel_contact={
            "fout": _("Kies over welke casus het contact ging."),
            "soort": request.POST.get("snel-soort", ""), "notitie": request.POST.get("snel-notitie", ""),
        })
    return snel_contact(request, int(pk))


def _lezen(request, casus, wat):
    casus_view(actor=request.user, casus=casus, wat=wat, soort="contactmomenten")


@toont(Gegevens.IDENTITEIT)
def start(request):
    """The start page: the werkvoorraad first (acute items on top), then each role's own blocks."""
    return _start_pagina(request)


def _start_pagina(request, snel_contact: dict | None = None):
    """The start page; `snel_contact` is the one-line contact that could not be recorded, typed text and error."""
    user = request.user
    vandaag = timezone.localdate()
    context = {"rollen": user.rollen if user.gemeente_id else frozenset(), "Rol": Rol}
    if user.gemeente_id is None:
        return render(request, "organisatie/start_zonder_gemeente.html", context)
    # The page shows only the team and the hours of the user's own memberships: no colleagues' roles and
    # wijken. The same rows are the user's teams for every visibility rule below, so team_ids_of need not
    # read them again.
    organisatie = org_selectors.start_organisatie(user, peildatum=vandaag)
    lidmaatschappen, eigen_mandaten = organisatie.leden, organisatie.mandaten
    if vandaag == datetime.date.today():
        user._team_ids = [lid.team_id for lid in lidmaatschappen]
    # The bureaudienst's queue begins on its start page (its next step one click away), read with the rest.
    werk = selectors.werkvoorraad(user, lopende=user.has_perm("casus.lijst"),
                                  wachtrij=user.has_perm("toegang.toedelen"))
    if user.has_perm("toegang.toedelen"):
        context["contactpersonen"] = org_selectors.contactpersonen_per_wijk(user)
    context.update(
        lidmaatschappen=lidmaatschappen,
        focuswijken=organisatie.focuswijken,
        mijn_mandaten=[m for m in eigen_mandaten if m.geldig_op(vandaag)],
        ongeldige_mandaten=[
            m for m in eigen_mandaten if not m.geldig_op(vandaag) and (m.geldig_tot is None or m.geldig_tot >= vandaag)
        ],
        werk=werk,
        vandaag=vandaag,
        panelen=start_panelen.voor(request, user),
        kaarten=start_kaarten.voor(request, user),
    )
    if organisatie.teams is not None:
        context["teams"] = organisatie.teams
    if user.has_perm("monitor.wijkcijfers"):
        wijken = list(org_selectors.wijken_visible_to(user))
        context.update(wijken=wijken, totalen=org_selectors.gemeente_totalen(wijken))
    if werk.wachtrij is not None:
        context["wachtrij"], context["wachtrij_aantal"] = werk.wachtrij, werk.wachtrij_aantal
    if user.has_perm("casus.lijst"):
        # A contactmoment in one line from the werkvoorraad: the casus is chosen in the line itself.
        context["mijn_casussen"] = werk.lopende
        context["contact_soorten"] = ContactSoort.choices
        context["snel"] = snel_contact or {"soort": ContactSoort.TELEFOON}
    clienten = {
        c.hoofdpersoon_id
        for lijst in (context["werk"].evaluaties, context["werk"].checkins, context["werk"].ongetekende_plannen)
        for c in (x.casus for x in lijst)
        if c.hoofdpersoon_id
    }
    clienten |= {a.persoon_id for a in context["werk"].nieuw_toegedeeld if a.persoon_id}
    clienten |= {h.casus.hoofdpersoon_id for h in context["werk"].herinneringen if h.casus.hoofdpersoon_id}
    clienten |= {a.persoon_id for a in context["werk"].alarmen if a.persoon_id}
    clienten |= {a.persoon_id for a in context.get("wachtrij", []) if a.persoon_id}
    clienten |= {c.hoofdpersoon_id for c in context.get("mijn_casussen", []) if c.hoofdpersoon_id}
    clienten |= {c.casus.hoofdpersoon_id for c in context["werk"].consulten if c.casus.hoofdpersoon_id}
    clienten |= {
        p.casus.hoofdpersoon_id for p in context["werk"].te_tekenen if p.casus.hoofdpersoon_id and p.naam_zichtbaar
    }
    with transaction.atomic():  # names on the start page are a disclosure too: one event per client
        audit_disclosure(actor=user, client_ids=sorted(clienten), object_type="regie.werkvoorraad",
                         omschrijving="werkvoorraad: identiteit")
    return render(request, "organisatie/start.html", context)


#: The forms of the regie page, each posting to an action of its own (below): unbound on the page, bound
#: with what was typed when the action re-renders the page with its errors.
FORMULIEREN = ("regie_form", "betrokkene_form", "contact_form", "schaling_form", "afsluiten_form", "heropenen_form")


def _formulier(sleutel: str, casus, gemeente, data=None):
    return {
        "regie_form": lambda: RegieForm(data, prefix="regie", gemeente=gemeente, team=casus.team),
        "betrokkene_form": lambda: BetrokkeneForm(data, prefix="betr", gemeente=gemeente),
        "contact_form": lambda: ContactmomentForm(data, prefix="contact"),
        "schaling_form": lambda: SchalingForm(data, prefix="schaal", gemeente=gemeente),
        "afsluiten_form": lambda: AfsluitenForm(data, prefix="afsluiten"),
        "heropenen_form": lambda: HeropenenForm(data, prefix="heropenen"),
    }[sleutel]()


def _regie_pagina(request, casus, **bound):
    """The regie page, read (and audited) as it is, with an action's form that did not validate. Each part
    is read once and shared: the regies by the card, the history and the timeline; the evaluations by
    their table and the timeline; the organisations and the team by every form that offers them."""
    _lezen(request, casus, "regie ingezien")
    if bound:
        casus.refresh_from_db()  # a refused action may have changed the object in memory
        for signaal in selectors.VLAG_SIGNALEN:  # and its safety signals are read again
            casus.__dict__.pop(signaal, None)
    formulieren = {s: bound[s] if s in bound else _formulier(s, casus, request.user.gemeente) for s in FORMULIEREN}
    mag_bewerken = request.user.has_perm("casus.bewerken", casus)
    regies = list(casus.regies.select_related("medewerker", "organisatie", "vinger_aan_de_pols", "door"))
    for r in regies:
        r.casus = casus
    voor = selectors.tijdlijn_voor()
    # The timeline's sources and the closings (for the reopenings) in one query.
    rijen = selectors.eerste_rijen_van({
        **selectors.tijdlijn_bronnen(casus, voor=voor, aantal=10),
        "afsluitingen": (casus.afsluitingen.order_by("-op"), 5, ("op", "heropend_op")),
    }, door=True)
    evaluaties, tijdlijn_evaluaties = selectors.regie_evaluaties(casus, aantal=10, voor=voor)
    veiligheidsvlag = selectors.veiligheidsvlag(casus)
    open_ = casus.status != Status.AFGESLOTEN
    if open_ and mag_bewerken:  # the forms are shown: each list of choices read once for all of them
        _gedeelde_keuzes(formulieren, request.user.gemeente)
    return render(request, "regie/regie.html", {
        "casus": casus, "huidige_regie": next((r for r in regies if r.tot is None), None),
        "regies": regies,
        "betrokkenen": casus.betrokkenen.select_related("organisatie"),
        "evaluaties": evaluaties,
        "checkins": casus.checkins.filter(vervallen=False).select_related("medewerker").order_by("gepland_op")[:20],
        "tijdlijn": selectors.tijdlijn(casus, voor=voor, aantal=10, regies=regies, evaluaties=tijdlijn_evaluaties,
                                       rijen=rijen),
        "afsluitingen": sorted(rijen["afsluitingen"], key=lambda a: a.op, reverse=True),
        "veiligheidsvlag": veiligheidsvlag,
        "open": open_,
        "mag_bewerken": mag_bewerken,
        "kan_afsluiten": mag_bewerken and open_ and (
            not veiligheidsvlag or request.user.has_perm("regie.veiligheidsvlag_opheffen")),
        "kan_heropenen": mag_bewerken and casus.status in (Status.AFGESLOTEN, Status.AFGESCHAALD),
        **formulieren,
    })


def _gedeelde_keuzes(formulieren: dict, gemeente) -> None:
    """The gemeente's organisations (regie, betrokkene, schaling) and the team's medewerkers (regisseur,
    vinger aan de pols) read once for the page's forms, each form still validating against its own queryset."""
    regie_form = formulieren["regie_form"]
    organisaties = list(regie_form.fields["organisatie"].queryset)
    medewerkers = list(regie_form.fields["medewerker"].queryset)
    keuzes_uit(regie_form.fields["medewerker"], medewerkers)
    keuzes_uit(regie_form.fields["vinger_aan_de_pols"], medewerkers)
    for naam in ("regie_form", "betrokkene_form", "schaling_form"):  # each: Organisatie of the gemeente
        keuzes_uit(formulieren[naam].fields["organisatie"], organisaties)


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, Gegevens.CONTACTMOMENTEN, over="casus")
@require_GET
def regie(request, pk: int):
    """Regie and voortgang: the regisseur, the latest events, evaluations, check-ins, betrokkenen; each of
    its forms posts to an action below."""
    return _regie_pagina(request, _casus(request, pk, met_vlag=True))


def _regie_actie(request, pk: int, sleutel: str, uitvoeren, melding: str):
    """One action of the regie page: its form validated, the service called (`uitvoeren(casus, form)`) in
    one transaction; a refusal of the service shown at the form's field, the page re-rendered with what
    was typed; on success back to the page with `melding`."""
    casus = _casus(request, pk)
    if not request.user.has_perm("casus.bewerken", casus):
        raise PermissionDenied  # reading the course of a file is not working in it
    form = _formulier(sleutel, casus, request.user.gemeente, request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                uitvoeren(casus, form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for veld, fouten in error.message_dict.items():
                    form.add_error(veld if veld in form.fields else None, fouten)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, melding)
            return redirect("regie:regie", pk=casus.pk)
    return _regie_pagina(request, casus, **{sleutel: form})


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, Gegevens.CONTACTMOMENTEN, over="casus", perm="casus.bewerken")
@require_POST
def regie_transfer(request, pk: int):
    def uitvoeren(casus, form):
        services.regie_transfer(actor=request.user, casus=casus, regie=form.save(commit=False))
    return _regie_actie(request, pk, "regie_form", uitvoeren, _("De regie is overgedragen."))


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, Gegevens.CONTACTMOMENTEN, over="casus", perm="casus.bewerken")
@require_POST
def betrokkene_add(request, pk: int):
    def uitvoeren(casus, form):
        services.betrokkene_add(actor=request.user, casus=casus, betrokkene=form.save(commit=False))
    return _regie_actie(request, pk, "betrokkene_form", uitvoeren, _("De betrokkene is toegevoegd."))


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, Gegevens.CONTACTMOMENTEN, over="casus", perm="casus.bewerken")
@require_POST
def contactmoment_vastleggen(request, pk: int):
    def uitvoeren(casus, form):
        services.contactmoment_register(actor=request.user, casus=casus, contact=form.save(commit=False))
    return _regie_actie(request, pk, "contact_form", uitvoeren, _("Het contactmoment is vastgelegd."))


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, Gegevens.CONTACTMOMENTEN, over="casus", perm="casus.bewerken")
@require_POST
def casus_scale(request, pk: int):
    def uitvoeren(casus, form):
        services.casus_scale(actor=request.user, casus=casus, schaling=form.save(commit=False))
    return _regie_actie(request, pk, "schaling_form", uitvoeren, _("De schaling is vastgelegd."))


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, Gegevens.CONTACTMOMENTEN, over="casus", perm="casus.bewerken")
@require_POST
def afsluiten(request, pk: int):
    def uitvoeren(casus, form):
        services.casus_close(actor=request.user, casus=casus, reden=form.cleaned_data["reden"],
                                 toelichting=form.cleaned_data["toelichting"])
    return _regie_actie(
        request,
        pk,
        "afsluiten_form",
        uitvoeren,
        _(
            "De casus is afgesloten. De inwoner kan nu de vragenlijst over de ervaring invullen: "
            "de link staat onder Cliëntervaring."
        ),
    )


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, Gegevens.CONTACTMOMENTEN, over="casus", perm="casus.bewerken")
@require_POST
def heropenen(request, pk: int):
    def uitvoeren(casus, form):
        services.casus_reopen(actor=request.user, casus=casus, reden=form.cleaned_data["reden"])
    return _regie_actie(request, pk, "heropenen_form", uitvoeren, _("De casus is heropend."))


@toont(Gegevens.IDENTITEIT, Gegevens.CONTACTMOMENTEN, over="casus")
def tijdlijn(request, pk: int):
    casus = _casus(request, pk)
    try:  # a hand-made ?voor= (no offset, 30 februari) pages from the start instead of failing
        voor = parse_datetime(request.GET.get("voor", "") or "") or None
    except ValueError:
        voor = None
    if voor is not None and timezone.is_naive(voor):
        voor = timezone.make_aware(voor)
    gebeurtenissen = selectors.tijdlijn(casus, voor=voor, aantal=50)
    _lezen(request, casus, "tijdlijn ingezien")
    return render(request, "regie/tijdlijn.html", {
        "casus": casus, "gebeurtenissen": gebeurtenissen,
        "ouder": gebeurtenissen[-1].op.isoformat() if len(gebeurtenissen) == 50 else None,
    })


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, over="evaluatie")
@require_http_methods(["GET", "POST"])
def evaluatie(request, pk: int):
    """Held with the household: every goal judged, and every member's ZRM re-scored in the household's
    grid (the vraagverheldering's form; only new or changed levels become new scores)."""
    evaluatie = get_visible_or_404(
        Evaluatie.objects.zichtbaar_voor(request.user, Gegevens.PLAN).select_related(
            "casus", "casus__hoofdpersoon", "plan"), pk=pk)
    casus = evaluatie.casus
    if request.method == "POST" and not request.user.has_perm("casus.bewerken", casus):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    zrm_form = HuishoudenZrmForm.voor(data, user=request.user, casus=casus)
    form = EvaluatieForm(data, doelen=evaluatie.plan.doelen.select_related("leefgebied", "persoon"),
                         zichtbaar={lid.pk for lid in zrm_form.leden},
                         initial={"volgende_op": timezone.localdate() + services.evaluatie_interval()})
    if data is not None and all([form.is_valid(), zrm_form.is_valid()]):  # both validated: every error shown at once
        beoordelingen = {d: form.cleaned_data[f"doel_{d.pk}"] for d in form.doelen}
        try:
            services.evaluatie_hold(
                actor=request.user,
                evaluatie=evaluatie,
                beoordelingen=beoordelingen,
                verslag=form.cleaned_data["verslag"],
                met_inwoner=form.cleaned_data["met_inwoner"],
                zrm=zrm_form.nieuwe_scores(),
                volgende_op=form.cleaned_data["volgende_op"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De evaluatie is vastgelegd."))
            return redirect("regie:regie", pk=casus.pk)
    _lezen(request, casus, f"evaluatie {evaluatie.pk} ingezien")
    mag_bewerken = request.user.has_perm("casus.bewerken", casus)
    if mag_bewerken:  # the grid shows every member's ZRM: each member besides the hoofdpersoon is a disclosure
        with transaction.atomic():
            audit_disclosure(
                actor=request.user,
                client_ids=[lid.pk for lid in zrm_form.leden if lid.pk != casus.hoofdpersoon_id],
                object_type="plan.zrmscore",
                object_id=casus.pk,
                omschrijving=f"evaluatie {evaluatie.pk}: ZRM van het huishouden",
            )
    return render(
        request,
        "regie/evaluatie.html",
        {"casus": casus, "evaluatie": evaluatie, "form": form, "zrm_form": zrm_form, "mag_bewerken": mag_bewerken},
    )


@toont(Gegevens.CONTACTMOMENTEN, over="checkin", perm="casus.bewerken")
@require_POST
def checkin(request, pk: int):
    checkin = get_visible_or_404(
        CheckIn.objects.zichtbaar_voor(request.user, Gegevens.CONTACTMOMENTEN).select_related("casus"), pk=pk)
    if not request.user.has_perm("casus.bewerken", checkin):
        raise PermissionDenied
    try:
        services.checkin_complete(actor=request.user, checkin=checkin, notitie=request.POST.get("notitie", "")[:1000])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De check-in is vastgelegd."))
    if request.POST.get("terug") == "start":
        return redirect("start")
    return redirect("regie:regie", pk=checkin.casus_id)


@toont(perm="regie.caseload")
def caseload(request):
    """Counts per medewerker and stage: the teamleider's view of the work, no resident is shown."""
    if not request.user.has_perm("regie.caseload"):
        raise PermissionDenied
    teams = list(org_selectors.teams_visible_to(request.user))
    rijen = selectors.caseload(request.user, teams)
    # A casus opens at allocation (after triage): aangemeld and in triage are aanmelding states.
    statussen = [s for s in Status if s not in (Status.AFGESLOTEN, Status.AANGEMELD, Status.IN_TRIAGE)]
    for rij in rijen:
        rij["kolommen"] = [rij["per_status"].get(s.value, 0) for s in statussen]
    return render(request, "regie/caseload.html", {"rijen": rijen, "statussen": statussen})
