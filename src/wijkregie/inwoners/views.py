"""Residents' pages: search, register (duplicates first), view and change.

The person page shows parts owned by apps above this one (consents and casussen: casus; aanmeldingen:
toegang) through `persoon_panelen`, which those apps fill in their ready(); each part asks the access
policy for itself, and the page's one audit event names every kind of data shown.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkregie.core.access import get_visible_or_404, toont
from wijkregie.core.audit import AuditActie, audit_disclosure, audit_log
from wijkregie.core.panelen import Panelen
from wijkregie.organisatie.toegangsbeleid import Gegevens

from . import selectors, services, zoeklimiet
from .forms import LidForm, PersoonForm, SnellePersoonForm
from .models import Huishouden, Lidmaatschap, Relatie

#: Parts of the person page contributed by apps above inwoners: bron(request, persoon) -> Paneel | None.
persoon_panelen = Panelen()


def vereist_registreren(user) -> None:
    """403 for whoever may not register or change residents (the action rule inwoners.registreren)."""
    if not user.has_perm("inwoners.registreren"):
        raise PermissionDenied


def audit_bsn_controle(user, form) -> None:
    """'This BSN is known' tells that someone is a client: that answer is audited. A BSN of someone
    the user may not see is not answered at all, but the attempt is recorded with its holder."""
    if getattr(form, "bsn_bekend", False):
        with transaction.atomic():
            audit_log(actor=user, actie=AuditActie.READ, object_type="inwoners.persoon", client_id=form.bsn_bekend,
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
        return render(request, "inwoners/_zoekresultaten.html", context)
    return render(request, "inwoners/zoeken.html", context)


@toont(Gegevens.IDENTITEIT, over="persoon")
def persoon(request, pk: int):
    """Who a resident is for everyone who may know; contact, consents and files only as the policy allows."""
    user = request.user
    persoon = get_visible_or_404(selectors.personen_visible_to(user), pk=pk)
    toon_contact = selectors.persoon_toont(user, persoon, Gegevens.CONTACT)
    panelen = persoon_panelen.voor(request, persoon)
    getoond = {Gegevens.IDENTITEIT} | ({Gegevens.CONTACT} if toon_contact else set())
    getoond |= {soort for paneel in panelen for soort in paneel.gegevens}
    huishouden = _huishouden_van(persoon)
    leden = (
        list(selectors.personen_visible_to(request.user).filter(
            pk__in=Lidmaatschap.objects.huidig().filter(huishouden=huishouden).values("persoon_id")))
        if huishouden else []
    )
    with transaction.atomic():
        services.persoon_audit(actor=user, persoon=persoon, actie=AuditActie.READ,
                               omschrijving="persoonskaart: " + ", ".join(g.value for g in Gegevens if g in getoond))
        # The household's members are named on the page too: each of them is disclosed.
        audit_disclosure(
            actor=user,
            client_ids=[lid.pk for lid in leden if lid.pk != persoon.pk],
            object_type="inwoners.persoon",
            omschrijving="lid van het huishouden op persoonskaart: identiteit",
        )
    return render(request, "inwoners/persoon.html", {
        "persoon": persoon, "huishouden": huishouden, "leden": leden, "panelen": panelen,
        "toon_contact": toon_contact, "mag_registreren": user.has_perm("inwoners.registreren"),
        "mag_toedelen": user.has_perm("toegang.toedelen"),
    })


@toont(Gegevens.IDENTITEIT, perm="inwoners.registreren")
@require_http_methods(["GET", "POST"])
def nieuw(request):
    vereist_registreren(request.user)
    form = PersoonForm(request.POST or None, gemeente=request.user.gemeente,
                       zichtbaar=selectors.personen_visible_to(request.user))
    geldig = request.method == "POST" and form.is_valid()
    audit_bsn_controle(request.user, form)
    if geldig:
        kandidaat = form.save(commit=False)
        dubbelen = (
            []
            if form.cleaned_data.get("toch_nieuw")
            else zoeklimiet.mogelijke_dubbelen_beperkt(request.user, kandidaat)
        )
        if dubbelen:
            form.toon_dubbelen(dubbelen)
        else:
            persoon = services.persoon_create(actor=request.user, persoon=kandidaat)
            messages.success(request, _("%(naam)s is geregistreerd.") % {"naam": persoon.naam})
            return redirect("inwoners:persoon", pk=persoon.pk)
    return render(request, "inwoners/persoon_form.html", {"form": form})


@toont(Gegevens.IDENTITEIT, Gegevens.CONTACT, over="persoon", perm="inwoners.registreren")
@require_http_methods(["GET", "POST"])
def bewerken(request, pk: int):
    vereist_registreren(request.user)
    persoon = get_visible_or_404(selectors.personen_visible_to(request.user, Gegevens.CONTACT), pk=pk)
    form = PersoonForm(request.POST or None, instance=persoon, zichtbaar=selectors.personen_visible_to(request.user))
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            services.persoon_update(actor=request.user, persoon=form.save(commit=False), changed=form.changed_data)
            messages.success(request, _("De gegevens zijn opgeslagen."))
        return redirect("inwoners:persoon", pk=persoon.pk)
    # The form shows the whole record: reading it is a disclosure like the person page; the household
    # members offered as representative are named on it too.
    with transaction.atomic():
        if "vertegenwoordiger" in form.fields:
            audit_disclosure(
                actor=request.user,
                client_ids=[p.pk for p in form.fields["vertegenwoordiger"].queryset],
                object_type="inwoners.persoon",
                omschrijving="wijzigformulier: huishouden als vertegenwoordiger",
            )
        services.persoon_audit(actor=request.user, persoon=persoon, actie=AuditActie.READ,
                               omschrijving="wijzigformulier: identiteit, contact")
    return render(request, "inwoners/persoon_form.html", {"form": form, "persoon": persoon})


def _huishouden_van(persoon):
    """The household the person lives in (or, without that mark, the first current one)."""
    lid = Lidmaatschap.objects.huidig().filter(persoon=persoon).select_related("huishouden").woont_eerst().first()
    return lid.huishouden if lid else None


@toont(Gegevens.IDENTITEIT, Gegevens.CONTACT, over="persoon", perm="inwoners.registreren")
@require_http_methods(["GET", "POST"])
def huishouden(request, pk: int):
    """Compose the household: its members with their relation, gezag and where they live; add someone
    known (people registered at the same address are suggested), register someone new, or end a
    membership. Whoever may change the person's details may change their household."""
    user = request.user
    vereist_registreren(user)
    persoon = get_visible_or_404(selectors.personen_visible_to(user, Gegevens.CONTACT), pk=pk)
    huishouden = _huishouden_van(persoon)
    if huishouden is None:
        with transaction.atomic():
            huishouden = Huishouden.objects.create(
                gemeente_id=persoon.gemeente_id, naam=f"Huishouden {persoon.achternaam}"
            )
            services.lidmaatschap_add(actor=user, huishouden=huishouden, persoon=persoon, relatie=Relatie.HOOFD)
    leden = list(
        Lidmaatschap.objects.huidig().filter(huishouden=huishouden).select_related("persoon").order_by("van", "pk")
    )
    zichtbaar = selectors.personen_visible_to(user)
    zichtbare_ids = set(zichtbaar.filter(pk__in=[lid.persoon_id for lid in leden]).values_list("pk", flat=True))
    suggesties = selectors.op_hetzelfde_adres(user, persoon, behalve=[lid.persoon_id for lid in leden])
    data = request.POST if request.method == "POST" else None
    actie = request.POST.get("actie") if data else None
    zoek = (request.POST.get("zoek") or "").strip() if data else ""
    gevonden = (
        zoeklimiet.personen_zoeken_beperkt(user, zoek, omschrijving="zoekresultaat bij huishouden") if zoek else None
    )
    kandidaten = zichtbaar.filter(
        pk__in=[p.pk for p in suggesties] + [p.pk for p in (gevonden.personen if gevonden else [])]
    )
    bouwen = actie == "toevoegen"
    form = LidForm(
        data if bouwen else None,
        kandidaten=kandidaten,
        initial={k: v for k, v in (data or {}).items() if k in ("relatie", "gezag", "van")} if data else None,
    )
    nieuw = SnellePersoonForm(data if bouwen else None, prefix="nieuw", gemeente=user.gemeente, zichtbaar=zichtbaar)
    if actie == "beeindigen":
        lid = get_visible_or_404(Lidmaatschap.objects.filter(huishouden=huishouden, pk__in=[lid.pk for lid in leden]),
                                 pk=request.POST.get("lid"))
        services.lidmaatschap_end(actor=user, lidmaatschap=lid)
        messages.success(request, _("%(naam)s hoort niet meer bij dit huishouden.") % {"naam": lid.persoon.naam})
        return redirect("inwoners:huishouden", pk=persoon.pk)
    if bouwen and all([form.is_valid(), nieuw.is_valid()]):  # both judged: every error shows at once
        audit_bsn_controle(user, nieuw)
        gekozen, d = form.cleaned_data["persoon"], form.cleaned_data
        try:
            with transaction.atomic():
                if gekozen is None:
                    if not nieuw.ingevuld():
                        raise ValidationError({"persoon": _("Kies een inwoner of vul de gegevens van een nieuwe in.")})
                    kandidaat = nieuw.save(commit=False)
                    kandidaat.gemeente_id = user.gemeente_id
                    services.lidmaatschap_check(huishouden=huishouden, persoon=kandidaat, relatie=d["relatie"],
                                                      gezag=d["gezag"])
                    gekozen = services.persoon_create(actor=user, persoon=kandidaat, huishouden=huishouden,
                                                      relatie=d["relatie"], gezag=d["gezag"])
                else:
                    services.lidmaatschap_add(actor=user, huishouden=huishouden, persoon=gekozen,
                                                    relatie=d["relatie"], van=d["van"], gezag=d["gezag"],
                                                    woont_hier=d["woont_hier"])
        except ValidationError as error:
            for veld, fouten in error.message_dict.items():
                form.add_error(veld if veld in form.fields else None, fouten)
        else:
            messages.success(request, _("%(naam)s hoort nu bij het huishouden.") % {"naam": gekozen.naam})
            return redirect("inwoners:huishouden", pk=persoon.pk)
    with transaction.atomic():
        audit_disclosure(actor=user, client_ids=sorted(zichtbare_ids | {p.pk for p in kandidaten}),
                         object_type="inwoners.huishouden", object_id=huishouden.pk,
                         omschrijving="huishouden samenstellen: identiteit")
    heeft_kandidaten = kandidaten.exists()
    zoekfout = gevonden.fout if gevonden else ""
    if not zoekfout and gevonden is not None and not gevonden.personen:
        zoekfout = _("Niemand gevonden die u mag zien. Controleer de spelling, of registreer een nieuwe inwoner.")
    if not heeft_kandidaten and form.errors.get("persoon"):
        # Without anyone to choose the choice is not on the page: its error goes to the search, where it is seen.
        zoekfout = " ".join([zoekfout, *form.errors["persoon"]]).strip()
    return render(request, "inwoners/huishouden.html", {
        "persoon": persoon, "huishouden": huishouden, "leden": leden, "zichtbare_ids": zichtbare_ids,
        "form": form, "nieuw": nieuw, "zoek": zoek, "zoekfout": zoekfout, "heeft_kandidaten": heeft_kandidaten,
    })
