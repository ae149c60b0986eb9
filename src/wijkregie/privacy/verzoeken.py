"""Correction and deletion requests as a workflow (issue 14, item 2): received, possibly extended, decided.

- Deadline: one month after receipt (AVG art. 12(3)); extendable once or more up to two further months,
  each time with the reasons told to the resident. The privacy officer's page sorts by deadline.
- Correction (AVG art. 16): of the person's own recorded facts (name, birth date, address, contact). On
  granting, the value is changed through the model's own validation and the old value is kept on the
  request: the history. The audit trail names the field, never the values.
- Deletion (AVG art. 17; Jeugdwet art. 7.3.9: destruction on request, within three months): of a closed
  casus of the requester's household. Granted, the casus is destroyed as at the end of its term
  (bewaartermijnen.py), leaving a count-only audit event; refused, the decision names the exception
  (Uitzondering: a substantial interest of someone else, a statutory duty to keep, a legal claim, help
  still running). A legal hold stands in the way of granting.
"""

from __future__ import annotations

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.casus.models import Casus, Status
from wijkregie.core.audit import AuditActie, audit_log, audit_refused
from wijkregie.inwoners.models import Lidmaatschap, Persoon

from . import bewaartermijnen
from .models import Bewaarblokkade, Uitzondering, Verzoek, VerzoekBesluit, VerzoekSoort

PERM = bewaartermijnen.PERM
GRONDSLAG = "rol: privacyfunctionaris"
#: What a resident may have corrected: their own recorded facts (the BSN goes through its own check).
CORRIGEERBAAR = ("voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "straat", "huisnummer", "postcode",
                 "woonplaats", "telefoon", "email")
MAX_VERLENGING_MAANDEN = 2


def maanden_na(datum: datetime.date, maanden: int) -> datetime.date:
    """The same day `maanden` months later, or that month's last day (31 January + 1 month = 28/29 February)."""
    jaar, maand = divmod(datum.month - 1 + maanden, 12)
    jaar, maand = datum.year + jaar, maand + 1
    return datetime.date(jaar, maand, min(datum.day, calendar.monthrange(jaar, maand)[1]))


def uiterlijk(verzoek: Verzoek) -> datetime.date:
    return verzoek.verlengd_tot or maanden_na(verzoek.ontvangen_op, 1)


def _mag(actor, gemeente_id) -> None:
    if not actor.has_perm(PERM) or actor.gemeente_id != gemeente_id:
        raise PermissionDenied


def _casus_van_persoon(persoon: Persoon) -> set[int]:
    huishoudens = Lidmaatschap.objects.filter(persoon=persoon).values_list("huishouden_id", flat=True)
    return set(
        Casus.objects.filter(gemeente_id=persoon.gemeente_id, huishouden_id__in=huishoudens).values_list(
            "pk", flat=True
        )
    ) | set(Casus.objects.filter(hoofdpersoon=persoon).values_list("pk", flat=True))


def verzoek_registreren(*, actor, verzoek: Verzoek) -> Verzoek:
    """Registers a validated request (the form checked the fields); the person and casus must be the gemeente's
    and the casus the person's."""
    _mag(actor, verzoek.persoon.gemeente_id)
    fouten = {}
    if verzoek.soort == VerzoekSoort.CORRECTIE:
        if verzoek.veld not in CORRIGEERBAAR:
            fouten["veld"] = _("Kies welk gegeven gecorrigeerd moet worden.")
        elif not verzoek.nieuwe_waarde.strip() and verzoek.veld not in ("tussenvoegsel", "telefoon", "email"):
            fouten["nieuwe_waarde"] = _("Vul de juiste waarde in die de inwoner opgeeft.")
        verzoek.casus = None
    else:
        if verzoek.casus is None:
            fouten["casus"] = _("Vul het nummer in van de casus die de inwoner vernietigd wil zien.")
        elif verzoek.casus.pk not in _casus_van_persoon(verzoek.persoon):
            fouten["casus"] = _("Deze casus gaat niet over deze inwoner.")
        verzoek.veld = verzoek.nieuwe_waarde = ""
    if fouten:
        if "casus" in fouten:
            audit_refused(actor=actor, actie=AuditActie.CREATE, object_type="privacy.verzoek",
                          client_id=verzoek.persoon.pk, omschrijving="verzoek geweigerd: casus niet van deze inwoner")
        raise ValidationError(fouten)
    with transaction.atomic():
        verzoek.gemeente_id = actor.gemeente_id
        verzoek.geregistreerd_door = actor
        verzoek.save()
        audit_log(
            actor=actor,
            actie=AuditActie.CREATE,
            object_type="privacy.verzoek",
            object_id=verzoek.pk,
            client_id=verzoek.persoon_id,
            grondslag=GRONDSLAG,
            omschrijving=f"verzoek om {verzoek.soort} geregistreerd" + (f" ({verzoek.veld})" if verzoek.veld else ""),
        )
    return verzoek


def verzoek_verlengen(*, actor, verzoek: Verzoek, tot: datetime.date, reden: str) -> Verzoek:
    """Extends the deadline (AVG art. 12(3)): with reasons, to at most three months after receipt."""
    _mag(actor, verzoek.gemeente_id)
    if verzoek.besluit:
        raise ValidationError({"tot": _("Over dit verzoek is al besloten.")})
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden van de verlenging; die wordt aan de inwoner meegedeeld.")})
    grens = maanden_na(verzoek.ontvangen_op, 1 + MAX_VERLENGING_MAANDEN)
    if tot <= uiterlijk(verzoek):
        raise ValidationError({"tot": _("Kies een datum na de huidige termijn (%(datum)s).") % {
            "datum": uiterlijk(verzoek).strftime("%d-%m-%Y")}})
    if tot > grens:
        raise ValidationError({"tot": _("Verlengen kan tot uiterlijk drie maanden na ontvangst (%(datum)s).") % {
            "datum": grens.strftime("%d-%m-%Y")}})
    with transaction.atomic():
        verzoek.verlengd_tot = tot
        verzoek.verlenging_reden = "\n".join(filter(None, [verzoek.verlenging_reden, reden.strip()]))
        verzoek.save(update_fields=["verlengd_tot", "verlenging_reden"])
        audit_log(
            actor=actor,
            actie=AuditActie.UPDATE,
            object_type="privacy.verzoek",
            object_id=verzoek.pk,
            client_id=verzoek.persoon_id,
            grondslag=GRONDSLAG,
            omschrijving=f"termijn verlengd tot {tot:%d-%m-%Y}",
        )
    return verzoek


def verzoek_beslissen(*, actor, verzoek: Verzoek, besluit: str, motivering: str, uitzondering: str = "") -> Verzoek:
    """Decides a request with its motivation; a granted one is carried out in the same transaction."""
    _mag(actor, verzoek.gemeente_id)
    if verzoek.besluit:
        raise ValidationError({"besluit": _("Over dit verzoek is al besloten.")})
    if not motivering.strip():
        raise ValidationError({"motivering": _("Geef de motivering van het besluit; die gaat naar de inwoner.")})
    if besluit not in VerzoekBesluit.values:
        raise ValidationError({"besluit": _("Kies toewijzen of afwijzen.")})
    if verzoek.persoon_id is None:
        raise ValidationError({"besluit": _("De inwoner van dit verzoek bestaat niet meer.")})
    afwijzen_verwijdering = verzoek.soort == VerzoekSoort.VERWIJDERING and besluit == VerzoekBesluit.AFGEWEZEN
    if afwijzen_verwijdering and uitzondering not in Uitzondering.values:
        raise ValidationError({"uitzondering": _(
            "Noem de uitzondering waarom niet wordt vernietigd (art. 7.3.9 Jeugdwet, AVG art. 17 lid 3).")})
    with transaction.atomic():
        verzoek = Verzoek.objects.select_for_update().get(pk=verzoek.pk)
        if verzoek.besluit:
            raise ValidationError({"besluit": _("Over dit verzoek is al besloten.")})
        omschrijving = f"verzoek om {verzoek.soort} {besluit}"
        if besluit == VerzoekBesluit.TOEGEWEZEN:
            if verzoek.soort == VerzoekSoort.CORRECTIE:
                _corrigeren(actor, verzoek)
            else:
                omschrijving += "; " + _vernietigen(verzoek)
        verzoek.besluit = besluit
        verzoek.uitzondering = uitzondering if afwijzen_verwijdering else ""
        verzoek.motivering = motivering.strip()
        verzoek.besloten_door = actor
        verzoek.besloten_op = timezone.now()
        verzoek.save()
        audit_log(actor=actor, actie=AuditActie.UPDATE, object_type="privacy.verzoek", object_id=verzoek.pk,
                  client_id=verzoek.persoon_id, grondslag=GRONDSLAG, omschrijving=omschrijving[:200])
    return verzoek


def _corrigeren(actor, verzoek: Verzoek) -> None:
    persoon = Persoon.objects.select_for_update().get(pk=verzoek.persoon_id)
    veld = Persoon._meta.get_field(verzoek.veld)
    oud = getattr(persoon, verzoek.veld)
    try:
        nieuw = veld.clean(verzoek.nieuwe_waarde.strip(), persoon)
    except ValidationError as exc:
        raise ValidationError({"besluit": _("De opgegeven waarde kan niet worden vastgelegd: %(fout)s") % {
            "fout": " ".join(exc.messages)}}) from None
    verzoek.oude_waarde = "" if oud is None else (oud.isoformat() if hasattr(oud, "isoformat") else str(oud))
    setattr(persoon, verzoek.veld, nieuw)
    persoon.save()
    audit_log(actor=actor, actie=AuditActie.UPDATE, object_type="inwoners.persoon", object_id=persoon.pk,
              client_id=persoon.pk, grondslag="verzoek om correctie (AVG art. 16)",
              omschrijving=f"gecorrigeerd op verzoek {verzoek.pk}: {verzoek.veld}")


def _vernietigen(verzoek: Verzoek) -> str:
    casus = Casus.objects.filter(pk=verzoek.casus_id).first()
    if casus is None:
        raise ValidationError({"besluit": _("Deze casus bestaat niet meer.")})
    if casus.status != Status.AFGESLOTEN:
        raise ValidationError({"besluit": _(
            "De casus loopt nog: sluit hem eerst af, of wijs af omdat de hulp nog loopt.")})
    if casus.pk in bewaartermijnen._geblokkeerd([casus]) or Bewaarblokkade.objects.filter(
            casus=casus, opgeheven_op__isnull=True).exists():
        raise ValidationError(
            {"besluit": _("Er staat een bewaarblokkade op dit dossier: het kan nu niet worden vernietigd.")}
        )
    persoon_id = verzoek.persoon_id
    try:
        with transaction.atomic():
            dossier = bewaartermijnen._vernietig_dossier(casus)
    except bewaartermijnen._Bewaren:
        raise ValidationError(
            {
                "besluit": _(
                    "Een ander dossier verwijst nog naar gegevens van deze casus; "
                    "vernietigen kan niet zonder dat dossier te raken."
                )
            }
        ) from None
    verzoek.casus = None  # the database set it to NULL with the casus; so must this copy
    if persoon_id in dossier.persoon_ids:
        verzoek.persoon = None  # the request stays, without the person it was about
    documenten = list(dossier.documenten)
    transaction.on_commit(lambda: bewaartermijnen._documenten_weg(documenten))
    return (f"vernietigd op verzoek (art. 7.3.9 Jeugdwet / AVG art. 17): 1 casus, {len(dossier.persoon_ids)} personen, "
            f"{sum(dossier.rijen.values())} gegevens")
