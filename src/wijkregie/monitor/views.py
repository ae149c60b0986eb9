"""Monitor pages: dashboards per gemeente, wijk and team, exports, the management report, the nulmeting,
and the cliëntervaring (the team's invitations and the resident's survey). Thin: the numbers come from
`indicators`, who-sees-what from `selectors`, the drawing from `presentatie`."""

from __future__ import annotations

import csv
import datetime
import decimal
import hashlib
import hmac
import io
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Min
from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.core.panelen import Paneel
from wijkregie.organisatie.toegangsbeleid import Gegevens, toont

from . import presentatie, selectors, services
from .forms import ClientervaringForm, ErvaringsinstellingForm, MonitorFilterForm, NulmetingForm, standaard_periode
from .indicators import INDICATOREN, Filter, aanmeldingen, berekend
from .models import Ervaringsinstelling


def _filter(request, *, wijk=None, team=None) -> tuple[Filter | None, MonitorFilterForm]:
    """The filter from the query string, limited to what the user may see. None when the form has errors:
    then no figures are shown at all, rather than figures for something other than what was asked."""
    user = request.user
    vast = tuple(n for n, v in (("wijk", wijk), ("team", team)) if v is not None)
    data = request.GET.copy()
    standaard_van, standaard_tot = standaard_periode()
    data.setdefault("van", standaard_van.strftime("%Y-%m"))  # the form shows the period the figures are about
    data.setdefault("tot", (standaard_tot - datetime.timedelta(days=1)).strftime("%Y-%m"))
    form = MonitorFilterForm(data, wijken=selectors.wijken_monitor_visible_to(user),
                             teams=selectors.teams_monitor_visible_to(user), gemeente=user.gemeente, vast=vast)
    if not form.is_valid():
        if wijk is None and team is None and not selectors.gemeente_monitor_visible_to(user):
            raise PermissionDenied
        return None, form
    data = form.cleaned_data
    van, tot = form.periode()
    f = Filter(gemeente=user.gemeente, van=van, tot=tot, wijk=wijk or data.get("wijk"), team=team or data.get("team"),
               locatie=data.get("locatie"), fase=data.get("fase", ""), wet=data.get("wet", ""))
    if f.wijk is None and f.team is None and not selectors.gemeente_monitor_visible_to(user):
        raise PermissionDenied
    return f, form


def _filter_of_400(request):
    """For files (exports, the report): a bad filter is a clear refusal, never a file about something else."""
    f, form = _filter(request)
    if f is None:
        fouten = "; ".join(f"{form.fields[veld].label if veld in form.fields else veld}: {' '.join(lijst)}"
                           for veld, lijst in form.errors.items())
        return None, HttpResponseBadRequest(_("Het filter klopt niet: %(fouten)s") % {"fouten": fouten},
                                            content_type="text/plain; charset=utf-8")
    return f, None


def _nulmeting(request, f: Filter):
    kandidaten = list(selectors.nulmetingen_visible_to(request.user).filter(
        wijk=f.wijk, team=f.team, locatie=f.locatie, fase=f.fase, wet=f.wet))  # only like with like
    gekozen = request.GET.get("nulmeting", "")
    if gekozen.isdigit():  # 0 is "compare with none"
        return next((n for n in kandidaten if n.pk == int(gekozen)), None), kandidaten
    return (kandidaten[0] if kandidaten else None), kandidaten


def _inhoud(request, f: Filter) -> dict:
    """Everything a dashboard, the report and the exports show for one filter."""
    onderdrukken = not selectors.volledig_zichtbaar(request.user, team=f.team)
    nulmeting, nulmetingen = _nulmeting(request, f)
    uitkomst = berekend(f)
    alle = presentatie.cellen(uitkomst["rijen"], onderdrukken=onderdrukken, nulmeting=nulmeting.rijen if nulmeting else None)
    groepen = presentatie.per_indicator(alle)
    maanden, totaal = presentatie.maanden(uitkomst["trend"], onderdrukken=onderdrukken)

    def staven(code):
        # Only like with like in one chart: the ZRM share (%) is not drawn beside level changes.
        return presentatie.staafdiagram([(c.label, c.waarde, c.onderdrukt and c.teken) for c in groepen.get(code, [])
                                         if "procent" not in c.breakdown])

    def waarde(code, breakdown):
        return next((c for c in groepen.get(code, []) if c.breakdown == breakdown), None)

    return {
        "filter": f, "berekend_op": uitkomst["berekend_op"], "onderdrukken": onderdrukken, "drempel": selectors.DREMPEL,
        "cellen": alle, "groepen": groepen, "indicatoren": INDICATOREN, "maanden": maanden,
        "nulmeting": nulmeting, "nulmetingen": nulmetingen,
        "trend_diagram": presentatie.kolomdiagram(maanden, "aanmeldingen", onderdrukken=onderdrukken),
        "kanaal_diagram": staven("instroom_per_kanaal"), "aard_diagram": staven("aard_van_de_vraag"),
        "schaling_diagram": staven("op_en_afschalingen"), "zrm_diagram": staven("zrm_voortgang"),
        "kern": {
            "aanmeldingen": totaal,
            "voorkant": waarde("opgelost_aan_de_voorkant", "totaal"),
            "wachttijd": waarde("wachttijd_eerste_contact", "mediaan"),
            "lopend": waarde("caseload", "lopende casussen"),
            "cijfer": waarde("clientervaring", "rapportcijfer (gemiddeld)"),
        },
    }


def _dashboard(request, *, titel: str, wijk=None, team=None):
    f, form = _filter(request, wijk=wijk, team=team)
    context = _inhoud(request, f) if f is not None else {"filter": None}
    params = request.GET.copy()
    if wijk is not None:
        params["wijk"] = wijk.pk
    if team is not None:
        params["team"] = team.pk
    params.pop("nulmeting", None)
    context.update(
        titel=titel, form=form, wijk=wijk, team=team, querystring=params.urlencode(),
        wijken=selectors.wijken_monitor_visible_to(request.user), teams=selectors.teams_monitor_visible_to(request.user),
        gemeente_zichtbaar=selectors.gemeente_monitor_visible_to(request.user),
        nulmeting_form=NulmetingForm() if request.user.has_perm("monitor.gemeente") else None,
        onderzoek_toegestaan=request.user.has_perm("monitor.onderzoek"),
    )
    return render(request, "monitor/dashboard.html", context)


@toont(perm="monitor.zien")
@require_GET
def overzicht(request):
    """The gemeente's dashboard; a team member without it lands on their own team."""
    if not selectors.gemeente_monitor_visible_to(request.user):
        team = selectors.teams_monitor_visible_to(request.user).first()
        if team is None:
            raise PermissionDenied
        return redirect("monitor:team", pk=team.pk)
    return _dashboard(request, titel=request.user.gemeente.naam)


@toont(perm="monitor.zien")
@require_GET
def wijk(request, pk: int):
    w = get_object_or_404(selectors.wijken_monitor_visible_to(request.user), pk=pk)
    return _dashboard(request, titel=w.naam, wijk=w)


@toont(perm="monitor.zien")
@require_GET
def team(request, pk: int):
    t = get_object_or_404(selectors.teams_monitor_visible_to(request.user), pk=pk)
    return _dashboard(request, titel=t.naam, team=t)


def start_paneel(request, user):
    """The policy officer's start page shows the monitor's own figure for the instroom per 1.000 inwoners:
    the same indicator, period and suppression as the gemeente's dashboard opens with, so one definition
    gives one figure (issue 13: the start page gave the wijkprofiel's 132,5 where the monitor said 3,3)."""
    if not user.has_perm("monitor.wijkcijfers") or not selectors.gemeente_monitor_visible_to(user):
        return None
    van, tot = standaard_periode()
    f = Filter(gemeente=user.gemeente, van=van, tot=tot)
    cellen = presentatie.cellen(berekend(f)["rijen"], onderdrukken=True)
    cel = next((c for c in cellen if c.indicator == "instroom_per_1000_inwoners"), None)
    return Paneel("monitor/_start_instroom.html", {"cel": cel, "filter": f, "tot_en_met": tot - datetime.timedelta(days=1)})


# The CSV files follow Dutch conventions, as a spreadsheet in the Dutch locale reads them: ';' between
# fields, a decimal comma, Dutch column names, UTF-8 with a byte order mark (issue 13). The codes in the
# first columns stay the stable codes of the command-line export and the definitions.
CSV_SCHEIDING = ";"
INDICATOREN_KOP = ["indicator", "onderdeel_code", "waarde", "naam", "onderdeel", "eenheid", "nulmeting", "verschil"]


def _csv_getal(waarde):
    """A number with a decimal comma (12,5; never 12.5), without thousands separator; text as it is."""
    if isinstance(waarde, float):
        return f"{waarde:.10g}".replace(".", ",")
    if isinstance(waarde, decimal.Decimal):
        return str(waarde).replace(".", ",")
    return waarde


def _bestandsnaam(f: Filter, soort: str, extensie: str) -> str:
    gebied = f"wijk-{f.wijk.slug}" if f.wijk else f"team-{f.team.slug}" if f.team else f.gemeente.slug
    return f"{soort}-{gebied}-{f.van:%Y%m%d}-{f.tot - datetime.timedelta(days=1):%Y%m%d}.{extensie}"


def _audit_export(request, f: Filter, wat: str):
    with transaction.atomic():
        audit_log(actor=request.user, actie=AuditActie.EXECUTE, object_type="monitor.export",
                  omschrijving=f"{wat}: {f.van}–{f.tot}, wijk {f.wijk.pk if f.wijk else '-'}, team {f.team.pk if f.team else '-'}")


@toont(perm="monitor.zien")
@require_GET
def export(request, formaat: str):
    """The indicators as CSV or XLSX (codes as in the command-line export, plus readable labels), in Dutch
    whatever the user's language: one file for every reader, with the research export's conventions."""
    f, fout = _filter_of_400(request)
    if fout:
        return fout
    with translation.override("nl"):
        response = _export(request, f, formaat)
    _audit_export(request, f, f"indicatoren als {formaat}")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(f, "indicatoren", formaat)}"'
    response["Cache-Control"] = "no-store"
    return response


def _export(request, f: Filter, formaat: str) -> HttpResponse:
    context = _inhoud(request, f)
    regels = [[*c.als_tuple(), str(c.naam), c.label, c.eenheid, "" if c.nulmeting is None else c.nulmeting,
               "" if c.verschil is None else c.verschil] for c in context["cellen"]]
    if formaat == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # Excel opens UTF-8 with the byte order mark as UTF-8
        writer = csv.writer(response, delimiter=CSV_SCHEIDING)
        writer.writerow(INDICATOREN_KOP)
        writer.writerows([[_csv_getal(v) for v in r] for r in regels])
        return response
    from openpyxl import Workbook

    boek = Workbook()
    blad = boek.active
    blad.title = "Indicatoren"
    blad.append(INDICATOREN_KOP)
    for r in regels:
        blad.append(r)
    blad.freeze_panes = "A2"
    toelichting = boek.create_sheet("Definities")
    toelichting.append(["indicator", "naam", "definitie", "eenheid", "bron"])
    for i in INDICATOREN.values():
        toelichting.append([i.code, str(i.naam), str(i.definitie), i.eenheid, i.bron])
    maanden = boek.create_sheet("Per maand")
    maanden.append(["maand", "aanmeldingen", "opgelost aan de voorkant (%)", "wachttijd eerste contact (mediaan, dagen)"])
    for m in context["maanden"]:
        maanden.append([m["maand"].strftime("%Y-%m"), m["teken"] if m["onderdrukt"] else m["aanmeldingen"],
                        None if m["onderdrukt"] else m["voorkant"], m["wachttijd"]])
    buffer = io.BytesIO()
    boek.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@toont(perm="monitor.zien")
@require_GET
def rapport(request):
    """The management report for the college (PDF): indicators, trend and the nulmeting, in plain Dutch."""
    from weasyprint import HTML

    f, fout = _filter_of_400(request)
    if fout:
        return fout
    with translation.override("nl"):  # the report for the college is Dutch throughout, numbers included
        context = _inhoud(request, f)
        context.update(gebied=f.wijk or f.team or f.gemeente, vandaag=timezone.localdate(),
                       tot_en_met=f.tot - datetime.timedelta(days=1))
        html = render_to_string("monitor/rapport.html", context, request=request)
    # PDF/UA: a tagged PDF that screen readers can follow (a government document for the college).
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(pdf_variant="pdf/ua-1")
    _audit_export(request, f, "managementrapportage als pdf")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_bestandsnaam(f, "managementrapportage", "pdf")}"'
    response["Cache-Control"] = "no-store"
    return response


def _pseudoniem(sleutel: bytes, soort: str, pk) -> str:
    return hmac.new(sleutel, f"{soort}:{pk}".encode(), hashlib.sha256).hexdigest()[:16] if pk else ""


def _leeftijdsklasse(geboortedatum, op: datetime.date) -> str:
    if not geboortedatum:
        return "onbekend"
    jaren = op.year - geboortedatum.year - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))
    for grens, klasse in ((18, "0-17"), (27, "18-26"), (67, "27-66")):
        if jaren < grens:
            return klasse
    return "67+"


@toont(perm="monitor.onderzoek")
@require_GET
def onderzoek(request):
    """Record-level export for research, pseudonymised: no names, BSN, addresses, postcodes or texts; months,
    not dates; age classes, not birth dates; whole days. Still personal data under the AVG (pseudonymised, not
    anonymous): policy officers only, and every export is in the audit trail."""
    if not request.user.has_perm("monitor.onderzoek"):
        raise PermissionDenied
    f, fout = _filter_of_400(request)
    if fout:
        return fout
    # A fresh key per export, never stored: pseudonyms link rows within this file (one resident's questions)
    # but not across exports, so two studies cannot be joined on them.
    sleutel = secrets.token_bytes(32)
    rijen = (aanmeldingen(f).annotate(plan_op=Min("casus__plannen__ondertekend_op"), schalingen=Count("casus__schalingen", distinct=True))
             .values_list("pk", "persoon_id", "persoon__geboortedatum", "persoon__wijk__naam", "team__naam", "kanaal",
                          "triage__aard", "triage__uitkomst", "status", "ontvangen_op", "eerste_contact_op", "casus_id",
                          "plan_op", "casus__afgesloten_op", "casus__geopend_op", "schalingen")
             .order_by("ontvangen_op"))
    n = rijen.count()
    with transaction.atomic():
        audit_log(actor=request.user, actie=AuditActie.READ, object_type="monitor.onderzoek",
                  omschrijving=f"gepseudonimiseerde export: {n} aanmeldingen, {f.van}–{f.tot}", grondslag="rol: beleidsmedewerker")

    def dagen(a, b):
        return round((b - a).total_seconds() / 86400) if a and b else ""

    def regels():
        buffer = io.StringIO()
        buffer.write("\ufeff")  # as the indicator CSV: Excel opens it as UTF-8
        writer = csv.writer(buffer, delimiter=CSV_SCHEIDING)
        writer.writerow(["aanmelding", "inwoner", "casus", "maand", "leeftijdsklasse", "wijk", "team", "kanaal", "aard",
                         "route", "status", "dagen_tot_eerste_contact", "dagen_tot_plan", "doorlooptijd_dagen", "schalingen"])
        for (pk, persoon, geboren, wijk_naam, team_naam, kanaal, aard, uitkomst, status, ontvangen, contact, casus, plan_op,
             afgesloten, geopend, schalingen) in rijen.iterator(chunk_size=2000):
            writer.writerow([_pseudoniem(sleutel, "aanmelding", pk), _pseudoniem(sleutel, "persoon", persoon),
                             _pseudoniem(sleutel, "casus", casus), timezone.localtime(ontvangen).strftime("%Y-%m"),
                             _leeftijdsklasse(geboren, ontvangen.date()), wijk_naam or "", team_naam or "", kanaal, aard or "",
                             uitkomst or "", status, dagen(ontvangen, contact), dagen(ontvangen, plan_op),
                             dagen(geopend, afgesloten), schalingen])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(regels(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(f, "onderzoek", "csv")}"'
    response["Cache-Control"] = "no-store"
    return response


@toont(perm="monitor.gemeente")
@require_POST
def nulmeting(request):
    """Freezes the current filter's period as a nulmeting (policy officers and teamleiders)."""
    if not request.user.has_perm("monitor.gemeente"):
        raise PermissionDenied
    f, fout = _filter_of_400(request)
    if fout:
        return fout
    form = NulmetingForm(request.POST)
    terug = reverse("monitor:team", args=[f.team.pk]) if f.team else reverse("monitor:wijk", args=[f.wijk.pk]) if f.wijk else reverse("monitor:overzicht")
    terug += "?" + request.GET.urlencode()
    if not form.is_valid():
        messages.error(request, form.errors["naam"][0])
        return redirect(terug)
    try:
        n = services.nulmeting_vaststellen(actor=request.user, filter=f, naam=form.cleaned_data["naam"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(terug)
    messages.success(request, _("Nulmeting ‘%(naam)s’ vastgesteld.") % {"naam": n.naam})
    return redirect(terug + f"&nulmeting={n.pk}")


@toont(Gegevens.IDENTITEIT, perm="monitor.ervaringen")
@require_http_methods(["GET", "POST"])
def ervaringen(request):
    """The team's invitations to the cliëntervaring: link and QR code to hand to the resident."""
    lijst = selectors.clientervaringen_visible_to(request.user)
    if not request.user.has_perm("monitor.ervaringen"):
        raise PermissionDenied
    teams = selectors.teams_monitor_visible_to(request.user)
    instellingen = {i.team_id: i.bij_evaluatie for i in Ervaringsinstelling.objects.filter(team__in=teams)}
    if request.method == "POST":
        if not request.user.has_perm("monitor.ervaring_instellen"):
            raise PermissionDenied
        team_pk = request.POST.get("team", "")
        t = get_object_or_404(teams, pk=int(team_pk) if team_pk.isdigit() else 0)
        form = ErvaringsinstellingForm(request.POST)
        form.is_valid()
        services.ervaringsinstelling_save(actor=request.user, team=t, bij_evaluatie=form.cleaned_data.get("bij_evaluatie", False))
        messages.success(request, _("Instelling opgeslagen."))
        return redirect("monitor:ervaringen")
    # Every invitation still within its validity, answered or not: the team must not be able to see who
    # answered (and then find that one answer in the figures).
    open_ = list(lijst.filter(geldig_tot__gte=timezone.localdate()).order_by("-uitgenodigd_op")[:100])
    if open_:
        with transaction.atomic():  # NEN 7513: one event per client whose name is shown
            for e in open_:
                audit_log(actor=request.user, actie=AuditActie.READ, object_type="monitor.clientervaring", object_id=e.pk,
                          client_id=e.casus.hoofdpersoon_id, omschrijving="in de lijst met uitnodigingen cliëntervaring")
    return render(request, "monitor/ervaringen.html", {
        "open": open_, "teams": [(t, instellingen.get(t.pk, False)) for t in teams],
        "mag_instellen": request.user.has_perm("monitor.ervaring_instellen"),
    })


@toont(Gegevens.IDENTITEIT, over="clientervaring", perm="monitor.ervaringen", via=selectors.UITNODIGING_VIA)
@require_GET
def uitnodiging(request, pk: int):
    """One invitation: the link, a QR code and a short text to send or print for the resident."""
    import qrcode
    import qrcode.image.svg

    if not request.user.has_perm("monitor.ervaringen"):
        raise PermissionDenied
    ervaring = get_object_or_404(selectors.clientervaringen_visible_to(request.user), pk=pk)
    link = request.build_absolute_uri(reverse("ervaring", args=[ervaring.token]))
    qr = qrcode.make(link, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).to_string(encoding="unicode")
    with transaction.atomic():
        audit_log(actor=request.user, actie=AuditActie.READ, object_type="monitor.clientervaring", object_id=ervaring.pk,
                  client_id=ervaring.casus.hoofdpersoon_id, omschrijving="uitnodiging cliëntervaring ingezien")
    return render(request, "monitor/uitnodiging.html", {"ervaring": ervaring, "link": link, "qr": qr})


@toont(publiek=True)
@login_not_required
@require_http_methods(["GET", "POST"])
def ervaring(request, token: str):
    """The resident's survey (no login; the page shows nothing about the resident)."""
    geldig = selectors.ervaring_voor_token(token)
    if geldig is None:
        return render(request, "monitor/ervaring_ongeldig.html", {"hide_nav": True}, status=404)
    form = ClientervaringForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.clientervaring_beantwoorden(
                token=token, antwoorden=form.antwoorden(),
                rapportcijfer=form.cleaned_data.get("rapportcijfer"))
        except ValidationError:
            return render(request, "monitor/ervaring_ongeldig.html", {"hide_nav": True}, status=404)
        return render(request, "monitor/ervaring_bedankt.html", {"hide_nav": True})
    return render(request, "monitor/ervaring.html", {"form": form, "gemeente": geldig.gemeente, "hide_nav": True})


@toont(perm="monitor.zien")
@require_GET
def definities(request):
    """Every indicator with its definition, unit and source fields: the same text as docs/indicatoren.md."""
    if not (selectors.gemeente_monitor_visible_to(request.user) or selectors.teams_monitor_visible_to(request.user).exists()
            or selectors.wijken_monitor_visible_to(request.user).exists()):
        raise PermissionDenied
    return render(request, "monitor/definities.html", {"indicatoren": INDICATOREN.values(), "drempel": selectors.DREMPEL})
