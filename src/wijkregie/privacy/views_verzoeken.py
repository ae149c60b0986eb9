"""The privacy officer's retention page: terms per law, legal holds, and what the next run would destroy.

(Correction and deletion requests will live here too.) Thin: services and selectors in bewaartermijnen.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkregie.casus.models import Casus
from wijkregie.core.access import toont
from wijkregie.core.audit import DOEL_VERANTWOORDING, AuditActie, audit_disclosure, audit_log, audit_refused
from wijkregie.inwoners.models import Persoon
from wijkregie.organisatie.models import Wet
from wijkregie.organisatie.toegangsbeleid import Gegevens

from . import bewaartermijnen as services
from . import verzoeken as verzoek_services
from .forms_verzoeken import BesluitForm, BewaarblokkadeForm, BewaartermijnForm, VerlengForm, VerzoekForm
from .models import Bewaarblokkade, Verzoek

GRONDSLAG = "rol: privacyfunctionaris"


def _fouten_naar_formulier(form, exc: ValidationError) -> None:
    for veld, fouten in exc.message_dict.items():
        form.add_error(veld if veld in form.fields else None, fouten)


@toont(perm=services.PERM)
@permission_required(services.PERM, raise_exception=True)
@require_http_methods(["GET", "POST"])
def bewaartermijnen(request):
    """Terms per law (never below the law), legal holds, and the dry run of the next daily destruction.

    Shows numbers of casussen and residents only, no names: what the next run destroys is counted and
    listed by number, so that the privacy officer can check it without reading the files.
    """
    gemeente_id = request.user.gemeente_id
    actie = request.POST.get("actie") if request.method == "POST" else None
    termijn_form = BewaartermijnForm(request.POST if actie == "termijn" else None)
    blokkade_form = BewaarblokkadeForm(request.POST if actie == "blokkade" else None)
    if actie == "termijn" and termijn_form.is_valid():
        try:
            services.bewaartermijn_instellen(actor=request.user, **termijn_form.cleaned_data)
        except ValidationError as exc:
            _fouten_naar_formulier(termijn_form, exc)
        else:
            messages.success(request, _("De bewaartermijn is opgeslagen."))
            return redirect("privacy:bewaartermijnen")
    if actie == "blokkade" and blokkade_form.is_valid():
        data = blokkade_form.cleaned_data
        model = Persoon if data["soort"] == "persoon" else Casus
        doel = model.objects.filter(pk=data["nummer"], gemeente_id=gemeente_id).first()
        try:
            if doel is None:
                audit_refused(
                    actor=request.user,
                    actie=AuditActie.CREATE,
                    object_type="privacy.bewaarblokkade",
                    omschrijving=f"bewaarblokkade geweigerd: {data['soort']} {data['nummer']} niet in deze gemeente",
                )
                raise ValidationError({"nummer": _("Dit nummer bestaat niet in uw gemeente.")})
            services.bewaarblokkade_plaatsen(actor=request.user, reden=data["reden"],
                                             **{data["soort"]: doel})
        except ValidationError as exc:
            _fouten_naar_formulier(blokkade_form, exc)
        else:
            messages.success(request, _("De bewaarblokkade is geplaatst."))
            return redirect("privacy:bewaartermijnen")
    if actie == "opheffen":
        blokkade = Bewaarblokkade.objects.filter(pk=request.POST.get("blokkade", "0") if
                                                 request.POST.get("blokkade", "").isdigit() else 0,
                                                 gemeente_id=gemeente_id, opgeheven_op__isnull=True).first()
        if blokkade is not None:
            services.bewaarblokkade_opheffen(actor=request.user, blokkade=blokkade)
            messages.success(request, _("De bewaarblokkade is opgeheven."))
        else:
            messages.error(request, _("Deze bewaarblokkade bestaat niet of is al opgeheven."))
        return redirect("privacy:bewaartermijnen")

    termijnen = services.termijnen(gemeente_id)
    rijen = [{"wet": Wet(w).label, "code": w, "minimum": m.jaren, "grond": m.grond, "jaren": termijnen[w]}
             for w, m in services.WETTELIJK.items()]
    vervallen = services.bewaartermijnen_overzicht(gemeente_id=gemeente_id)
    blokkades = list(Bewaarblokkade.objects.filter(gemeente_id=gemeente_id, opgeheven_op__isnull=True)
                     .select_related("geplaatst_door").order_by("-geplaatst_op"))
    with transaction.atomic():
        audit_log(actor=request.user, actie=AuditActie.READ, object_type="privacy.bewaartermijnen",
                  omschrijving=f"proefrun: {len(vervallen)} casussen", grondslag=GRONDSLAG, doel=DOEL_VERANTWOORDING)
        audit_disclosure(actor=request.user, client_ids=[b.persoon_id for b in blokkades],
                         object_type="privacy.bewaarblokkade", omschrijving="bewaarblokkades (nummer)",
                         grondslag=GRONDSLAG, doel=DOEL_VERANTWOORDING)
    return render(request, "privacy/bewaartermijnen.html", {
        "rijen": rijen, "termijn_form": termijn_form, "blokkade_form": blokkade_form, "blokkades": blokkades,
        "vervallen": vervallen, "te_vernietigen": sum(1 for v in vervallen if not v.blokkade),
        "wetnamen": {w: Wet(w).label for w in services.WETTELIJK},
    })


def _veldnaam(veld: str) -> str:
    if not veld:
        return ""
    return str(Persoon._meta.get_field(veld).verbose_name)


@toont(Gegevens.IDENTITEIT, perm=services.PERM)
@permission_required(services.PERM, raise_exception=True)
@require_http_methods(["GET", "POST"])
def verzoeken(request):
    """Correction and deletion requests: register one; extend or decide an open one, in order of deadline.

    One page, the request named by its id in the form (not the URL); only the gemeente's own requests.
    """
    gemeente_id = request.user.gemeente_id
    eigen = Verzoek.objects.filter(gemeente_id=gemeente_id).select_related("persoon", "besloten_door")
    actie = request.POST.get("actie") if request.method == "POST" else None
    nieuw_form = VerzoekForm(request.POST if actie == "nieuw" else None, gemeente_id=gemeente_id)
    bezig = None
    if actie in ("verlengen", "beslissen"):
        nummer = request.POST.get("verzoek", "")
        bezig = eigen.filter(pk=int(nummer)).first() if nummer.isdigit() else None
        if bezig is None:
            messages.error(request, _("Dit verzoek bestaat niet."))
            return redirect("privacy:verzoeken")
    # A prefix per request: several open requests on one page, each with its own field ids.
    verleng_form = VerlengForm(request.POST if actie == "verlengen" else None,
                               prefix=f"verleng{bezig.pk}" if bezig else "verleng")
    besluit_form = BesluitForm(request.POST if actie == "beslissen" else None,
                               prefix=f"besluit{bezig.pk}" if bezig else "besluit")
    if actie == "nieuw" and not nieuw_form.is_valid() and (
            "persoon_nummer" in nieuw_form.errors or "casus_nummer" in nieuw_form.errors):
        # A request for someone who does not exist here: refused at the field, and on record.
        audit_refused(actor=request.user, actie=AuditActie.CREATE, object_type="privacy.verzoek",
                      omschrijving="verzoek geweigerd: inwoner of casus bestaat niet in deze gemeente")
    try:
        if actie == "nieuw" and nieuw_form.is_valid():
            verzoek_services.verzoek_registreren(actor=request.user, verzoek=nieuw_form.save(commit=False))
            messages.success(request, _("Het verzoek is geregistreerd."))
            return redirect("privacy:verzoeken")
        if actie == "verlengen" and verleng_form.is_valid():
            verzoek_services.verzoek_verlengen(actor=request.user, verzoek=bezig, **verleng_form.cleaned_data)
            messages.success(request, _("De termijn is verlengd."))
            return redirect("privacy:verzoeken")
        if actie == "beslissen" and besluit_form.is_valid():
            verzoek_services.verzoek_beslissen(actor=request.user, verzoek=bezig, **besluit_form.cleaned_data)
            messages.success(request, _("Het besluit is vastgelegd."))
            return redirect("privacy:verzoeken")
    except ValidationError as exc:
        doel = {"nieuw": nieuw_form, "verlengen": verleng_form, "beslissen": besluit_form}[actie]
        _fouten_naar_formulier(doel, exc)
    alle = list(eigen)
    open_verzoeken = sorted((v for v in alle if not v.besluit), key=lambda v: (verzoek_services.uiterlijk(v), v.pk))
    besloten = sorted((v for v in alle if v.besluit), key=lambda v: v.besloten_op, reverse=True)[:50]
    vandaag = timezone.localdate()
    rijen = [
        {
            "v": v,
            "uiterlijk": verzoek_services.uiterlijk(v),
            "veld": _veldnaam(v.veld),
            "te_laat": verzoek_services.uiterlijk(v) < vandaag,
            "besluit_form": besluit_form
            if bezig == v and actie == "beslissen"
            else BesluitForm(prefix=f"besluit{v.pk}"),
            "verleng_form": verleng_form
            if bezig == v and actie == "verlengen"
            else VerlengForm(prefix=f"verleng{v.pk}"),
        }
        for v in open_verzoeken
    ]
    with transaction.atomic():
        audit_disclosure(actor=request.user, client_ids=[v.persoon_id for v in open_verzoeken + besloten],
                         object_type="privacy.verzoek", omschrijving="verzoeken om correctie of vernietiging",
                         grondslag=GRONDSLAG, doel=DOEL_VERANTWOORDING)
    return render(request, "privacy/verzoeken.html", {
        "rijen": rijen, "besloten": besloten, "nieuw_form": nieuw_form,
    })
