"""Backoffice pages: the queue of maatwerk requests, the decision, a beschikking with its toewijzingen
(change, end) and its letter as PDF, and the expiring indications. Also the backoffice's card on the start
page and the beschikkingen's part of the casus page (registered in apps.ready()).

Thin views: reads through backoffice.selectors, writes through backoffice.services; every person shown is
an audit event (core.audit.audit_disclosure).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkregie.casus.selectors import casus_toont
from wijkregie.casus.toestemming import casus_leden
from wijkregie.core.access import get_visible_or_404
from wijkregie.core.audit import AuditActie, audit_disclosure, audit_log
from wijkregie.core.panelen import Paneel
from wijkregie.core.querying import eerste_rijen_van
from wijkregie.core.views_achtergrond import naar_achtergrond
from wijkregie.organisatie.toegangsbeleid import Gegevens, toont
from wijkregie.plan.models import BeschikkingVerzoek

from . import selectors, services
from .achtergrond import BeschikkingPdf
from .forms import BeeindigenForm, BesluitForm, WijzigenForm
from .models import Besluit, Toewijzing, ToewijzingStatus


def _vereist_backoffice(request) -> None:
    if not request.user.has_perm("backoffice.beslissen"):
        raise PermissionDenied


def _toon(request, client_ids, object_type: str, omschrijving: str, object_id="") -> None:
    with transaction.atomic():
        audit_disclosure(actor=request.user, client_ids=client_ids, object_type=object_type, object_id=object_id,
                         omschrijving=omschrijving)


@toont(Gegevens.IDENTITEIT, perm="backoffice.beslissen")
def wachtrij(request):
    """Every open request, oldest first, with the last day to decide; overdue ones marked."""
    _vereist_backoffice(request)
    rijen = selectors.wachtrij(request.user)
    besloten = list(selectors.beschikkingen_visible_to(request.user).order_by("-besloten_op")[:20])
    _toon(request, [r.persoon.pk for r in rijen if r.persoon] + [b.persoon_id for b in besloten],
          "plan.beschikkingverzoek", "backoffice: wachtrij en recente besluiten, identiteit")
    return render(request, "backoffice/wachtrij.html", {
        "rijen": rijen, "besloten": besloten, "te_laat": sum(r.te_laat for r in rijen), "vandaag": timezone.localdate(),
    })


@toont(Gegevens.IDENTITEIT, over="beschikkingverzoek", perm="backoffice.beslissen")
@require_http_methods(["GET", "POST"])
def besluit(request, pk: int):
    _vereist_backoffice(request)
    verzoek = get_visible_or_404(
        BeschikkingVerzoek.objects.filter(gemeente_id=request.user.gemeente_id).select_related(
            "regel__plan__casus__hoofdpersoon", "regel__plan__mandaat", "regel__plan__ondertekend_door",
            "regel__voorkeursaanbieder"),
        pk=pk)
    if verzoek.afgehandeld_op is not None and hasattr(verzoek, "beschikking"):
        return redirect("backoffice:beschikking", pk=verzoek.beschikking.pk)
    casus = verzoek.regel.plan.casus
    leden = casus_leden(casus)
    form = BesluitForm(request.POST or None, wet=verzoek.regel.wet, leden=leden,
                       initial=BesluitForm.initial_voor(verzoek))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            beschikking = services.beschikking_issue(
                actor=request.user, verzoek=verzoek, besluit=d["besluit"], grondslag=d["grondslag"],
                motivering=d["motivering"], persoon_id=d["persoon"], product=form.product())
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for veld, fouten in error.message_dict.items():
                    form.add_error(veld if veld in form.fields else None, fouten)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("Het besluit is vastgelegd. De brief maakt u met 'Brief als pdf'."))
            return redirect("backoffice:beschikking", pk=beschikking.pk)
    _toon(request, [p.pk for p in leden], "plan.beschikkingverzoek", "backoffice: verzoek om beschikking, identiteit",
          object_id=verzoek.pk)
    # A changed line of a newer plan version comes back as a new request: the running toewijzingen of the
    # casus are shown, so the backoffice ends or changes the one it replaces (reden 04/05) instead of adding one.
    lopend = list(Toewijzing.objects.filter(gemeente_id=casus.gemeente_id, beschikking__casus=casus).lopend()
                  .select_related("beschikking"))
    return render(request, "backoffice/besluit.html", {
        "lopend": lopend,
        "verzoek": verzoek, "regel": verzoek.regel, "plan": verzoek.regel.plan, "casus": casus, "form": form,
        "uiterlijk": selectors.uiterste_datum(verzoek), "vandaag": timezone.localdate(),
    })


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, over="beschikking")
@require_http_methods(["GET", "POST"])
def beschikking(request, pk: int):
    """One decision with its toewijzingen. The backoffice changes or ends a toewijzing here; who sees the
    casus' plan reads it (the regisseur sees the decision as part of the plan)."""
    b = get_visible_or_404(selectors.beschikkingen_visible_to(request.user), pk=pk)
    toewijzingen = list(b.toewijzingen.all())
    mag_beslissen = request.user.has_perm("backoffice.beslissen")
    wijzigen = {
        t.pk: WijzigenForm(prefix=f"w{t.pk}", initial={"einddatum": t.einddatum, "volume": t.volume})
        for t in toewijzingen
    }
    beeindigen = {t.pk: BeeindigenForm(prefix=f"e{t.pk}") for t in toewijzingen}
    if request.method == "POST":
        if not mag_beslissen:
            raise PermissionDenied
        toewijzing = get_visible_or_404(b.toewijzingen.all(), pk=request.POST.get("toewijzing"))
        actie = request.POST.get("actie")
        if actie == "wijzigen":
            form = wijzigen[toewijzing.pk] = WijzigenForm(request.POST, prefix=f"w{toewijzing.pk}")
        elif actie == "beeindigen":
            form = beeindigen[toewijzing.pk] = BeeindigenForm(request.POST, prefix=f"e{toewijzing.pk}")
        else:
            raise PermissionDenied
        if form.is_valid():
            try:
                if actie == "wijzigen":
                    services.toewijzing_change(actor=request.user, toewijzing=toewijzing, **form.cleaned_data)
                    melding = _("Toewijzing %(n)s is gewijzigd; de aanbieder krijgt een nieuw toewijzingsbericht.")
                else:
                    services.toewijzing_end(actor=request.user, toewijzing=toewijzing, **form.cleaned_data)
                    melding = _(
                        "Toewijzing %(n)s is beëindigd; de aanbieder krijgt een toewijzingsbericht met de einddatum."
                    )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for veld, fouten in error.message_dict.items():
                        form.add_error(veld if veld in form.fields else None, fouten)
                else:
                    form.add_error(None, error.messages)
            else:
                messages.success(request, melding % {"n": toewijzing.toewijzingnummer})
                return redirect("backoffice:beschikking", pk=b.pk)
    with transaction.atomic():
        audit_log(actor=request.user, actie=AuditActie.READ, object_type="backoffice.beschikking", object_id=b.pk,
                  gemeente_id=b.gemeente_id, client_id=b.persoon_id, omschrijving="beschikking ingezien")
    rijen = [(t, wijzigen[t.pk], beeindigen[t.pk]) for t in toewijzingen]
    return render(
        request,
        "backoffice/beschikking.html",
        {
            "b": b,
            "rijen": rijen,
            "mag_beslissen": mag_beslissen,
            "Besluit": Besluit,
            "BEEINDIGD": ToewijzingStatus.BEEINDIGD,
        },
    )


@toont(Gegevens.IDENTITEIT, Gegevens.PLAN, Gegevens.DOCUMENTEN, over="beschikking")
def beschikking_pdf(request, pk: int):
    """The letter (WeasyPrint), for the backoffice that sends it and for who may see the casus' documents:
    made by the background worker (core/achtergrond.py), the download audited."""
    return naar_achtergrond(request, BeschikkingPdf, pk=pk)


@toont(Gegevens.IDENTITEIT, perm="backoffice.beslissen")
def aflopend(request):
    """Toewijzingen ending within eight weeks: time to reassess with the team and decide again."""
    _vereist_backoffice(request)
    toewijzingen = list(selectors.verlopende_toewijzingen(request.user))
    _toon(request, [t.beschikking.persoon_id for t in toewijzingen], "backoffice.toewijzing",
          "backoffice: aflopende indicaties, identiteit")
    return render(request, "backoffice/aflopend.html", {"toewijzingen": toewijzingen, "vandaag": timezone.localdate()})


# ---------------------------------------------------------------------------------------------------
# Parts of pages owned by lower apps (registered in apps.ready()).

def start_kaart(request, user) -> Paneel | None:
    """The start page: for the backoffice the queue's counts; for a regisseur their own expiring indications."""
    if user.has_perm("backoffice.beslissen"):
        tellingen = selectors.wachtrij_tellingen(user)
        aflopend_aantal = selectors.verlopende_toewijzingen(user).count()
        return Paneel(
            "backoffice/_start_backoffice.html", {"tellingen": tellingen, "aflopend": aflopend_aantal}, volgorde=10
        )
    toewijzingen = selectors.verlopende_eigen(user)
    if not toewijzingen:
        return None
    _toon(request, [t.beschikking.persoon_id for t in toewijzingen], "backoffice.toewijzing",
          "startpagina: aflopende indicaties, identiteit")
    return Paneel("backoffice/_start_aflopend.html", {"toewijzingen": toewijzingen, "vandaag": timezone.localdate()},
                  volgorde=20, gegevens=(Gegevens.PLAN,))


#: The casus page lists at most this many decisions and counts at most this many open requests of a casus.
PER_CASUS = 500


def casus_paneel(request, casus) -> Paneel | None:
    """The casus page shows its beschikkingen (and open requests) to who may see the plan; the letter
    link to who may also see its documents."""
    if not casus_toont(request.user, casus, Gegevens.PLAN):
        return None
    from django.db.models import prefetch_related_objects

    # The decisions and the open requests (counted) in one query (issue 17); a casus has a handful of each.
    rijen = eerste_rijen_van({
        "beschikkingen": (selectors.beschikkingen_visible_to(request.user).filter(casus=casus), PER_CASUS, None),
        "verzoeken": (BeschikkingVerzoek.objects.filter(regel__plan__casus=casus, afgehandeld_op__isnull=True)
                      .order_by("pk"), PER_CASUS, ()),
    })
    beschikkingen = sorted(rijen["beschikkingen"], key=lambda b: (b.besloten_op, b.pk), reverse=True)
    prefetch_related_objects(beschikkingen, "toewijzingen")
    open_verzoeken = len(rijen["verzoeken"])
    if not beschikkingen and not open_verzoeken:
        return None
    documenten_zichtbaar = casus_toont(request.user, casus, Gegevens.DOCUMENTEN)
    # The casus page records its hoofdpersoon; a decision for another member is a disclosure of its own.
    _toon(
        request,
        [b.persoon_id for b in beschikkingen if b.persoon_id != casus.hoofdpersoon_id],
        "backoffice.beschikking",
        "casus: beschikkingen",
        object_id=casus.pk,
    )
    return Paneel("backoffice/_casus_beschikkingen.html", {
        "beschikkingen": beschikkingen, "open_verzoeken": open_verzoeken, "pdf": documenten_zichtbaar,
    }, volgorde=25, gegevens=(Gegevens.PLAN,))
