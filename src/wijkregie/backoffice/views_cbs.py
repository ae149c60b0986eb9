"""CBS pages: the Beleidsinformatie Jeugd delivery for the backoffice (record level: counts and checks on
the page, the file as a download audited per person) and the Wmo figures of the Gemeentelijke Monitor
Sociaal Domein for the beleidsmedewerker (aggregates with small numbers suppressed, never a person).

Always the user's own gemeente. The period travels in the query string ('2026-1'), never a BSN or a name.
Whoever lacks the right gets 404 on the record-level pages (they do not learn the pages exist).
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from wijkregie.core.audit import AuditActie, audit_disclosure, audit_log
from wijkregie.core.models import AuditResultaat
from wijkregie.organisatie.toegangsbeleid import Gegevens, toont

from . import cbs

PERM_JEUGD = "backoffice.cbs_jeugd"
PERM_WMO = "backoffice.cbs_wmo"
#: The ground of the delivery: the Jeugdwet obliges the data to CBS (art. 7.4.4; Regeling Jeugdwet bijlage 2).
GRONDSLAG_JEUGD = "Jeugdwet art. 7.4.4: beleidsinformatie aan CBS"
DOEL_JEUGD = "beleidsinformatie jeugd (CBS)"


def _periode(request) -> tuple[cbs.Periode, str]:
    """The chosen period, or the newest ended one; a bad value gives the default with a Dutch message."""
    code = request.GET.get("periode", "")
    if not code:
        return cbs.Periode.laatst_afgesloten(), ""
    try:
        return cbs.Periode.uit_code(code), ""
    except ValueError as fout:
        return cbs.Periode.laatst_afgesloten(), str(fout)


def _vereist(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise Http404


@toont(perm=PERM_JEUGD)
def jeugd(request):
    """Choose the period; see the counts and the checks of the delivery and of the correction delivery of the
    period before. The page names trajecten (our own references) in its checks, never a person."""
    _vereist(request, PERM_JEUGD)
    periode, periode_fout = _periode(request)
    gemeente = request.user.gemeente
    rijen = []
    for lev in cbs.leveringen(gemeente, periode):
        rijen.append(
            {
                "levering": lev,
                "tellingen": lev.tellingen(),
                "fouten": lev.fouten,
                "hulpvormen": [
                    (code, cbs.HULPVORMEN.get(code, code), n) for code, n in lev.tellingen()["per_hulpvorm"]
                ],
            }
        )
    # A traject named in a check is a pseudonymous pointer to a resident: the persons behind them are recorded.
    genoemd = {f.traject for r in rijen for f in r["fouten"]}
    ids = [t.persoon_id for r in rijen for t in r["levering"].trajecten if t.traject in genoemd]
    with transaction.atomic():
        audit_disclosure(actor=request.user, client_ids=ids, object_type="backoffice.cbs_jeugd",
                         omschrijving=f"CBS jeugd {periode.code}: controle, trajectnummers", grondslag=GRONDSLAG_JEUGD,
                         doel=DOEL_JEUGD)
    response = render(request, "backoffice/cbs_jeugd.html", {
        "periode": periode, "periode_fout": periode_fout, "periodes": cbs.periodes_om_te_kiezen(), "rijen": rijen,
        "kolommen": cbs.KOLOMMEN,
    })
    response["Cache-Control"] = "no-store"
    return response


@toont(Gegevens.IDENTITEIT, perm=PERM_JEUGD)
def jeugd_bestand(request):
    """The file for CBS (?periode=2026-1, &herlevering=1 for the correction delivery of that period): only
    when every check passes. Each person in it is recorded (one event per person, one insert)."""
    _vereist(request, PERM_JEUGD)
    periode, periode_fout = _periode(request)
    if periode_fout:
        raise Http404
    lev = cbs.levering(request.user.gemeente, periode, herlevering=request.GET.get("herlevering") == "1")
    if not lev.in_orde:
        with transaction.atomic():
            audit_log(actor=request.user, actie=AuditActie.READ, object_type="backoffice.cbs_jeugd",
                      omschrijving=f"CBS jeugd {periode.code}: niet geleverd, {len(lev.fouten)} fouten",
                      grondslag=GRONDSLAG_JEUGD, resultaat=AuditResultaat.MISLUKT, doel=DOEL_JEUGD)
        response = HttpResponse(_("Deze levering heeft fouten en wordt niet gemaakt. Zie de controle op de pagina."),
                                status=409, content_type="text/plain; charset=utf-8")
        return response
    inhoud = lev.inhoud()
    with transaction.atomic():
        audit_disclosure(actor=request.user, client_ids=lev.persoon_ids, actie=AuditActie.READ,
                         object_type="backoffice.cbs_jeugd", grondslag=GRONDSLAG_JEUGD, doel=DOEL_JEUGD,
                         omschrijving=f"CBS jeugd {lev.bestandsnaam}: bsn, geboortedatum, geslacht, postcode, traject")
    response = HttpResponse(inhoud, content_type="text/csv; charset=us-ascii")
    response["Content-Disposition"] = content_disposition_header(True, lev.bestandsnaam)
    response["Cache-Control"] = "no-store"
    return response


@toont(perm=PERM_WMO)
def wmo(request):
    """The GMSD Wmo figures of one half year, suppressed: aggregates only, for the beleidsmedewerker."""
    _vereist(request, PERM_WMO)
    periode, periode_fout = _periode(request)
    cijfers = cbs.wmo_cijfers(request.user.gemeente, periode)
    # The totals in one table (one line each), then one table per breakdown.
    totalen = [(c, cbs.ONDERDELEN[c.onderdeel]) for c in cijfers if c.uitsplitsing == "totaal"]
    groepen = []
    for code, naam in cbs.ONDERDELEN.items():
        rijen = [c for c in cijfers if c.onderdeel == code and c.uitsplitsing != "totaal"]
        if rijen:
            groepen.append({"code": code, "naam": naam, "rijen": [(c, _uitsplitsing(c)) for c in rijen]})
    return render(
        request,
        "backoffice/cbs_wmo.html",
        {
            "periode": periode,
            "periode_fout": periode_fout,
            "periodes": cbs.periodes_om_te_kiezen(),
            "groepen": groepen,
            "totalen": totalen,
            "drempel": cbs.DREMPEL,
            "onder_drempel": cbs.DREMPEL - 1,
            "klein": cbs.KLEIN,
            "geheim": cbs.GEHEIM,
        },
    )


def _uitsplitsing(c: cbs.Cijfer) -> str:
    if c.onderdeel == "productcategorie":
        from wijkregie.plan.codelijsten import omschrijving

        return f"{c.uitsplitsing} {omschrijving('wmo', c.uitsplitsing)}"
    if c.uitsplitsing == "totaal":
        return _("totaal")
    if c.uitsplitsing == "onbekend":
        return _("onbekend")
    if c.onderdeel == "leeftijd":
        return _("%(k)s jaar") % {"k": c.uitsplitsing.replace("-", "–")}
    return c.uitsplitsing


@toont(perm=PERM_WMO)
def wmo_csv(request):
    _vereist(request, PERM_WMO)
    periode, periode_fout = _periode(request)
    if periode_fout:
        raise Http404
    gemeente = request.user.gemeente
    tekst = cbs.wmo_csv(gemeente.cbs_code or "", periode, cbs.wmo_cijfers(gemeente, periode))
    response = HttpResponse(tekst.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"gmsd_wmo_{gemeente.cbs_code}_{periode.code}.csv"
    )
    return response
