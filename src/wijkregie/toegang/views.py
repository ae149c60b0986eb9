"""Pages of the toegang: register an aanmelding on one page, triage, allocate, follow the wait."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkregie.casus.selectors import casus_toont
from wijkregie.core.access import get_visible_or_404
from wijkregie.core.audit import AuditActie, audit_disclosure, audit_log
from wijkregie.core.forms import keuzes_uit
from wijkregie.core.panelen import Paneel
from wijkregie.inwoners import selectors as inwoners_selectors
from wijkregie.inwoners.forms import GezinsledenFormSet, SnellePersoonForm
from wijkregie.inwoners.models import Lidmaatschap
from wijkregie.inwoners.services import persoon_create
from wijkregie.inwoners.views import audit_bsn_controle
from wijkregie.inwoners.zoeklimiet import mogelijke_dubbelen_beperkt, personen_zoeken_beperkt
from wijkregie.organisatie.models import Rol
from wijkregie.organisatie.selectors import teams_visible_to
from wijkregie.organisatie.toegangsbeleid import Gegevens, toont

from . import selectors, services
from .forms import AanmeldingForm, RedenForm, SignaalForm, ToedelingForm, TriageForm
from .models import AanmeldingStatus


@toont(Gegevens.IDENTITEIT, perm="inwoners.registreren")
@require_http_methods(["GET", "POST"])
def aanmelding_nieuw(request):
    """One page: channel, who asks, for whom (find, new or anonymous), the question, and the outcome."""
    user = request.user
    if not user.has_perm("inwoners.registreren"):
        raise PermissionDenied
    personen = inwoners_selectors.personen_visible_to(user)
    data = request.POST or None
    # The most likely channel for this role: one click fewer for the KCC on the phone.
    initial = {"kanaal": "telefoon" if user.heeft_rol(Rol.KCC) else "inloop"}
    if request.method == "GET" and request.GET.get("persoon"):
        initial["persoon"] = request.GET["persoon"]
    if request.method == "POST" and request.POST.get("actie") in ("zoeken", "meer_leden"):
        # Searching or adding a household row is not submitting: keep what was typed, judge nothing yet.
        data, initial = None, {k: v for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken", "actie")}
    form = AanmeldingForm(data, personen=personen, gemeente=user.gemeente, initial=initial,
                          vind_persoon=lambda pk: inwoners_selectors.persoon_zichtbaar(user, pk))
    nieuw = SnellePersoonForm(data, prefix="nieuw", gemeente=user.gemeente, zichtbaar=personen,
                              # Only what was typed: the empty fields of a search's post must not open the section.
                              initial={k[6:]: v for k, v in initial.items() if k.startswith("nieuw-") and v})
    # The new resident's household, row by row ("Nog een gezinslid" adds a row).
    if data is not None and "lid-TOTAL_FORMS" in data:
        leden = GezinsledenFormSet(data, prefix="lid")
    elif data is not None:
        leden = GezinsledenFormSet(prefix="lid", initial=[])  # a post without the rows: none typed
        leden.extra = 0
    else:
        rijen = _gezinsleden_uit(request.POST) if request.method == "POST" else []
        leden = GezinsledenFormSet(prefix="lid", initial=rijen or None)
        if rijen:
            leden.extra = 1
    zoek = (request.POST.get("zoek") if request.method == "POST" else request.GET.get("zoek", "")) or ""
    zoekresultaat = personen_zoeken_beperkt(user, zoek, omschrijving="zoekresultaat bij aanmelding")
    gevonden = zoekresultaat.personen
    if data is not None:
        form_ok, nieuw_ok, leden_ok = form.is_valid(), nieuw.is_valid(), not leden.is_bound or leden.is_valid()
        audit_bsn_controle(user, nieuw)
        if form_ok and leden_ok and form.cleaned_data.get("persoon") and any(r.ingevuld() for r in leden):
            # Rows typed, then a known resident chosen: say so rather than drop the rows.
            form.add_error(None, _("U koos een bekende inwoner: gezinsleden voegt u dan toe op de pagina Huishouden "
                                   "van die inwoner. Maak de regels leeg, of registreer een nieuwe inwoner."))
            form_ok = False
        if form_ok and nieuw_ok and leden_ok:
            kandidaat = None
            if not form.cleaned_data.get("persoon") and nieuw.ingevuld():
                kandidaat = nieuw.save(commit=False)
                if not nieuw.cleaned_data.get("toch_nieuw"):
                    dubbelen = mogelijke_dubbelen_beperkt(user, kandidaat)
                    if dubbelen:
                        nieuw.toon_dubbelen(dubbelen)
                        kandidaat = False
            if kandidaat is not False:
                try:
                    with transaction.atomic():
                        aanmelding = form.save(commit=False)
                        if kandidaat is not None:
                            aanmelding.persoon = persoon_create(actor=user, persoon=kandidaat,
                                                                gezag=form.cleaned_data.get("hoofd_gezag", False))
                            _gezinsleden_registreren(user, aanmelding.persoon, kandidaat, leden)
                        services.aanmelding_register(
                            actor=user, aanmelding=aanmelding,
                            naar_bureaudienst=form.cleaned_data["afhandeling"] == "bureaudienst",
                        )
                except ValidationError as error:
                    if not leden.total_error_count():  # a row's error is on its row; nothing was saved
                        form.add_error(None, error)
                else:
                    if not selectors.aanmelding_toont(user, aanmelding.pk, Gegevens.VRAAG):
                        # Handed to the household's team at once. Whoever may not see that file is not told
                        # that it exists (a running casus is itself special-category data): the next call.
                        # Its number only (what the caller may quote when they call again): nothing of the file.
                        messages.success(request, _("De aanmelding is geregistreerd en doorgezet (aanmelding "
                                                    "%(n)s).") % {"n": aanmelding.pk})
                        return redirect("toegang:aanmelding_nieuw")
                    if aanmelding.casus_id:
                        messages.success(request, _("De aanmelding is geregistreerd en toegevoegd aan de lopende casus "
                                                    "van het huishouden (team %(team)s).") % {"team": aanmelding.team})
                    else:
                        messages.success(request, _("De aanmelding is geregistreerd."))
                    return redirect("toegang:aanmelding", pk=aanmelding.pk)
    gekozen = None
    if form["persoon"].value():
        # The resident the form's cleaning found (a failed post shows them again), else the one ?persoon=N names.
        gekozen = getattr(form, "cleaned_data", {}).get("persoon") or inwoners_selectors.persoon_zichtbaar(
            user, form["persoon"].value())
        if gekozen is not None:
            # The chosen resident is shown on the form (?persoon=N from the person page): a disclosure.
            with transaction.atomic():
                audit_disclosure(actor=user, client_ids=[gekozen.pk], object_type="inwoners.persoon",
                                 omschrijving="aanmeldformulier: identiteit")
    return render(request, "toegang/aanmelding_nieuw.html", {
        "form": form, "nieuw": nieuw, "zoek": zoek, "gevonden": gevonden, "gekozen": gekozen,
        "zoekfout": zoekresultaat.fout, "leden": leden,
    })


def _gezinsleden_uit(post) -> list[dict]:
    """The household rows typed so far (kept when searching or adding a row)."""
    rijen = []
    for i in range(
        min(int(post.get("lid-TOTAL_FORMS") or 0) if str(post.get("lid-TOTAL_FORMS", "0")).isdigit() else 0, 12)
    ):
        rij = {
            veld: post.get(f"lid-{i}-{veld}", "") for veld in ("voornamen", "achternaam", "geboortedatum", "relatie")
        }
        rij["gezag"] = bool(post.get(f"lid-{i}-gezag"))
        if any(rij[v] for v in ("voornamen", "achternaam", "geboortedatum")):
            rijen.append(rij)
    return rijen


def _gezinsleden_registreren(user, hoofd, kandidaat, leden) -> None:
    """Registers the typed members in the new resident's household, at the same address; each checked
    like a member added on the household page (a parent younger than a child is refused at its row).
    Raises ValidationError after putting the error on the row: the caller's transaction saves nothing."""
    from wijkregie.inwoners.models import Lidmaatschap, Persoon
    from wijkregie.inwoners.services import lidmaatschap_check

    huishouden = Lidmaatschap.objects.get(persoon=hoofd).huishouden
    fout = False
    for rij in (leden if leden.is_bound else []):
        if not rij.ingevuld():
            continue
        d = rij.cleaned_data
        lid = Persoon(gemeente_id=user.gemeente_id, voornamen=d["voornamen"].strip(),
                      tussenvoegsel="" if d["achternaam"].strip() else kandidaat.tussenvoegsel,
                      achternaam=d["achternaam"].strip() or kandidaat.achternaam, geboortedatum=d["geboortedatum"],
                      straat=kandidaat.straat, huisnummer=kandidaat.huisnummer, postcode=kandidaat.postcode,
                      woonplaats=kandidaat.woonplaats)
        try:
            lidmaatschap_check(huishouden=huishouden, persoon=lid, relatie=d["relatie"], gezag=d["gezag"])
        except ValidationError as error:
            for veld, fouten in error.message_dict.items():
                rij.add_error(veld if veld in rij.fields else None, fouten)
            fout = True
            continue
        persoon_create(actor=user, persoon=lid, huishouden=huishouden, relatie=d["relatie"], gezag=d["gezag"])
    if fout:
        raise ValidationError(_("Controleer de gezinsleden."))


def aanmeldingen_paneel(request, persoon) -> Paneel | None:
    """The person page's part of the toegang: the aanmeldingen the user may see the question of."""
    aanmeldingen = list(selectors.aanmeldingen_visible_to(request.user).filter(persoon=persoon))
    if not aanmeldingen:
        return None
    return Paneel("toegang/_persoon_aanmeldingen.html", {"aanmeldingen": aanmeldingen}, volgorde=40,
                  gegevens=(Gegevens.VRAAG,))


def _aanmelding_context(user, aanmelding, **extra) -> dict:
    """What the aanmelding page shows, as the policy allows it at this stage (the triage never to the
    KCC, how to reach the asker only with the contact kind), and the reading audited as such."""
    getoond = selectors.aanmelding_toont(user, aanmelding.pk, Gegevens.TRIAGE, Gegevens.CONTACT)
    toon_triage, toon_contact = Gegevens.TRIAGE in getoond, Gegevens.CONTACT in getoond
    services.aanmelding_view(actor=user, aanmelding=aanmelding, met_triage=toon_triage)
    return {
        "aanmelding": aanmelding, "triage": getattr(aanmelding, "triage", None) if toon_triage else None,
        "toon_triage": toon_triage, "mag_triage": toon_triage and user.has_perm("toegang.triage"),
        "toon_contact": toon_contact,
        "mag_eerste_contact": user.has_perm("toegang.eerste_contact", aanmelding),
        "mag_koppelen": toon_contact and not aanmelding.persoon_id and user.has_perm("inwoners.registreren"),
        "toedelingen": aanmelding.toedelingen.select_related("team", "medewerker", "door"),
        # A link to the casus only for who may open it: after allocation the bureaudienst keeps the question,
        # not the file, and a link to "Niet gevonden" helps nobody.
        "toon_casus": bool(aanmelding.casus_id) and casus_toont(user, aanmelding.casus_id, Gegevens.PLAN),
        **extra,
    }


@toont(Gegevens.IDENTITEIT, Gegevens.VRAAG, over="aanmelding")
def aanmelding(request, pk: int):
    """The question; its triage only for those who may see it at this stage (never the KCC)."""
    user = request.user
    aanmelding = get_visible_or_404(selectors.aanmeldingen_visible_to(user), pk=pk)
    toedeling_form = None
    if user.has_perm("toegang.toedelen") and aanmelding.status != AanmeldingStatus.VOORKANT:
        team, medewerker = services.toedeling_default(aanmelding)
        if aanmelding.status == AanmeldingStatus.TOEGEDEELD:
            team, medewerker = aanmelding.team, aanmelding.medewerker
        gekozen = request.GET.get("team", "")
        if gekozen.isdigit() and gekozen.isascii() and gekozen != str(getattr(team, "pk", "")):
            team, medewerker = int(gekozen), None  # another team chosen: its members, nobody preselected
        toedeling_form = ToedelingForm(
            gemeente=user.gemeente, initial={"team": team, "medewerker": medewerker},
            herverdeling=aanmelding.status == AanmeldingStatus.TOEGEDEELD, ververs_url=request.path,
        )
        if request.htmx and "team" in request.GET:
            # The medewerker field for the chosen team only: colleagues' names, nothing of the resident.
            return render(request, "toegang/_toedeling_medewerker.html", {"toedeling_form": toedeling_form})
    context = _aanmelding_context(user, aanmelding)
    if toedeling_form is not None:
        context["toedeling_form"] = toedeling_form
    return render(request, "toegang/aanmelding.html", context)


@toont(Gegevens.IDENTITEIT, Gegevens.VRAAG, Gegevens.TRIAGE, over="aanmelding", perm="toegang.triage")
@require_http_methods(["GET", "POST"])
def triage(request, pk: int):
    """Read and record the triage: only who may see it at this stage (so the KCC never, and nobody
    outside the file after allocation), and only in a role that triages."""
    aanmelding = get_visible_or_404(selectors.aanmeldingen_visible_to(request.user, Gegevens.TRIAGE), pk=pk)
    if not request.user.has_perm("toegang.triage"):
        raise PermissionDenied
    bestaand = getattr(aanmelding, "triage", None)
    leden = inwoners_selectors.personen_visible_to(request.user).none()
    if aanmelding.huishouden_id:
        # The household's current members (inwoners.services.huishouden_leden), as a condition in the query.
        leden = inwoners_selectors.personen_visible_to(request.user).filter(
            pk__in=Lidmaatschap.objects.huidig().filter(huishouden_id=aanmelding.huishouden_id).values("persoon_id"))
    getoonde_leden = list(leden)  # read once: the choices below and whether to show them at all
    # The bureaudienst triages and allocates in one step (issue 13): the allocation's fields sit under the
    # triage's, prefilled from the resident's wijk, and one button records both or neither.
    toedeling_form, samen = None, request.method == "POST" and "toedelen" in request.POST
    data = request.POST.copy() if request.method == "POST" else None
    if request.user.has_perm("toegang.toedelen") and aanmelding.status in (
        AanmeldingStatus.NIEUW,
        AanmeldingStatus.BUREAUDIENST,
    ):
        team, medewerker = services.toedeling_default(aanmelding)
        toedeling_form = ToedelingForm(data if samen else None, gemeente=request.user.gemeente,
                                       initial={"team": team, "medewerker": medewerker},
                                       ververs_url=reverse("toegang:aanmelding", args=[aanmelding.pk]))
        if samen and not data.get("vraagverheldering_door"):
            # Who clarifies the question is, unless said otherwise, the medewerker it is allocated to:
            # never the same name twice.
            data["vraagverheldering_door"] = data.get("medewerker", "")
    else:
        samen = False
    form = TriageForm(data, instance=bestaand, gemeente=request.user.gemeente, leden=leden, team=aanmelding.team)
    keuzes_uit(form.fields["betrokken_leden"], getoonde_leden)
    if toedeling_form is not None:
        form.fields["vraagverheldering_door"].help_text = _("Leeg: de medewerker aan wie u toedeelt.")
    if request.method == "POST" and form.is_valid() and (not samen or toedeling_form.is_valid()):
        try:
            with transaction.atomic():
                services.triage_record(
                    actor=request.user,
                    aanmelding=aanmelding,
                    triage=form.save(commit=False),
                    leefgebieden=form.cleaned_data["leefgebieden"],
                    betrokken_leden=form.cleaned_data["betrokken_leden"],
                )
                if samen:
                    services.aanmelding_allocate(
                        actor=request.user, aanmelding=aanmelding, team=toedeling_form.cleaned_data["team"],
                        medewerker=toedeling_form.cleaned_data["medewerker"],
                    )
        except ValidationError as error:
            doel = (
                toedeling_form
                if samen and hasattr(error, "error_dict") and set(error.error_dict) & set(toedeling_form.fields)
                else form
            )
            if hasattr(error, "error_dict"):
                for field, msgs in error.message_dict.items():
                    doel.add_error(field if field in doel.fields else None, msgs)
            else:
                form.add_error(None, error)
        else:
            if samen:
                messages.success(
                    request, _("De triage is vastgelegd en de aanmelding is toegedeeld; de casus is aangemaakt.")
                )
            else:
                messages.success(request, _("De triage is vastgelegd."))
            return redirect("toegang:aanmelding", pk=aanmelding.pk)
    if request.method == "GET":
        services.aanmelding_view(actor=request.user, aanmelding=aanmelding, met_triage=True)
    return render(
        request, "toegang/triage.html",
        {"form": form, "aanmelding": aanmelding, "toedeling_form": toedeling_form, "leden": getoonde_leden},
    )


@toont(Gegevens.IDENTITEIT, Gegevens.VRAAG, over="aanmelding", perm="toegang.toedelen")
@require_POST
def toedelen(request, pk: int):
    aanmelding = get_visible_or_404(selectors.aanmeldingen_visible_to(request.user), pk=pk)
    if not request.user.has_perm("toegang.toedelen"):
        raise PermissionDenied
    form = ToedelingForm(request.POST, gemeente=request.user.gemeente,
                         herverdeling=aanmelding.status == AanmeldingStatus.TOEGEDEELD,
                         ververs_url=reverse("toegang:aanmelding", args=[aanmelding.pk]))
    if form.is_valid():
        try:
            services.aanmelding_allocate(
                actor=request.user, aanmelding=aanmelding, team=form.cleaned_data["team"],
                medewerker=form.cleaned_data["medewerker"], reden=form.cleaned_data.get("reden", ""),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, msgs in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, msgs)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("De aanmelding is toegedeeld; de casus is aangemaakt."))
            return redirect("toegang:aanmelding", pk=aanmelding.pk)
    return render(
        request, "toegang/aanmelding.html", _aanmelding_context(request.user, aanmelding, toedeling_form=form)
    )


@toont(Gegevens.VRAAG, over="aanmelding", perm="toegang.eerste_contact")
@require_POST
def eerste_contact(request, pk: int):
    aanmelding = get_visible_or_404(selectors.aanmeldingen_visible_to(request.user), pk=pk)
    try:
        services.eerste_contact_register(actor=request.user, aanmelding=aanmelding)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het eerste contact is vastgelegd."))
    return redirect("toegang:aanmelding", pk=aanmelding.pk)


@toont(Gegevens.IDENTITEIT, Gegevens.VRAAG, Gegevens.TRIAGE, perm="toegang.wachtrij")
def bureaudienst(request):
    if not request.user.has_perm("toegang.wachtrij"):
        raise PermissionDenied
    wachtrij = list(selectors.bureaudienst_wachtrij(request.user)[:200])
    # Registrations whose BSN belongs to someone else (typed by a team that may not see that person).
    te_controleren = list(inwoners_selectors.personen_visible_to(request.user).exclude(bsn_te_controleren="")[:50])
    with transaction.atomic():
        audit_disclosure(actor=request.user, client_ids=[a.persoon_id for a in wachtrij if a.persoon_id],
                         object_type="toegang.aanmelding", omschrijving="wachtrij bureaudienst: vraag, triage")
        audit_disclosure(actor=request.user, client_ids=[p.pk for p in te_controleren],
                         object_type="inwoners.persoon", omschrijving="BSN te controleren: identiteit")
    context = {"wachtrij": wachtrij, "te_controleren": te_controleren}
    if not request.user.has_perm("toegang.toedelen"):
        # A teamleider or gedragswetenschapper follows the queue but sees only its part the policy shows them
        # (none, or the acute and unsafe): how long the whole queue is, a count, says whether "nothing" is all.
        context["in_rij"] = selectors.aantal_in_wachtrij(request.user)
    return render(request, "toegang/bureaudienst.html", context)


@toont()
def wachtlijst(request):
    """Counts per team only: no resident is shown; the teams as selectors.wachtlijst_teams chooses them."""
    teams = selectors.wachtlijst_teams(request.user, teams_visible_to(request.user))
    return render(request, "toegang/wachtlijst.html", {
        "wachtlijst": selectors.wachtlijst_per_team(request.user, teams),
        "alle_teams": request.user.has_perm("toegang.toedelen"),
    })


@toont(Gegevens.IDENTITEIT, Gegevens.VRAAG)
def signalen(request):
    signalen = list(selectors.signalen_visible_to(request.user)[:200])
    with transaction.atomic():
        audit_disclosure(actor=request.user, client_ids=[s.persoon_id for s in signalen if s.persoon_id],
                         object_type="toegang.signaal", omschrijving="signalenlijst")
    return render(request, "toegang/signalen.html", {"signalen": signalen})


@toont(Gegevens.IDENTITEIT, perm="inwoners.registreren")
@require_http_methods(["GET", "POST"])
def signaal_nieuw(request):
    if not request.user.has_perm("inwoners.registreren"):
        raise PermissionDenied
    form = SignaalForm(request.POST or None, personen=inwoners_selectors.personen_visible_to(request.user))
    if request.method == "POST" and form.is_valid():
        signaal = services.signaal_register(actor=request.user, signaal=form.save(commit=False))
        messages.success(request, _("Het signaal is geregistreerd."))
        return redirect("toegang:signaal", pk=signaal.pk)
    return render(request, "toegang/signaal_form.html", {"form": form})


@toont(Gegevens.IDENTITEIT, Gegevens.VRAAG, over="signaal")
@require_http_methods(["GET", "POST"])
def signaal(request, pk: int):
    signaal = get_visible_or_404(selectors.signalen_visible_to(request.user), pk=pk)
    form = RedenForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("actie") == "aanmelding":
                aanmelding = services.signaal_to_aanmelding(actor=request.user, signaal=signaal)
                messages.success(request, _("Het signaal is een aanmelding geworden."))
                return redirect("toegang:aanmelding", pk=aanmelding.pk)
            if form.is_valid():
                services.signaal_dismiss(actor=request.user, signaal=signaal, reden=form.cleaned_data["reden"])
                messages.success(request, _("Het signaal is afgesloten: geen actie nodig."))
                return redirect("toegang:signalen")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("toegang:signaal", pk=signaal.pk)
    with transaction.atomic():
        audit_log(actor=request.user, actie=AuditActie.READ, object_type="toegang.signaal", object_id=signaal.pk,
                           client_id=signaal.persoon_id, omschrijving="signaal ingezien")
    return render(request, "toegang/signaal.html", {"signaal": signaal, "form": form})


@toont(Gegevens.IDENTITEIT, Gegevens.CONTACT, Gegevens.VRAAG, over="aanmelding", perm="inwoners.registreren")
@require_http_methods(["GET", "POST"])
def koppelen(request, pk: int):
    """An anonymous or web-form aanmelding turns out to be about a known resident, or about someone to
    register: find (within the search limits) or register them, and link the aanmelding and its casus."""
    user = request.user
    if not user.has_perm("inwoners.registreren"):
        raise PermissionDenied
    # The question and how to reach the asker are what tell who it is: both must be visible.
    aanmelding = get_visible_or_404(selectors.aanmeldingen_visible_to(user, Gegevens.CONTACT).filter(
        pk__in=selectors.aanmeldingen_visible_to(user, Gegevens.VRAAG).values("pk")), pk=pk)
    if aanmelding.persoon_id:
        messages.info(request, _("Deze aanmelding is al aan een inwoner gekoppeld."))
        return redirect("toegang:aanmelding", pk=aanmelding.pk)
    personen = inwoners_selectors.personen_visible_to(user)
    zoek = (request.POST.get("zoek") if request.method == "POST" else aanmelding.anoniem_naam) or ""
    resultaat = personen_zoeken_beperkt(user, zoek, omschrijving="zoekresultaat bij koppelen") if zoek.strip() else None
    gevonden = resultaat.personen if resultaat else []
    koppel = request.method == "POST" and request.POST.get("actie") == "koppelen"
    nieuw = SnellePersoonForm(
        request.POST if koppel else None,
        prefix="nieuw",
        gemeente=user.gemeente,
        zichtbaar=personen,
        initial={"postcode": aanmelding.postcode},
    )
    fout = ""
    if koppel and nieuw.is_valid():
        audit_bsn_controle(user, nieuw)
        keuze = request.POST.get("persoon", "")
        try:
            with transaction.atomic():
                if keuze.isdecimal() and keuze.isascii():
                    persoon = get_visible_or_404(personen, pk=int(keuze))
                elif nieuw.ingevuld():
                    persoon = persoon_create(actor=user, persoon=nieuw.save(commit=False))
                else:
                    raise ValidationError({"persoon": _("Kies een inwoner of vul de gegevens van een nieuwe in.")})
                services.aanmelding_link(actor=user, aanmelding=aanmelding, persoon=persoon)
        except ValidationError as error:
            fout = " ".join(error.messages)
        else:
            messages.success(request, _("De aanmelding hoort nu bij %(naam)s.") % {"naam": persoon.naam})
            return redirect("toegang:aanmelding", pk=aanmelding.pk)
    services.aanmelding_view(actor=user, aanmelding=aanmelding)  # the page shows who asked and from where
    return render(request, "toegang/koppelen.html", {
        "aanmelding": aanmelding, "zoek": zoek, "gevonden": gevonden, "zoekfout": resultaat.fout if resultaat else "",
        "nieuw": nieuw, "fout": fout,
    })
