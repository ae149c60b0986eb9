"""The monitor's files: the indicators as CSV or XLSX, the management report (PDF) and the pseudonymised
research export. Each is audited; each refuses a bad filter rather than answer about something else."""

from __future__ import annotations

import csv
import datetime
import decimal
import hashlib
import hmac
import io
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Min
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.core.views_achtergrond import naar_achtergrond
from wijkregie.organisatie.toegangsbeleid import toont

from ..definitions import INDICATOREN
from ..scope import Filter, aanmeldingen
from .inhoud import filter_of_400, inhoud

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
        audit_log(
            actor=request.user,
            actie=AuditActie.EXECUTE,
            object_type="monitor.export",
            omschrijving=(
                f"{wat}: {f.van}–{f.tot}, wijk {f.wijk.pk if f.wijk else '-'}, team {f.team.pk if f.team else '-'}"
            ),
        )


@toont(perm="monitor.zien")
@require_GET
def export(request, formaat: str):
    """The indicators as CSV or XLSX (codes as in the command-line export, plus readable labels), in Dutch
    whatever the user's language: one file for every reader, with the research export's conventions."""
    f, fout = filter_of_400(request)
    if fout:
        return fout
    with translation.override("nl"):
        response = _export(request, f, formaat)
    _audit_export(request, f, f"indicatoren als {formaat}")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(f, "indicatoren", formaat)}"'
    response["Cache-Control"] = "no-store"
    return response


def _export(request, f: Filter, formaat: str) -> HttpResponse:
    context = inhoud(request, f)
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
    maanden.append(
        ["maand", "aanmeldingen", "opgelost aan de voorkant (%)", "wachttijd eerste contact (mediaan, dagen)"]
    )
    for m in context["maanden"]:
        maanden.append([m["maand"].strftime("%Y-%m"), m["teken"] if m["onderdrukt"] else m["aanmeldingen"],
                        None if m["onderdrukt"] else m["voorkant"], m["wachttijd"]])
    buffer = io.BytesIO()
    boek.save(buffer)
    return HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


@toont(perm="monitor.zien")
@require_GET
def rapport(request):
    """The management report for the college (PDF): indicators, trend and the nulmeting, in plain Dutch. Made
    by the background worker (monitor/achtergrond.py); a bad filter is refused here, at once."""
    from ..achtergrond import Managementrapportage

    f, fout = filter_of_400(request)
    if fout:
        return fout
    return naar_achtergrond(request, Managementrapportage, query=request.GET.urlencode())


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
    f, fout = filter_of_400(request)
    if fout:
        return fout
    # A fresh key per export, never stored: pseudonyms link rows within this file (one resident's questions)
    # but not across exports, so two studies cannot be joined on them.
    sleutel = secrets.token_bytes(32)
    rijen = (
        aanmeldingen(f)
        .annotate(plan_op=Min("casus__plannen__ondertekend_op"), schalingen=Count("casus__schalingen", distinct=True))
        .values_list(
            "pk",
            "persoon_id",
            "persoon__geboortedatum",
            "persoon__wijk__naam",
            "team__naam",
            "kanaal",
            "triage__aard",
            "triage__uitkomst",
            "status",
            "ontvangen_op",
            "eerste_contact_op",
            "casus_id",
            "plan_op",
            "casus__afgesloten_op",
            "casus__geopend_op",
            "schalingen",
        )
        .order_by("ontvangen_op")
    )
    n = rijen.count()
    with transaction.atomic():
        audit_log(
            actor=request.user,
            actie=AuditActie.READ,
            object_type="monitor.onderzoek",
            omschrijving=f"gepseudonimiseerde export: {n} aanmeldingen, {f.van}–{f.tot}",
            grondslag="rol: beleidsmedewerker",
        )

    def dagen(a, b):
        return round((b - a).total_seconds() / 86400) if a and b else ""

    def regels():
        buffer = io.StringIO()
        buffer.write("\ufeff")  # as the indicator CSV: Excel opens it as UTF-8
        writer = csv.writer(buffer, delimiter=CSV_SCHEIDING)
        writer.writerow(
            [
                "aanmelding",
                "inwoner",
                "casus",
                "maand",
                "leeftijdsklasse",
                "wijk",
                "team",
                "kanaal",
                "aard",
                "route",
                "status",
                "dagen_tot_eerste_contact",
                "dagen_tot_plan",
                "doorlooptijd_dagen",
                "schalingen",
            ]
        )
        for (
            pk,
            persoon,
            geboren,
            wijk_naam,
            team_naam,
            kanaal,
            aard,
            uitkomst,
            status,
            ontvangen,
            contact,
            casus,
            plan_op,
            afgesloten,
            geopend,
            schalingen,
        ) in rijen.iterator(chunk_size=2000):
            writer.writerow(
                [
                    _pseudoniem(sleutel, "aanmelding", pk),
                    _pseudoniem(sleutel, "persoon", persoon),
                    _pseudoniem(sleutel, "casus", casus),
                    timezone.localtime(ontvangen).strftime("%Y-%m"),
                    _leeftijdsklasse(geboren, ontvangen.date()),
                    wijk_naam or "",
                    team_naam or "",
                    kanaal,
                    aard or "",
                    uitkomst or "",
                    status,
                    dagen(ontvangen, contact),
                    dagen(ontvangen, plan_op),
                    dagen(geopend, afgesloten),
                    schalingen,
                ]
            )
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(regels(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(f, "onderzoek", "csv")}"'
    response["Cache-Control"] = "no-store"
    return response
