"""What a monitor page or file shows for one request: the filter from the query string (limited to what the
user may see) and the figures for it, as cells and charts. Shared by the dashboards and the exports."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import charts, presentation, selectors
from ..computation import berekend, cijfers_sleutel
from ..definitions import INDICATOREN, LOPENDE_CASUSSEN, MEDIAAN, TOTAAL
from ..forms import MonitorFilterForm, standaard_periode
from ..scope import Filter
from ..survey import RAPPORTCIJFER


def lees_filter(request, *, wijk=None, team=None) -> tuple[Filter | None, MonitorFilterForm]:
    """The filter from the query string, limited to what the user may see. None when the form has errors:
    then no figures are shown at all, rather than figures for something other than what was asked."""
    user = request.user
    vast = tuple(n for n, v in (("wijk", wijk), ("team", team)) if v is not None)
    data = request.GET.copy()
    standaard_van, standaard_tot = standaard_periode()
    data.setdefault("van", standaard_van.strftime("%Y-%m"))  # the form shows the period the figures are about
    data.setdefault("tot", (standaard_tot - datetime.timedelta(days=1)).strftime("%Y-%m"))
    form = MonitorFilterForm(data, wijken=selectors.wijken_monitor_visible_to(user),
                             teams=selectors.teams_monitor_visible_to(user),
                             locaties=selectors.locaties_monitor_visible_to(user),
                             keuzes=selectors.filter_keuzes(user), vast=vast)
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


def filter_of_400(request):
    """For files (exports, the report): a bad filter is a clear refusal, never a file about something else."""
    f, form = lees_filter(request)
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


def inhoud(request, f: Filter) -> dict:
    """Everything a dashboard, the report and the exports show for one filter."""
    onderdrukken = not selectors.volledig_zichtbaar(request.user, team=f.team)
    nulmeting, nulmetingen = _nulmeting(request, f)
    uitkomst = berekend(f)
    alle = presentation.cellen(
        uitkomst["rijen"], onderdrukken=onderdrukken, nulmeting=nulmeting.rijen if nulmeting else None
    )
    groepen = presentation.per_indicator(alle)
    maanden, totaal = presentation.maanden(uitkomst["trend"], onderdrukken=onderdrukken)

    def staven(code):
        # Only like with like in one chart: the ZRM share (%) is not drawn beside level changes.
        return charts.staafdiagram([(c.label, c.waarde, c.onderdrukt and c.teken) for c in groepen.get(code, [])
                                    if not c.is_aandeel])

    def waarde(code, breakdown):
        return next((c for c in groepen.get(code, []) if c.breakdown == breakdown), None)

    return {
        "filter": f, "berekend_op": uitkomst["berekend_op"], "onderdrukken": onderdrukken, "drempel": selectors.DREMPEL,
        # The dashboard keeps what it draws from these figures as long as the figures are kept (its `cache` tags):
        # the same aggregates for everyone who may see them with the same suppression, language and nulmeting.
        "tekening_sleutel": ":".join(str(x) for x in (
            cijfers_sleutel(f), uitkomst["berekend_op"].isoformat(), get_language(), onderdrukken,
            nulmeting.pk if nulmeting else "")),
        "cache_seconden": settings.MONITOR_CACHE_SECONDEN,
        "cellen": alle, "groepen": groepen, "indicatoren": INDICATOREN, "maanden": maanden,
        "nulmeting": nulmeting, "nulmetingen": nulmetingen,
        "trend_diagram": charts.kolomdiagram(maanden, "aanmeldingen", onderdrukken=onderdrukken),
        "kanaal_diagram": staven("instroom_per_kanaal"), "aard_diagram": staven("aard_van_de_vraag"),
        "schaling_diagram": staven("op_en_afschalingen"), "zrm_diagram": staven("zrm_voortgang"),
        "kern": {
            "aanmeldingen": totaal,
            "voorkant": waarde("opgelost_aan_de_voorkant", TOTAAL),
            "wachttijd": waarde("wachttijd_eerste_contact", MEDIAAN),
            "lopend": waarde("caseload", LOPENDE_CASUSSEN),
            "cijfer": waarde("clientervaring", RAPPORTCIJFER),
        },
    }
