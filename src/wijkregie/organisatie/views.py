"""Pages about the organisation: the start page per role, wijken, teams, sociale kaart, beheer.

Views stay thin: they read through selectors, write through services.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from wijkregie.core.access import get_visible_or_404

from . import forms, selectors, services
from .models import Locatie, LocatieFase, Mandaat, Medewerker, Organisatie, Team, Teamlid, Voorziening, Wijk
from .toegangsbeleid import toont


@toont()
def wijken(request):
    wijken = list(selectors.wijken_visible_to(request.user))
    vandaag = datetime.date.today()
    for wijk in wijken:
        wijk.huidige_locaties = [(loc, loc.fase_op(vandaag)) for loc in wijk.locaties.all()]
    return render(
        request, "organisatie/wijken.html",
        {"wijken": wijken, "totalen": selectors.gemeente_totalen(wijken), "vandaag": vandaag},
    )


@toont()
def wijk(request, slug: str):
    wijk = get_visible_or_404(selectors.wijken_visible_to(request.user), slug=slug)
    vandaag = datetime.date.today()
    for locatie in wijk.locaties.all():
        locatie.huidige_fase = locatie.fase_op(vandaag)
    voorzieningen = selectors.voorzieningen_visible_to(request.user, wijk=wijk)
    contactpersonen = selectors.medewerkers_visible_to(request.user).filter(focuswijken=wijk, is_active=True)
    return render(
        request, "organisatie/wijk.html",
        {
            "wijk": wijk,
            "aandeel_inwoners": selectors.aandeel_inwoners(request.user, wijk),
            "voorzieningen": voorzieningen[:50],
            "aantal_voorzieningen": voorzieningen.count(),
            "contactpersonen": contactpersonen,
        },
    )


@toont()
def teams(request):
    teams = list(selectors.teams_visible_to(request.user))
    uren = selectors.uren_per_team(request.user)
    for team in teams:
        team.uren = uren.get(team.pk, 0.0)
        team.fte = team.uren / selectors.FTE_UREN
    return render(request, "organisatie/teams.html", {"teams": teams})


@toont()
def team(request, slug: str):
    team = get_visible_or_404(selectors.teams_visible_to(request.user), slug=slug)
    leden = list(selectors.teamleden_visible_to(request.user, peildatum=datetime.date.today()).filter(team=team))
    uren = selectors.team_uren(leden)
    return render(
        request, "organisatie/team.html",
        {"team": team, "leden": leden, "uren": uren, "fte": uren / selectors.FTE_UREN},
    )


@toont()
def sociale_kaart(request):
    wijken = selectors.wijken_visible_to(request.user).prefetch_related(None)
    form = forms.SocialeKaartZoekForm(request.GET or None, wijken=wijken)
    filters = form.cleaned_data if form.is_valid() else {}
    voorzieningen = selectors.voorzieningen_visible_to(
        request.user,
        zoek=filters.get("q", ""),
        toegang=filters.get("toegang", ""),
        wet=filters.get("wet", ""),
        wijk=filters.get("wijk"),
        gecontracteerd=True if filters.get("gecontracteerd") else None,
    )
    page = Paginator(voorzieningen, 25).get_page(request.GET.get("pagina"))
    context = {"form": form, "page": page, "querystring": _querystring_without_page(request)}
    if request.htmx:
        return render(request, "organisatie/_sociale_kaart_resultaten.html", context)
    return render(request, "organisatie/sociale_kaart.html", context)


@toont()
def voorziening(request, pk: int):
    voorziening = get_visible_or_404(selectors.voorzieningen_visible_to(request.user), pk=pk)
    return render(request, "organisatie/voorziening.html", {"voorziening": voorziening})


def _querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("pagina", None)
    return params.urlencode()


@toont()
def mandaten(request):
    mandaten = list(selectors.mandaten_visible_to(request.user).order_by("houder__first_name", "-geldig_van"))
    vandaag = datetime.date.today()
    for mandaat in mandaten:
        mandaat.geldig_vandaag = mandaat.geldig_op(vandaag)
    return render(
        request, "organisatie/mandaten.html",
        {"mandaten": mandaten, "register": request.user.has_perm("organisatie.mandaatregister")},
    )


# --- Beheer: functional admins maintain organisation data in the pages --------------------------


@dataclass(frozen=True)
class Beheersoort:
    """One kind of organisation data that functional admins maintain, and how its list looks."""

    slug: str
    model: type[Model]
    form: type[forms.GemeenteForm]
    titel: str
    enkelvoud: str
    selector: object
    kolommen: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    nieuw: str = ""  # "Nieuwe wijk", "Nieuw team": Dutch adjectives follow the noun's gender


BEHEER = {
    b.slug: b
    for b in [
        Beheersoort(
            "wijken",
            Wijk,
            forms.WijkForm,
            _("Wijken"),
            _("wijk"),
            selectors.wijken_visible_to,
            (("naam", _("Naam")), ("inwoners", _("Inwoners")), ("huishoudens", _("Huishoudens"))),
            nieuw=_("Nieuwe wijk"),
        ),
        Beheersoort(
            "locaties",
            Locatie,
            forms.LocatieForm,
            _("Locaties"),
            _("locatie"),
            selectors.locaties_visible_to,
            (("naam", _("Naam")), ("wijk", _("Wijk")), ("adres", _("Adres"))),
            nieuw=_("Nieuwe locatie"),
        ),
        Beheersoort(
            "fasen",
            LocatieFase,
            forms.LocatieFaseForm,
            _("Fasen van locaties"),
            _("fase"),
            selectors.locatiefasen_visible_to,
            (
                ("locatie", _("Locatie")),
                ("model", _("Model")),
                ("geldig_van", _("Van")),
                ("geldig_tot", _("Tot en met")),
            ),
            nieuw=_("Nieuwe fase"),
        ),
        Beheersoort(
            "teams",
            Team,
            forms.TeamForm,
            _("Teams"),
            _("team"),
            selectors.teams_visible_to,
            (("naam", _("Naam")), ("locatie", _("Locatie"))),
            nieuw=_("Nieuw team"),
        ),
        Beheersoort(
            "teamleden",
            Teamlid,
            forms.TeamlidForm,
            _("Teamleden"),
            _("teamlid"),
            selectors.teamleden_visible_to,
            (
                ("medewerker", _("Medewerker")),
                ("team", _("Team")),
                ("uren_per_week", _("Uren per week")),
                ("sinds", _("Sinds")),
                ("tot", _("Tot en met")),
            ),
            nieuw=_("Nieuw teamlid"),
        ),
        Beheersoort(
            "medewerkers",
            Medewerker,
            forms.MedewerkerForm,
            _("Medewerkers"),
            _("medewerker"),
            selectors.medewerkers_visible_to,
            (
                ("__str__", _("Naam")),
                ("username", _("Gebruikersnaam")),
                ("specialisme", _("Specialisme")),
                ("moederorganisatie", _("Moederorganisatie")),
                ("is_active", _("Actief")),
            ),
            nieuw=_("Nieuwe medewerker"),
        ),
        Beheersoort(
            "organisaties",
            Organisatie,
            forms.OrganisatieForm,
            _("Organisaties"),
            _("organisatie"),
            selectors.organisaties_visible_to,
            (("naam", _("Naam")), ("get_soort_display", _("Soort")), ("telefoon", _("Telefoon"))),
            nieuw=_("Nieuwe organisatie"),
        ),
        Beheersoort(
            "voorzieningen",
            Voorziening,
            forms.VoorzieningForm,
            _("Voorzieningen"),
            _("voorziening"),
            selectors.voorzieningen_visible_to,
            (("naam", _("Naam")), ("organisatie", _("Organisatie")), ("get_toegang_display", _("Toegang"))),
            nieuw=_("Nieuwe voorziening"),
        ),
        Beheersoort(
            "mandaten",
            Mandaat,
            forms.MandaatForm,
            _("Mandaten"),
            _("mandaat"),
            selectors.mandaten_visible_to,
            (
                ("besluit", _("Besluit")),
                ("houder", _("Houder")),
                ("geldig_van", _("Geldig van")),
                ("geldig_tot", _("Tot en met")),
            ),
            nieuw=_("Nieuw mandaat"),
        ),
    ]
}


def _beheersoort(soort: str) -> Beheersoort:
    try:
        return BEHEER[soort]
    except KeyError:
        raise Http404 from None


@toont(perm="organisatie.beheren")
@permission_required("organisatie.beheren", raise_exception=True)
def beheer(request):
    return render(request, "organisatie/beheer.html", {"soorten": BEHEER.values()})


@toont(perm="organisatie.beheren")
@permission_required("organisatie.beheren", raise_exception=True)
def beheer_lijst(request, soort: str):
    b = _beheersoort(soort)
    page = Paginator(b.selector(request.user), 50).get_page(request.GET.get("pagina"))
    rijen = [
        (obj, [(cel, _is_getal(cel)) for cel in (_cell(obj, attr) for attr, _label in b.kolommen)]) for obj in page
    ]
    return render(request, "organisatie/beheer_lijst.html", {"b": b, "page": page, "rijen": rijen})


def _cell(obj, attr: str):
    value = getattr(obj, attr)
    return value() if callable(value) else value


def _is_getal(value) -> bool:
    return isinstance(value, (int, Decimal, float)) and not isinstance(value, bool)


@toont(perm="organisatie.beheren")
@permission_required("organisatie.beheren", raise_exception=True)
@require_http_methods(["GET", "POST"])
def beheer_bewerk(request, soort: str, pk: int | None = None):
    b = _beheersoort(soort)
    instance = get_visible_or_404(b.selector(request.user), pk=pk) if pk is not None else None
    form = b.form(request.POST or None, instance=instance, gemeente=request.user.gemeente)
    if request.method == "POST" and form.is_valid():
        if b.model is Medewerker:
            nieuw = instance is None
            obj = services.medewerker_save(
                actor=request.user, form=form, rollen=form.cleaned_data["rollen"],
                wachtwoord=form.cleaned_data.get("wachtwoord"),
            )
            if nieuw and settings.REQUIRE_2FA:
                # Shown once, in this answer only (never in a message or a redirect): the beheerder hands
                # it to the person, who chooses a password and enrols an authenticator with it.
                token = services.medewerker_activatie_issue(actor=request.user, medewerker=obj)
                return _activeringslink(request, obj, token, nieuw=True)
        else:
            obj = services.organisatiegegevens_save(actor=request.user, form=form)
        messages.success(
            request, _("%(soort)s ‘%(naam)s’ is opgeslagen.") % {"soort": b.enkelvoud.capitalize(), "naam": obj}
        )
        return redirect("organisatie:beheer_lijst", soort=b.slug)
    context = {"b": b, "form": form, "object": instance}
    if b.model is Medewerker and instance is not None and settings.REQUIRE_2FA:
        context["tweestaps_opnieuw"] = True
    return render(request, "organisatie/beheer_bewerk.html", context)


def _activeringslink(request, medewerker, token: str, *, nieuw: bool):
    from wijkregie.core.accounts import ACTIVATIE_GELDIG, activatie_url

    return render(request, "organisatie/activeringslink.html", {
        "medewerker": medewerker, "link": activatie_url(request, token), "nieuw": nieuw,
        "uren": int(ACTIVATIE_GELDIG.total_seconds() // 3600),
    })


@toont(perm="organisatie.beheren")
@permission_required("organisatie.beheren", raise_exception=True)
@require_http_methods(["GET", "POST"])
def medewerker_tweestaps_reset(request, pk: int):
    """Resetting a medewerker's two-step login: a confirmation page, then the new activation link once."""
    medewerker = get_visible_or_404(selectors.medewerkers_visible_to(request.user), pk=pk)
    if request.method == "POST":
        token = services.medewerker_tweestaps_reset(actor=request.user, medewerker=medewerker)
        return _activeringslink(request, medewerker, token, nieuw=False)
    return render(request, "organisatie/tweestaps_opnieuw.html", {"medewerker": medewerker})
