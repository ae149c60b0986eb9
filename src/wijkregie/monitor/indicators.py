"""Indicators, each defined once (name, definition in Dutch, unit), computed from the registrations.

Only aggregates leave this module: counts per breakdown, never personal records. This first set
covers the toegang; the monitor issue adds the rest (plan, regie, cliëntervaring) to the same table.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from wijkregie.toegang.models import Aanmelding, AanmeldingStatus, Aard

# Channels in the words of the pilot report (seed 004 Tabel 6).
KANAAL_LABEL = {"email": "e-mail", "partner": "partner", "telefoon": "telefoon", "inloop": "inloop",
                "outreach": "outreach", "webformulier": "webformulier"}
# Aard van de vraag as in seed 004 Tabel 7: (aard, ondersteuningsplan, indicatie).
AARD_LABEL = {
    Aard.INFORMATIE: ("informatie en advies", "nee", "nee"),
    Aard.ENKELVOUDIG_ZONDER: ("enkelvoudige vraag", "ja", "nee"),
    Aard.ENKELVOUDIG_MET: ("enkelvoudige vraag", "ja", "ja"),
    Aard.MEERVOUDIG_ZONDER: ("meervoudige vraag", "ja", "nee"),
    Aard.MEERVOUDIG_MET: ("meervoudige vraag", "ja", "ja"),
}
NIET_GECATEGORISEERD = "niet gecategoriseerd"


def aard_breakdown(aard: str) -> str:
    naam, plan, indicatie = AARD_LABEL[aard]
    return f"{naam}|ondersteuningsplan={plan}|indicatie={indicatie}"


@dataclass(frozen=True)
class Indicator:
    code: str
    naam: str
    definitie: str
    eenheid: str


INDICATOREN = {
    i.code: i for i in [
        Indicator("instroom_per_kanaal", "Instroom per kanaal",
                  "Aantal aanmeldingen ontvangen in de periode, naar het kanaal waarlangs de vraag binnenkwam.", "aantal"),
        Indicator("aard_van_de_vraag", "Aard van de vraag",
                  "Aantal aanmeldingen in de periode naar de aard van de vraag bij de triage (seed 004 Tabel 7); "
                  "aanmeldingen zonder triage tellen als niet gecategoriseerd.", "aantal"),
        Indicator("opgelost_aan_de_voorkant", "Opgelost aan de voorkant",
                  "Aandeel van de aanmeldingen in de periode dat aan de voorkant is afgehandeld met informatie, "
                  "advies of eigen kracht.", "procent"),
        Indicator("wachttijd_eerste_contact", "Wachttijd tot eerste contact",
                  "Dagen van ontvangst tot eerste contact, voor aanmeldingen in de periode met een eerste contact: "
                  "mediaan en 90e percentiel.", "dagen"),
    ]
}


def _periode(gemeente, van: datetime.date, tot: datetime.date):
    """Aanmeldingen received from `van` up to (not including) `tot`, in local time."""
    tz = timezone.get_current_timezone()
    return Aanmelding.objects.filter(
        gemeente=gemeente,
        ontvangen_op__gte=datetime.datetime.combine(van, datetime.time.min, tz),
        ontvangen_op__lt=datetime.datetime.combine(tot, datetime.time.min, tz),
    )


def bereken(gemeente, van: datetime.date, tot: datetime.date) -> list[tuple[str, str, object]]:
    """All indicators for a period as rows (indicator, breakdown, value). A few aggregate queries."""
    qs = _periode(gemeente, van, tot)
    rijen: list[tuple[str, str, object]] = []
    for r in qs.values("kanaal").annotate(n=Count("pk")).order_by("kanaal"):
        rijen.append(("instroom_per_kanaal", KANAAL_LABEL.get(r["kanaal"], r["kanaal"]), r["n"]))
    for r in qs.values("triage__aard").annotate(n=Count("pk")).order_by("triage__aard"):
        breakdown = aard_breakdown(r["triage__aard"]) if r["triage__aard"] else NIET_GECATEGORISEERD
        rijen.append(("aard_van_de_vraag", breakdown, r["n"]))
    totaal = qs.count()
    voorkant = qs.filter(status=AanmeldingStatus.VOORKANT).count()
    rijen.append(("opgelost_aan_de_voorkant", "totaal", round(100 * voorkant / totaal, 1) if totaal else ""))
    wachten = [
        (contact - ontvangen).total_seconds() / 86400
        for ontvangen, contact in qs.filter(eerste_contact_op__isnull=False).values_list("ontvangen_op", "eerste_contact_op")
    ]
    if wachten:
        wachten.sort()
        rijen.append(("wachttijd_eerste_contact", "mediaan", round(statistics.median(wachten), 1)))
        rijen.append(("wachttijd_eerste_contact", "p90", round(wachten[min(len(wachten) - 1, int(0.9 * len(wachten)))], 1)))
    return rijen
