"""Residents' pages: search, register (duplicates first), view and change; consent per person.

They live in toegang (where residents are registered and found) because the person page also shows
consent (casus) and aanmeldingen (toegang): inwoners itself sits below both and knows neither.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkregie.casus import services as casus_services
from wijkregie.casus.forms import IntrekkenForm, ToestemmingForm
from wijkregie.casus.selectors import casussen_visible_to, toestemmingen_van
from wijkregie.core.access import get_visible_or_404
from wijkregie.core.audit import AuditActie, audit_disclosure, audit_log
from wijkregie.organisatie.toegangsbeleid import Gegevens, toont

from wijkregie.inwoners import selectors, services, zoeklimiet
from wijkregie.inwoners.forms import PersoonForm
from wijkregie.inwoners.models import Lidmaatschap

from .selectors import aanmeldingen_visible_to

def _mag_schrijven(user) -> None:
    if not user.has_perm("inwoners.registreren"):
        raise PermissionDenied


def audit_zoekresultaat(user, personen, zoek_soort: str) -> None:
    """Showing names in a result list is a disclosure too: one event per client shown, so the privacy
    officer finds it per client."""
    with transaction.atomic():
        audit_disclosure(actor=user, client_ids=[p.pk for p in personen], object_type="inwoners.persoon",
                         omschrijving=f"{zoek_soort}: identiteit")


def audit_bsn_controle(user, form) -> None:
    """'This BSN is known' tells that someone is a client: that answer is audited. A BSN of someone
    the user may not see is not answered at all, but the attempt is recorded with its holder."""
    if getattr(form, "bsn_bekend", False):
        with transaction.atomic():
            audit_log(actor=user, actie=AuditActie.READ, object_type="inwoners.persoon",
                      omschrijving="BSN-controle: BSN is bekend")
    if getattr(form, "bsn_houder_id", None):
        with transaction.atomic():
            audit_log(actor=user, actie=AuditActie.EXECUTE, object_type="inwoners.persoon",
                      client_id=form.bsn_houder_id, doel="registratie",
                      omschrijving="BSN van een niet-zichtbare inwoner ingevoerd: niet getoond, naar de bureaudienst")


@toont(Gegevens.IDENTITEIT)
@require_http_methods(["GET", "POST"])
def zoeken(request):
    """Search residents. The form posts, so a BSN never lands in a URL or the browser's history."""
    bron = request.POST if request.method == "POST" else request.GET
    zoek = (bron.get("q") or bron.get("zoek") or "").strip()[:100]
    resultaat = zoeklimiet.personen_zoeken_beperkt(request.user, zoek)
    context = {"zoek": zoek, "personen": resultaat.personen, "fout": resultaat.fout,
               "kiezen": (request.GET.get("kiezen") or bron.get("kiezen")) == "1"}
    if request.htmx:
        return render(request, "toegang/_zoekresultaten.html", context)
    return render(request, "toegang/zoeken.html", context)


@toont(Gegevens.IDENTITEIT, over="persoon")
def persoon(request, pk: int):
    """Who a resident is for everyone who may know; contact, consents and files only as the policy allows."""
    user = request.user
    persoon = get_visible_or_404(selectors.personen_visible_to(user), pk=pk)
    mag = {soort for soort in (Gegevens.CONTACT, Gegevens.TOESTEMMING)
           if selectors.personen_visible_to(user, soort).filter(pk=persoon.pk).exists()}
    lidmaatschappen = list(
        Lidmaatschap.objects.filter(persoon=persoon, gemeente_id=persoon.gemeente_id).select_related("huishouden")
    )
    huishouden = lidmaatschappen[0].huishouden if lidmaatschappen else None
    leden = (
        list(selectors.personen_visible_to(request.user).filter(lidmaatschappen__huishouden=huishouden).distinct())
        if huishouden else []
    )
    with transaction.atomic():
        services.audit_persoon(actor=user, persoon=persoon, actie=AuditActie.READ,
                               omschrijving="persoonskaart: " + ", ".join(["identiteit", *sorted(mag)]))
    return render(request, "toegang/persoon.html", {
        "persoon": persoon, "huishouden": huishouden, "leden": leden, "vandaag": timezone.localdate(),
        "toon_contact": Gegevens.CONTACT in mag, "toon_toestemming": Gegevens.TOESTEMMING in mag,
        "mag_registreren": user.has_perm("inwoners.registreren"),
        "mag_toedelen": user.has_perm("toegang.toedelen"),
        "toestemmingen": toestemmingen_van(persoon) if Gegevens.TOESTEMMING in mag else [],
        "casussen": casussen_visible_to(user).filter(hoofdpersoon=persoon),
        "aanmeldingen": aanmeldingen_visible_to(user).filter(persoon=persoon),
    })


@toont(Gegevens.IDENTITEIT, perm="inwoners.registreren")
@require_http_methods(["GET", "POST"])
def nieuw(request):
    _mag_schrijven(request.user)
    form = PersoonForm(request.POST or None, gemeente=request.user.gemeente,
                       zichtbaar=selectors.personen_visible_to(request.user))
    geldig = request.method == "POST" and form.is_valid()
    audit_bsn_controle(request.user, form)
    if geldig:
        kandidaat = form.save(commit=False)
        dubbelen = [] if form.cleaned_data.get("toch_nieuw") else selectors.mogelijke_dubbelen(request.user, kandidaat)
        if dubbelen:
            form.toon_dubbelen(dubbelen)
            audit_zoekresultaat(request.user, dubbelen, "mogelijke dubbelen")
        else:
            persoon = services.persoon_create(actor=request.user, persoon=kandidaat)
            messages.success(request, _("%(naam)s is geregistreerd.") % {"naam": persoon.naam})
            return redirect("toegang:persoon", pk=persoon.pk)
    return render(request, "toegang/persoon_form.html", {"form": form})


@toont(Gegevens.IDENTITEIT, Gegevens.CONTACT, over="persoon", perm="inwoners.registreren")
@require_http_methods(["GET", "POST"])
def bewerken(request, pk: int):
    _mag_schrijven(request.user)
    persoon = get_visible_or_404(selectors.personen_visible_to(request.user, Gegevens.CONTACT), pk=pk)
    form = PersoonForm(request.POST or None, instance=persoon, zichtbaar=selectors.personen_visible_to(request.user))
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            services.persoon_update(actor=request.user, persoon=form.save(commit=False), changed=form.changed_data)
            messages.success(request, _("De gegevens zijn opgeslagen."))
        return redirect("toegang:persoon", pk=persoon.pk)
    # The form shows the whole record: reading it is a disclosure like the person page.
    with transaction.atomic():
        services.audit_persoon(actor=request.user, persoon=persoon, actie=AuditActie.READ,
                               omschrijving="wijzigformulier: identiteit, contact")
    return render(request, "toegang/persoon_form.html", {"form": form, "persoon": persoon})


@toont(Gegevens.IDENTITEIT, Gegevens.TOESTEMMING, over="persoon", perm="inwoners.registreren")
@require_http_methods(["GET", "POST"])
def toestemming_nieuw(request, pk: int):
    _mag_schrijven(request.user)
    persoon = get_visible_or_404(selectors.personen_visible_to(request.user, Gegevens.TOESTEMMING), pk=pk)
    form = ToestemmingForm(request.POST or None, request.FILES or None, gemeente=request.user.gemeente)
    if request.method == "POST" and form.is_valid():
        toestemming = form.save(commit=False)
        toestemming.persoon = persoon
        casus_services.toestemming_register(actor=request.user, toestemming=toestemming)
        messages.success(request, _("De toestemming is vastgelegd."))
        return redirect("toegang:persoon", pk=persoon.pk)
    with transaction.atomic():
        services.audit_persoon(actor=request.user, persoon=persoon, actie=AuditActie.READ,
                               omschrijving="toestemmingsformulier: identiteit")
    return render(request, "toegang/toestemming_form.html", {"form": form, "persoon": persoon})


@toont(Gegevens.TOESTEMMING, over="persoon", perm="inwoners.registreren")
@require_POST
def toestemming_intrekken(request, pk: int, toestemming_pk: int):
    _mag_schrijven(request.user)
    persoon = get_visible_or_404(selectors.personen_visible_to(request.user, Gegevens.TOESTEMMING), pk=pk)
    toestemming = get_visible_or_404(toestemmingen_van(persoon), pk=toestemming_pk)
    form = IntrekkenForm(request.POST)
    reden = form.cleaned_data["reden"] if form.is_valid() else ""
    casus_services.toestemming_intrekken(actor=request.user, toestemming=toestemming, reden=reden)
    messages.success(request, _("De toestemming is ingetrokken. Dat geldt vanaf nu."))
    return redirect("toegang:persoon", pk=persoon.pk)


@toont(Gegevens.TOESTEMMING, Gegevens.DOCUMENTEN, over="persoon")
def toestemming_document(request, pk: int, toestemming_pk: int):
    """The signed consent form, only for those who may see the person's consents; every download is audited."""
    persoon = get_visible_or_404(selectors.personen_visible_to(request.user, Gegevens.TOESTEMMING)
                                 .filter(pk__in=selectors.personen_visible_to(request.user, Gegevens.DOCUMENTEN)), pk=pk)
    toestemming = get_visible_or_404(toestemmingen_van(persoon).exclude(document=""), pk=toestemming_pk)
    with transaction.atomic():
        audit_log(
            actor=request.user, actie=AuditActie.READ, object_type="casus.toestemming", object_id=toestemming.pk,
            gemeente_id=persoon.gemeente_id, client_id=persoon.pk, omschrijving="getekende verklaring gedownload",
        )
    response = FileResponse(toestemming.document.open("rb"), as_attachment=True,
                            filename=f"toestemming-{toestemming.pk}{Path(toestemming.document.name).suffix}")
    response["Cache-Control"] = "no-store"
    return response
