"""The exchange's pages for the backoffice: upload of providers' messages with a per-file outcome, the open
tasks they bring (with their deadlines), download of what is due, the message log per client, and the
answer (319) to a provider's request.

Thin views: reads through berichten.berichten_zichtbaar_voor / berichttaken_zichtbaar_voor (the gemeente's
backoffice only), writes through backoffice.berichten; every resident shown is an audit event. Ids travel
in query strings or paths, never a BSN or a name.
"""

from __future__ import annotations

import io
import zipfile

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkregie.core.access import get_visible_or_404
from wijkregie.core.audit import AuditActie, audit_disclosure, audit_log
from wijkregie.inwoners.selectors import personen_visible_to
from wijkregie.organisatie.toegangsbeleid import Gegevens, toont

from . import berichten, selectors
from .forms_berichten import AntwoordForm, UploadForm
from .istandaard import codes
from .istandaard.lezen import Onleesbaar
from .models import BerichtStatus, Richting

PERM = "backoffice.beslissen"


def _vereist_backoffice(request) -> None:
    if not request.user.has_perm(PERM):
        raise PermissionDenied


def _toon(request, client_ids, omschrijving: str) -> None:
    with transaction.atomic():
        audit_disclosure(actor=request.user, client_ids=client_ids, object_type="backoffice.bericht",
                         omschrijving=omschrijving)


def _id(request, naam: str) -> int:
    try:
        return int(request.GET.get(naam, ""))
    except ValueError:
        raise Http404 from None


@toont(Gegevens.IDENTITEIT, perm=PERM)
@require_http_methods(["GET", "POST"])
def berichten_overzicht(request):
    """Upload, the open tasks with their deadlines, the messages due, the latest messages in."""
    _vereist_backoffice(request)
    uitkomsten = []
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        for bestand in form.cleaned_data["bestanden"]:
            try:
                uitkomst = berichten.bericht_importeren(inhoud=bestand.read(), bestandsnaam=bestand.name,
                                                        gemeente=request.user.gemeente, actor=request.user)
            except Onleesbaar as fout:
                uitkomsten.append({"naam": bestand.name, "gelukt": False, "tekst": _("niet leesbaar: %s") % fout})
            except berichten.BerichtFout as fout:
                uitkomsten.append({"naam": bestand.name, "gelukt": False, "tekst": str(fout)})
            else:
                b = uitkomst.bericht
                uitkomsten.append({
                    "naam": bestand.name, "gelukt": uitkomst.geaccepteerd, "bericht": b, "retour": uitkomst.retour,
                    "tekst": (_("verwerkt") if uitkomst.geaccepteerd else
                              _("afgekeurd: %s") % ", ".join(f"{c} {codes.retourcode_betekenis(c)}"
                                                             for c in b.retourcode_lijst if c != codes.GOED)),
                    # Which rule, which element (an XSD path): what the provider must fix.
                    "redenen": b.toelichting.splitlines()[:5],
                })
        form = UploadForm()
    taken = list(berichten.berichttaken_zichtbaar_voor(request.user).filter(afgehandeld_op__isnull=True)
                 .select_related("persoon", "bericht"))
    zichtbaar = berichten.berichten_zichtbaar_voor(request.user)
    due = list(zichtbaar.filter(richting=Richting.UIT, status=BerichtStatus.KLAAR).select_related("persoon")[:200])
    recent = list(zichtbaar.filter(richting=Richting.IN).select_related("persoon")[:30])
    uitgebleven = berichten.starts_uitgebleven(request.user)
    getoond = [t.persoon_id for t in taken] + [b.persoon_id for b in due + recent] + \
        [t.beschikking.persoon_id for t in uitgebleven] + \
        [u["bericht"].persoon_id for u in uitkomsten if u.get("bericht")]
    _toon(request, getoond, "backoffice: berichten, taken en uitkomst van het inlezen, identiteit")
    # A message carries only the provider's AGB code: the name the backoffice knows it by, from its toewijzingen.
    met_aanbieder = [t.bericht for t in taken] + due + recent
    namen = selectors.aanbieder_namen(request.user.gemeente_id, [b.aanbieder_agb for b in met_aanbieder])
    for b in met_aanbieder:
        b.aanbieder_naam = namen.get(b.aanbieder_agb, "")
    vandaag = timezone.localdate()
    return render(request, "backoffice/berichten_overzicht.html", {
        "form": form, "uitkomsten": uitkomsten, "taken": taken, "due": due, "recent": recent, "vandaag": vandaag,
        "uitgebleven": uitgebleven,
    })


@toont(Gegevens.IDENTITEIT, Gegevens.CONTACT, perm=PERM)
def bericht_download(request):
    """One message's XML (?bericht=id): name, BSN, address and telephone of its client."""
    _vereist_backoffice(request)
    bericht = get_visible_or_404(berichten.berichten_zichtbaar_voor(request.user), pk=_id(request, "bericht"))
    with transaction.atomic():
        audit_log(actor=request.user, actie=AuditActie.READ, object_type="backoffice.bericht", object_id=bericht.pk,
                  client_id=bericht.persoon_id, omschrijving=f"{bericht.soort} gedownload", grondslag="rol")
    response = HttpResponse(bericht.inhoud.encode("utf-8"), content_type="application/xml; charset=utf-8")
    # An incoming file keeps the name it was uploaded with: quoted by Django, never pasted into the header.
    naam = bericht.bestandsnaam or f"{bericht.soort}_{bericht.pk}.xml"
    response["Content-Disposition"] = content_disposition_header(True, naam)
    response["Cache-Control"] = "no-store"
    return response


@toont(Gegevens.IDENTITEIT, Gegevens.CONTACT, perm=PERM)
@require_POST
def berichten_downloaden(request):
    """Every message due, as one ZIP for the gateway; they count as sent from now on."""
    _vereist_backoffice(request)
    due = berichten.berichten_ophalen(gemeente=request.user.gemeente, actor=request.user)
    if not due:
        return redirect("backoffice:berichten")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for bericht in due:
            zf.writestr(bericht.bestandsnaam or f"{bericht.soort}_{bericht.pk}.xml", bericht.inhoud)
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, f"berichten_{timezone.localdate():%Y%m%d}.zip")
    response["Cache-Control"] = "no-store"
    return response


@toont(Gegevens.IDENTITEIT, over="persoon", perm=PERM)
def persoon_berichten(request, pk: int):
    """The message log of one client: who, which message, when, the outcome; and the tasks it brought."""
    _vereist_backoffice(request)
    persoon = get_visible_or_404(personen_visible_to(request.user, Gegevens.IDENTITEIT), pk=pk)
    log = list(berichten.berichten_zichtbaar_voor(request.user).filter(persoon=persoon)
               .select_related("aangemaakt_door", "antwoord_op"))
    taken = list(berichten.berichttaken_zichtbaar_voor(request.user).filter(persoon=persoon))
    _toon(request, [persoon.pk], "backoffice: berichtenlog van de cliënt")
    return render(request, "backoffice/berichten_persoon.html", {"persoon": persoon, "log": log, "taken": taken})


@toont(Gegevens.IDENTITEIT, perm=PERM)
@require_http_methods(["GET", "POST"])
def taak_beantwoorden(request):
    """The 319 on a provider's request (?taak=id): afwijzen with a WJ759 reden, or in onderzoek."""
    _vereist_backoffice(request)
    taak = get_visible_or_404(berichten.berichttaken_zichtbaar_voor(request.user).select_related("persoon", "bericht"),
                              pk=_id(request, "taak"))
    toewijzingen = berichten.toewijzingen_voor_antwoord(taak)
    form = (
        AntwoordForm(request.POST) if request.method == "POST" and "toewijzing" not in request.POST else AntwoordForm()
    )
    toewijzing_fout = ""
    if request.method == "POST" and "toewijzing" in request.POST:
        # Answered with a 301: a toewijzing the backoffice decided for this client at this provider.
        gekozen = next((t for t in toewijzingen if str(t.pk) == request.POST["toewijzing"]), None)
        if gekozen is None:
            toewijzing_fout = _("Kies een toewijzing van deze inwoner bij deze aanbieder.")
        else:
            try:
                berichten.verzoek_toegewezen(actor=request.user, taak=taak, toewijzing=gekozen)
            except berichten.BerichtFout as fout:
                toewijzing_fout = str(fout)
            else:
                return redirect("backoffice:berichten")
    elif request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            berichten.verzoek_beantwoorden(actor=request.user, taak=taak, verzoek_antwoord=d["antwoord"],
                                           reden=d["reden"], woonplaats_gemeente=d["gemeente"])
        except berichten.BerichtFout as fout:
            form.add_error(None, str(fout))
        else:
            return redirect("backoffice:berichten")
    _toon(request, [taak.persoon_id], "backoffice: verzoek van een aanbieder beantwoorden")
    return render(request, "backoffice/berichten_taak.html", {"taak": taak, "form": form, "toewijzingen": toewijzingen,
                                                                 "toewijzing_fout": toewijzing_fout})
