"""Pages of the casus app: the casus page and the list of casussen, a person's consents (recorded,
withdrawn, the signed form), and the parts of the person page that show consents and casussen
(registered on inwoners' `persoon_panelen`).

The casus page shows parts owned by the phases above (the plan, regie) through `casus_panelen`, which
those apps fill in their ready(); the page itself shows who, what stage and the history of states.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BooleanField, CharField, ExpressionWrapper, OuterRef, Subquery, Value
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from wijkregie.core.access import get_visible_or_404, toont
from wijkregie.core.audit import AuditActie, audit_disclosure, audit_log
from wijkregie.core.panelen import Paneel, Panelen
from wijkregie.inwoners import selectors
from wijkregie.inwoners.models import Lidmaatschap, Persoon, Relatie
from wijkregie.inwoners.views import vereist_registreren
from wijkregie.organisatie.toegangsbeleid import Gegevens

from . import services as casus_services
from .forms import IntrekkenForm, ToestemmingForm
from .models import ToestemmingScope
from .selectors import casus_gelezen, casus_toont, casussen_visible_to, toestemmingen_van
from .toestemming import casus_lid_q, persoon_toestemming_q

#: Parts of the casus page contributed by the phases above casus: bron(request, casus) -> Paneel | None.
casus_panelen = Panelen()


@toont(Gegevens.IDENTITEIT, Gegevens.VRAAG, Gegevens.PLAN, over="casus")
def casus(request, pk: int):
    casus = casus_gelezen(request.user, pk)
    panelen = casus_panelen.voor(request, casus)
    onthullingen: list[dict] = []  # the household's members, recorded with the casus' own read in one insert
    huishouden = huishouden_paneel(request, casus, onthullingen)  # full width, below the cards: a table of members
    casus_services.casus_view(actor=request.user, casus=casus, wat="casus ingezien", ook=onthullingen)
    return render(request, "casus/casus.html", {
        "casus": casus, "overgangen": casus.overgangen.select_related("door"), "panelen": panelen,
        "huishouden": huishouden,
    })


@toont(Gegevens.IDENTITEIT)
def casussen(request):
    """The running casussen whose hoofdpersoon the user may know (the team's caseload for its leader)."""
    casussen = list(casussen_visible_to(request.user, Gegevens.IDENTITEIT).exclude(status="afgesloten")
                    .order_by("-geopend_op")[:200])
    # Names in a list are a disclosure too: one event per client shown.
    with transaction.atomic():
        audit_disclosure(actor=request.user, client_ids=[c.hoofdpersoon_id for c in casussen if c.hoofdpersoon_id],
                         object_type="casus.casus", omschrijving="casuslijst: identiteit, fase")
    return render(request, "casus/casussen.html", {"casussen": casussen})


def huishouden_paneel(request, casus, onthullingen: list[dict] | None = None) -> Paneel | None:
    """Whose file this is: every member with their age and whether their consent to discuss the casus
    in the team is in force (why colleagues do or do not see it), for who may see consents here. Each
    member shown (but the hoofdpersoon, whom the page records itself) is a disclosure: added to
    `onthullingen` for the page to write, or written here without it."""
    if not casus_toont(request.user, casus, Gegevens.TOESTEMMING):
        return None
    leden = _leden_met_relatie(casus)
    zonder = {p.pk for p in leden if not p.team_toestemming}
    rijen = [{"persoon": p, "relatie": Relatie(p.lid_relatie).label if p.lid_relatie else "",
              "leeftijd": p.leeftijd(), "team": p.pk not in zonder} for p in leden]
    getoond = list(dict.fromkeys(p.pk for p in leden if p.pk != casus.hoofdpersoon_id))
    if onthullingen is not None:
        onthullingen.extend({"actie": AuditActie.READ, "object_type": "casus.casus", "object_id": casus.pk,
                             "client_id": pk, "omschrijving": "casus: huishouden en toestemming"} for pk in getoond)
    else:
        with transaction.atomic():
            audit_disclosure(actor=request.user, client_ids=getoond, object_type="casus.casus", object_id=casus.pk,
                             omschrijving="casus: huishouden en toestemming")
    return Paneel("casus/_casus_huishouden.html", {"rijen": rijen, "compleet": not zonder and bool(leden)},
                  volgorde=5, gegevens=(Gegevens.TOESTEMMING,))


def _leden_met_relatie(casus) -> list:
    """`casus_leden(casus)` (the household's current members and the hoofdpersoon, youngest-born last), each
    with its relation in the household (`lid_relatie`, None for a hoofdpersoon outside it) and whether its
    consent to discuss the casus in the team is in force (`team_toestemming`: the age rules' SQL form,
    persoon_toestemming_q, as zonder_toestemming judges it): one query."""
    huidig = Lidmaatschap.objects.huidig().filter(huishouden_id=casus.huishouden_id)
    relatie = (Subquery(huidig.filter(persoon_id=OuterRef("pk")).order_by("-van").values("relatie")[:1])
               if casus.huishouden_id else Value(None, output_field=CharField()))
    toestemming = ExpressionWrapper(persoon_toestemming_q("pk", "geboortedatum", scope=ToestemmingScope.TEAM),
                                    output_field=BooleanField())
    return list(Persoon.objects.filter(casus_lid_q(casus)).annotate(lid_relatie=relatie, team_toestemming=toestemming)
                .order_by("geboortedatum", "pk"))


def toestemming_paneel(request, persoon) -> Paneel | None:
    """The person's consents, for who may see consents of this person at the stage of their file."""
    if not selectors.persoon_toont(request.user, persoon, Gegevens.TOESTEMMING):
        return None
    return Paneel("casus/_persoon_toestemming.html", {
        "toestemmingen": toestemmingen_van(persoon), "vandaag": timezone.localdate(),
        "mag_registreren": request.user.has_perm("inwoners.registreren"),
    }, volgorde=20, gegevens=(Gegevens.TOESTEMMING,))


def casussen_paneel(request, persoon) -> Paneel | None:
    casussen = list(casussen_visible_to(request.user).filter(hoofdpersoon=persoon))
    if not casussen:
        return None
    return Paneel("casus/_persoon_casussen.html", {"casussen": casussen}, volgorde=30)


@toont(Gegevens.IDENTITEIT, Gegevens.TOESTEMMING, over="persoon", perm="inwoners.registreren")
@require_http_methods(["GET", "POST"])
def toestemming_nieuw(request, pk: int):
    """One consent for the household in one save: per member who gave it (the member, a parent with
    gezag, a representative), checked by the age rules; the page's person is ticked by default."""
    vereist_registreren(request.user)
    zichtbaar = selectors.personen_visible_to(request.user, Gegevens.TOESTEMMING)
    persoon = get_visible_or_404(zichtbaar, pk=pk)
    huishouden = Lidmaatschap.objects.huidig().filter(persoon=persoon).woont_eerst().first()
    leden = [persoon]
    if huishouden is not None:
        leden += list(zichtbaar.filter(pk__in=Lidmaatschap.objects.huidig().filter(
            huishouden_id=huishouden.huishouden_id).values("persoon_id")).exclude(pk=persoon.pk)
            .order_by("geboortedatum", "pk"))
    form = ToestemmingForm(request.POST or None, request.FILES or None, gemeente=request.user.gemeente,
                           persoon=persoon, leden=leden, zichtbaar=zichtbaar)
    if request.method == "POST" and form.is_valid():
        try:
            vastgelegd = casus_services.toestemmingen_record(
                actor=request.user, basis=form.save(commit=False), gegeven=form.gegeven())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, ngettext("De toestemming is vastgelegd.", "%(n)d toestemmingen zijn vastgelegd.",
                                               len(vastgelegd)) % {"n": len(vastgelegd)})
            return redirect("inwoners:persoon", pk=persoon.pk)
    with transaction.atomic():
        audit_disclosure(actor=request.user, client_ids=[lid.pk for lid in leden] + form.getoonde_gevers,
                         object_type="inwoners.persoon", omschrijving="toestemmingsformulier: identiteit")
    return render(request, "casus/toestemming_form.html", {"form": form, "persoon": persoon})


@toont(Gegevens.TOESTEMMING, over="persoon", perm="inwoners.registreren")
@require_POST
def toestemming_withdraw(request, pk: int, toestemming_pk: int):
    vereist_registreren(request.user)
    persoon = get_visible_or_404(selectors.personen_visible_to(request.user, Gegevens.TOESTEMMING), pk=pk)
    toestemming = get_visible_or_404(toestemmingen_van(persoon), pk=toestemming_pk)
    form = IntrekkenForm(request.POST)
    reden = form.cleaned_data["reden"] if form.is_valid() else ""
    casus_services.toestemming_withdraw(actor=request.user, toestemming=toestemming, reden=reden)
    messages.success(request, _("De toestemming is ingetrokken. Dat geldt vanaf nu."))
    return redirect("inwoners:persoon", pk=persoon.pk)


@toont(Gegevens.TOESTEMMING, Gegevens.DOCUMENTEN, over="persoon")
def toestemming_document(request, pk: int, toestemming_pk: int):
    """The signed consent form, only for those who may see the person's consents; every download is audited."""
    persoon = get_visible_or_404(
        selectors.personen_visible_to(request.user, Gegevens.TOESTEMMING).filter(
            pk__in=selectors.personen_visible_to(request.user, Gegevens.DOCUMENTEN)
        ),
        pk=pk,
    )
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
