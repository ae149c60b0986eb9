"""The privacy officer's desk (the audit trail in names, with its own health; the review queue; the inzage)
and break-the-glass for medewerkers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkregie.casus.models import Casus
from wijkregie.core.access import get_visible_or_404, toont
from wijkregie.core.audit import (
    DOEL_VERANTWOORDING,
    AuditActie,
    audit_disclosure,
    audit_log,
    audit_verification_last,
    audit_verify,
)
from wijkregie.core.models import AuditEvent
from wijkregie.core.views_achtergrond import naar_achtergrond
from wijkregie.organisatie.toegangsbeleid import Gegevens

from . import beoordeling as beoordeling_services
from . import inzage as inzage_services
from . import noodtoegang as noodtoegang_services
from . import selectors
from .achtergrond import InzagePdf
from .forms import AuditZoekForm, BeoordelingForm, InzageverzoekForm, NoodtoegangRedenForm, NoodtoegangZoekForm

GRONDSLAG = "rol: privacyfunctionaris"
SESSIE_SLEUTEL = "privacy_auditzoek"


@toont(perm="core.audit_inzien")
@permission_required("core.audit_inzien", raise_exception=True)
def audit(request):
    """Search the gemeente's audit trail by resident (name or BSN), medewerker, period and action.

    Reading it is audited too: one event for the page, and one per resident searched or named on
    it (audit_disclosure), so a resident's own trail shows that the privacy officer looked.
    """
    user = request.user
    # The search posts and is kept in the session: a resident's name or BSN never lands in a URL, the
    # browser's history or a proxy's log. The result pages are GET ?gezocht=1&pagina=N.
    if request.method == "POST":
        form = AuditZoekForm(request.POST, gemeente_id=user.gemeente_id)
        if form.is_valid():
            request.session[SESSIE_SLEUTEL] = {k: v for k, v in request.POST.items() if k in form.fields}
            return redirect(f"{reverse('privacy:audit')}?gezocht=1")
    elif request.GET.get("gezocht") and request.session.get(SESSIE_SLEUTEL):
        form = AuditZoekForm(request.session[SESSIE_SLEUTEL], gemeente_id=user.gemeente_id)
    else:
        form = AuditZoekForm(None, gemeente_id=user.gemeente_id)
    gezocht: list[int] = []
    if form.is_bound and not form.is_valid():
        events = AuditEvent.objects.none()
    else:
        data = form.cleaned_data if form.is_bound else {}
        inwoner = data.get("inwoner")
        if data.get("geboortedatum"):
            inwoner = {**(inwoner or {}), "geboortedatum": data["geboortedatum"]}
        if inwoner:
            gezocht = selectors.personen_gezocht(user, inwoner)
        medewerker = data.get("medewerker")
        events = selectors.auditevents_visible_to(
            user, client_ids=gezocht if inwoner else None, actor_id=medewerker.pk if medewerker else None,
            actie=data.get("actie", ""), van=data.get("van"), tot=data.get("tot"), bijzonder=data.get("bijzonder", ""),
        )
    # The pages are pinned to the trail as it was at the first page: her own reading (written below)
    # and everyone's new events would otherwise push rows of page 1 onto page 2.
    try:
        tot_id = int(request.GET.get("tot_id", ""))
    except ValueError:
        tot_id = AuditEvent.objects.aggregate(m=Max("pk"))["m"] or 0
    events = events.filter(pk__lte=tot_id)
    page = Paginator(events, 50).get_page(request.GET.get("pagina"))
    page.object_list = list(page.object_list)  # read the page first, so this reading is not on it
    rijen = selectors.in_woorden(user, page.object_list)
    signalen = selectors.in_woorden(user, selectors.signalen_visible_to(user))
    filters = sorted(name for name in ("inwoner", "geboortedatum", "medewerker", "actie", "van", "tot")
                     if form.is_bound and form.data.get(name))
    with transaction.atomic():
        audit_log(
            actor=user,
            actie=AuditActie.READ,
            object_type="core.auditevent",
            grondslag=GRONDSLAG,
            doel=DOEL_VERANTWOORDING,
            # Which filters, never their values: a name or BSN typed here is not copied into the trail.
            omschrijving=f"auditlog ingezien, pagina {page.number}"
            + (f", gezocht op {', '.join(filters)}" if filters else ""),
        )
        audit_disclosure(
            actor=user, client_ids=gezocht + [r["event"].client_id for r in rijen if r["inwoner"]],
            object_type="core.auditevent", omschrijving="auditlog van inwoner ingezien", grondslag=GRONDSLAG,
            doel=DOEL_VERANTWOORDING,
        )
    return render(
        request,
        "privacy/audit.html",
        {
            "form": form,
            "page": page,
            "rijen": rijen,
            "querystring": ("gezocht=1&" if form.is_bound else "") + f"tot_id={tot_id}",
            "gezocht": form.is_bound
            and form.is_valid()
            and bool(form.cleaned_data.get("inwoner") or form.cleaned_data.get("geboortedatum")),
            "gevonden": len(gezocht),
            "controle": audit_verification_last(),
            "signalen": signalen,
        },
    )



NOODTOEGANG_SESSIE = "privacy_noodtoegang"


@toont(perm="privacy.noodtoegang")
@permission_required("privacy.noodtoegang", raise_exception=True)
def noodtoegang(request):
    """Break-the-glass (privacy/noodtoegang.py): identify the resident exactly, then open with a reason.

    Two posts: `stap=zoeken` looks the resident up and keeps what was found in the session (ids only,
    never in the URL or a hidden field the user could change); `stap=openen` opens it with the reason.
    The page says only whether a file exists and which team holds it, never anything of its content.
    """
    user = request.user
    zoekform = NoodtoegangZoekForm(None)
    redenform = None
    uitkomst = None
    if request.method == "POST" and request.POST.get("stap") == "openen":
        kandidaat = request.session.get(NOODTOEGANG_SESSIE) or {}
        redenform = NoodtoegangRedenForm(request.POST)
        geldig = redenform.is_valid()
        try:
            if kandidaat and not geldig:  # too long: the form's own message, at the field
                raise ValidationError({})
            rijen = noodtoegang_services.noodtoegang_openen(
                actor=user, persoon_id=kandidaat.get("persoon", 0), casus_ids=kandidaat.get("casussen", []),
                reden=redenform.cleaned_data.get("reden", ""))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for veld, fouten in error.message_dict.items():
                    redenform.add_error(veld, fouten)
                uitkomst = noodtoegang_services.Zoekuitkomst(te_openen=list(
                    Casus.objects.filter(gemeente_id=user.gemeente_id, pk__in=kandidaat.get("casussen", []))
                    .select_related("team")))
            else:
                messages.error(request, " ".join(error.messages))
                request.session.pop(NOODTOEGANG_SESSIE, None)
                return redirect("privacy:noodtoegang")
        else:
            request.session.pop(NOODTOEGANG_SESSIE, None)
            eind = timezone.localtime(rijen[0].tot)
            messages.info(
                request,
                _(
                    "Noodtoegang geopend tot %(tot)s. Alles wat u inziet wordt vastgelegd en de "
                    "privacyfunctionaris beoordeelt deze noodtoegang."
                )
                % {"tot": f"{eind:%d-%m-%Y %H:%M}"},
            )
            return redirect("casus:casus", pk=rijen[0].casus_id)
    elif request.method == "POST":
        zoekform = NoodtoegangZoekForm(request.POST)
        request.session.pop(NOODTOEGANG_SESSIE, None)
        if zoekform.is_valid():
            data = zoekform.cleaned_data
            uitkomst = noodtoegang_services.noodtoegang_zoeken(
                actor=user, bsn=data["bsn"], achternaam=data.get("achternaam") or "",
                geboortedatum=data.get("geboortedatum"))
            if uitkomst.te_openen:
                request.session[NOODTOEGANG_SESSIE] = {"persoon": uitkomst.persoon.pk,
                                                       "casussen": [c.pk for c in uitkomst.te_openen]}
                redenform = NoodtoegangRedenForm(None)
    actief = noodtoegang_services.noodtoegangen_actief(user)
    if actief:
        with transaction.atomic():  # the list names residents: a disclosure under each of them
            audit_disclosure(actor=user, client_ids=[n.persoon_id for n in actief], object_type="privacy.noodtoegang",
                             omschrijving="eigen lopende noodtoegangen", grondslag=noodtoegang_services.GRONDSLAG)
    response = render(request, "privacy/noodtoegang.html", {
        "zoekform": zoekform, "redenform": redenform, "uitkomst": uitkomst, "actief": actief,
        "duur_uren": int(noodtoegang_services.NOODTOEGANG_DUUR.total_seconds() // 3600),
    })
    response["Cache-Control"] = "no-store"
    return response


@toont(perm="privacy.beoordelen")
@permission_required("privacy.beoordelen", raise_exception=True)
def beoordelen(request):
    """The review queue (privacy/beoordeling.py): break-the-glass and unusual patterns, each judged once.

    A verdict posts the item's key (ids only) with its form; an error is shown at that item, with what
    was typed kept. Opening the queue is audited, once per resident it names.
    """
    user = request.user
    fout_bij, foutform = "", None
    if request.method == "POST":
        sleutel = request.POST.get("sleutel", "")
        prefix = "b-" + sleutel.replace(":", "-")
        form = BeoordelingForm(request.POST, prefix=prefix)
        try:
            if not form.is_valid():  # too long, or an unknown verdict: the form's own message, at the field
                raise ValidationError({})
            beoordeling_services.beoordeling_vastleggen(
                actor=user, sleutel=sleutel, oordeel=form.cleaned_data.get("oordeel", ""),
                toelichting=form.cleaned_data.get("toelichting", ""))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for veld, fouten in error.message_dict.items():
                    form.add_error(veld, fouten)
                fout_bij, foutform = sleutel, form
            else:
                messages.error(request, " ".join(error.messages))
                return redirect("privacy:beoordelen")
        else:
            messages.success(request, _("Beoordeling vastgelegd."))
            return redirect("privacy:beoordelen")
    items = beoordeling_services.review_items(user)
    open_items = [i for i in items if i.beoordeling is None]
    beoordeeld = sorted((i for i in items if i.beoordeling is not None), key=lambda i: i.beoordeling.op, reverse=True)[
        :50
    ]
    for item in open_items:
        item.form = foutform if item.sleutel == fout_bij else BeoordelingForm(None, prefix=item.formulier_id)
    with transaction.atomic():
        audit_log(
            actor=user,
            actie=AuditActie.READ,
            object_type="privacy.beoordeling",
            grondslag=GRONDSLAG,
            doel=DOEL_VERANTWOORDING,
            omschrijving=f"te beoordelen: {len(open_items)} open, {len(beoordeeld)} beoordeeld",
        )
        audit_disclosure(actor=user, client_ids=[i.client_id for i in open_items + beoordeeld if i.inwoner],
                         object_type="privacy.beoordeling", omschrijving="te beoordelen: inwoner genoemd",
                         grondslag=GRONDSLAG, doel=DOEL_VERANTWOORDING)
    return render(request, "privacy/beoordelen.html", {"open_items": open_items, "beoordeeld": beoordeeld,
                                                       "nav_section": "audit"})


@toont(perm="core.audit_inzien")
@permission_required("core.audit_inzien", raise_exception=True)
@require_POST
def audit_controleren(request):
    """Verify the audit chain now (core.audit.audit_verify, as the daily task does, with the checkpoint
    outside the database); the outcome shows on the audit page, which reads the last verification."""
    with transaction.atomic():
        audit_log(actor=request.user, actie=AuditActie.EXECUTE, object_type="core.auditevent", grondslag=GRONDSLAG,
                  doel=DOEL_VERANTWOORDING, omschrijving="controle van het auditlog gestart")
    resultaat = audit_verify(checkpoint=True)
    if resultaat.ok:
        messages.success(request, _("Het auditlog is gecontroleerd en intact."))
    else:
        messages.error(request, _("Het auditlog is niet intact. Zie de uitslag hieronder."))
    return redirect("privacy:audit")


_INZAGE_TOONT = (Gegevens.IDENTITEIT, Gegevens.CONTACT, Gegevens.VRAAG, Gegevens.TRIAGE, Gegevens.TOESTEMMING,
                 Gegevens.PLAN, Gegevens.CONTACTMOMENTEN, Gegevens.DOCUMENTEN)


@toont(Gegevens.IDENTITEIT, perm="privacy.inzage")
@permission_required("privacy.inzage", raise_exception=True)
def inzageverzoeken(request):
    """The resident's requests for inzage (AVG art. 15): register one, see which are due."""
    user = request.user
    form = InzageverzoekForm(request.POST if request.method == "POST" else None,
                             initial={"ontvangen_op": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            verzoek = inzage_services.inzageverzoek_registreren(
                actor=user,
                bsn=data["bsn"],
                achternaam=data.get("achternaam") or "",
                geboortedatum=data.get("geboortedatum"),
                ontvangen_op=data["ontvangen_op"],
                identiteit=data["identiteit"],
            )
        except ValidationError as error:
            for veld, fouten in error.message_dict.items():
                form.add_error(veld, fouten)
        else:
            messages.success(request, _("Inzageverzoek geregistreerd."))
            return redirect("privacy:inzageverzoek", pk=verzoek.pk)
    verzoeken = list(inzage_services.inzageverzoeken_visible_to(user)[:100])
    with transaction.atomic():
        audit_disclosure(actor=user, client_ids=[v.persoon_id for v in verzoeken], object_type="privacy.inzageverzoek",
                         omschrijving="lijst van inzageverzoeken", grondslag=inzage_services.GRONDSLAG,
                         doel=DOEL_VERANTWOORDING)
    response = render(request, "privacy/inzageverzoeken.html", {"form": form, "verzoeken": verzoeken,
                                                                "vandaag": timezone.localdate()})
    response["Cache-Control"] = "no-store"
    return response


@toont(*_INZAGE_TOONT, over="inzageverzoek", perm="privacy.inzage")
@permission_required("privacy.inzage", raise_exception=True)
def inzageverzoek(request, pk: int):
    verzoek = get_visible_or_404(inzage_services.inzageverzoeken_visible_to(request.user), pk=pk)
    with transaction.atomic():
        audit_log(
            actor=request.user,
            actie=AuditActie.READ,
            object_type=inzage_services.OBJECT_TYPE,
            object_id=verzoek.pk,
            client_id=verzoek.persoon_id,
            grondslag=inzage_services.GRONDSLAG,
            doel=DOEL_VERANTWOORDING,
            omschrijving="inzageverzoek ingezien",
        )
    response = render(request, "privacy/inzageverzoek.html", {"verzoek": verzoek, "vandaag": timezone.localdate()})
    response["Cache-Control"] = "no-store"
    return response


@toont(*_INZAGE_TOONT, over="inzageverzoek", perm="privacy.inzage")
@permission_required("privacy.inzage", raise_exception=True)
def inzage_pdf(request, pk: int):
    """The inzage in plain Dutch, for the resident (WeasyPrint), made by the background worker: the
    request only checks access and queues it (core/achtergrond.py); the download is audited."""
    return naar_achtergrond(request, InzagePdf, pk=pk)


@toont(*_INZAGE_TOONT, over="inzageverzoek", perm="privacy.inzage")
@permission_required("privacy.inzage", raise_exception=True)
def inzage_json(request, pk: int):
    """The same inzage as JSON: machine-readable, for the resident to take elsewhere (AVG art. 20)."""
    verzoek = get_visible_or_404(inzage_services.inzageverzoeken_visible_to(request.user), pk=pk)
    gegevens = inzage_services.inzage_gegevens(verzoek)
    inzage_services.inzage_gemaakt(actor=request.user, verzoek=verzoek, formaat="json", gegevens=gegevens)
    response = HttpResponse(inzage_services.inzage_json(gegevens), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inzage-{verzoek.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response
