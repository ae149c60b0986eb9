"""From indicator rows to what people read: labels, suppression of small numbers, comparison with the
nulmeting, and the geometry of the charts (drawn as SVG by the templates: no script, nothing external)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkregie.regie.models import Richting, SchalingNaar
from wijkregie.toegang.models import Aard

from .indicators import INDICATOREN, NIET_GECATEGORISEERD, Rij, aard_breakdown
from .models import ONDERWERPEN, VRAGEN
from .selectors import DREMPEL

EENS = gettext_lazy("(helemaal) eens")
_AARD = {aard_breakdown(a): label for a, label in Aard.choices}
_VRAAG = {veld: tekst for veld, _o, tekst in VRAGEN}
_BREAKDOWN = {
    "mediaan": gettext_lazy("mediaan"), "p90": gettext_lazy("90e percentiel"), "totaal": gettext_lazy("totaal"),
    "aantal": gettext_lazy("aantal"), "procent": gettext_lazy("aandeel (%)"),
    "ja": gettext_lazy("behaald"), "deels": gettext_lazy("deels behaald"), "nee": gettext_lazy("niet behaald"),
}


def label(rij_indicator: str, breakdown: str) -> str:
    """A breakdown in words; exports keep the stable codes, pages show these."""
    if rij_indicator == "aard_van_de_vraag":
        return str(_AARD.get(breakdown, _("Niet gecategoriseerd") if breakdown == NIET_GECATEGORISEERD else breakdown))
    if rij_indicator == "op_en_afschalingen" and "|" in breakdown:
        richting, naar = breakdown.split("|", 1)
        return f"{Richting(richting).label} → {SchalingNaar(naar).label}" if richting in Richting.values and naar in SchalingNaar.values else breakdown
    if rij_indicator == "clientervaring" and breakdown.count("|") == 2:
        onderwerp, veld, _rest = breakdown.split("|")
        return f"{ONDERWERPEN.get(onderwerp, onderwerp)}: {_VRAAG.get(veld, veld)} — {EENS} (%)"
    if rij_indicator == "clientervaring":
        return {"respons (procent)": _("Respons (%)"), "rapportcijfer (gemiddeld)": _("Rapportcijfer (gemiddeld)")}.get(breakdown, breakdown)
    if rij_indicator == "caseload":
        return {"lopende casussen": _("Lopende casussen"), "gemiddeld per regisseur": _("Gemiddeld per regisseur"),
                "per fte": _("Per fte")}.get(breakdown, breakdown)
    if rij_indicator == "zrm_voortgang" and breakdown == "aandeel vooruit (procent)":
        return _("Aandeel vooruit (%)")
    return str(_BREAKDOWN[breakdown]) if breakdown in _BREAKDOWN else breakdown


#: What stands in place of a suppressed value. A count under the threshold reads "<5"; an average, median,
#: rate or percentage resting on so few records has no honest "less than" (a "<5" in a column of
#: percentages reads as "less than 5 %", issue 13), so it reads as not shown.
NIET_GETOOND = "–"
GEHEIM = "×"  # CBS's sign for a figure withheld to protect another
UITLEG = {
    f"<{DREMPEL}": gettext_lazy("minder dan 5, niet precies getoond zodat geen inwoner herkenbaar is"),
    NIET_GETOOND: gettext_lazy("niet getoond: berust op minder dan 5 dossiers"),
    GEHEIM: gettext_lazy("niet getoond: anders is een klein aantal uit het totaal af te leiden"),
}


def is_aantal(indicator: str, breakdown: str) -> bool:
    """Whether a cell is a count (of aanmeldingen, schalingen, casussen) rather than an average or a share."""
    return INDICATOREN[indicator].eenheid == "aantal" or breakdown in ("aantal", "lopende casussen")


def eenheid(indicator: str, breakdown: str) -> str:
    """The unit of one cell, as a reader needs it beside the number ("dagen" with a doorlooptijd)."""
    code = INDICATOREN[indicator].eenheid
    if "procent" in breakdown or code == "procent":
        return "%"
    if indicator == "clientervaring":
        return str(_("cijfer (1–10)"))
    if code == "dagen":
        return str(_("dagen"))
    if indicator == "instroom_per_1000_inwoners":
        return str(_("per 1.000 inwoners per jaar"))
    if indicator == "zrm_voortgang":
        return str(_("niveaus"))
    if indicator == "caseload":
        return {"gemiddeld per regisseur": str(_("casussen per regisseur")),
                "per fte": str(_("casussen per fte"))}.get(breakdown, str(_("casussen")))
    return str(_("aantal"))


@dataclass
class Cel:
    indicator: str
    breakdown: str
    waarde: object  # None when unknown or suppressed
    n: int
    onderdrukt: bool = False
    teken: str = f"<{DREMPEL}"  # what is shown instead: "<5", or "×" when hidden to protect another cell
    nulmeting: object = None
    basis_n: int | None = None
    verschil: object = None

    @property
    def label(self) -> str:
        return label(self.indicator, self.breakdown)

    @property
    def naam(self) -> str:
        return INDICATOREN[self.indicator].naam

    @property
    def eenheid(self) -> str:
        return eenheid(self.indicator, self.breakdown)

    @property
    def uitleg(self) -> str:
        """What the sign in place of a suppressed value means, for the reader and the screen reader."""
        return str(UITLEG.get(self.teken, "")) if self.onderdrukt else ""

    def als_tuple(self):
        return (self.indicator, self.breakdown, self.teken if self.onderdrukt else ("" if self.waarde is None else self.waarde))


# Residents' own answers: never shown on fewer than DREMPEL answers, not even to their own team.
ALTIJD_ONDERDRUKKEN = ("clientervaring",)


def cellen(rijen: list[Rij], *, onderdrukken: bool, nulmeting: list | None = None) -> list[Cel]:
    """Rows to cells. With `onderdrukken`, a value resting on 1–4 records is not shown, and neither is a
    baseline value resting on so few; the same secondary suppression then runs on both columns."""
    basis = {(r[0], r[1]): r for r in (nulmeting or [])}
    uit = []
    for r in rijen:
        streng = onderdrukken or r.indicator in ALTIJD_ONDERDRUKKEN
        klein = streng and 0 < r.n < DREMPEL
        cel = Cel(r.indicator, r.breakdown, None if klein else r.waarde, r.n, onderdrukt=klein,
                  teken=f"<{DREMPEL}" if is_aantal(r.indicator, r.breakdown) else NIET_GETOOND)
        b = basis.get((r.indicator, r.breakdown))
        if b is not None:
            cel.basis_n = b[3]
            if not (streng and 0 < b[3] < DREMPEL):
                cel.nulmeting = b[2]
        uit.append(cel)
    if onderdrukken:
        _secundair(uit, verborgen=lambda c: c.onderdrukt, n=lambda c: c.n, verberg=_verberg_waarde)
        _secundair(uit, verborgen=lambda c: c.basis_n is not None and c.nulmeting is None, n=lambda c: c.basis_n or 0,
                   verberg=_verberg_basis, alleen=lambda c: c.basis_n is not None)
    for cel in uit:
        if isinstance(cel.waarde, (int, float)) and isinstance(cel.nulmeting, (int, float)):
            cel.verschil = round(cel.waarde - cel.nulmeting, 1)
    return uit


# Breakdowns whose cells add up to a total shown elsewhere (the number of aanmeldingen, of schalingen).
OPTELLEND = ("instroom_per_kanaal", "aard_van_de_vraag", "op_en_afschalingen")


def _verberg_waarde(cel: Cel) -> None:
    cel.waarde, cel.onderdrukt, cel.teken = None, True, GEHEIM


def _verberg_basis(cel: Cel) -> None:
    cel.nulmeting = None


def _secundair(alle: list[Cel], *, verborgen, n, verberg, alleen=lambda c: True) -> None:
    """Secondary suppression: hidden cells of a breakdown that adds up to a known total can be worked out by
    subtraction when only one is hidden, or when the hidden ones together are still a small number. Then the
    smallest visible cell is hidden too, until neither holds."""
    for code in OPTELLEND:
        _tot_veilig([c for c in alle if c.indicator == code and alleen(c)], verborgen=verborgen, n=n, verberg=verberg)


def _tot_veilig(groep: list, *, verborgen, n, verberg) -> None:
    while True:
        weg = [c for c in groep if verborgen(c)]
        zichtbaar = [c for c in groep if not verborgen(c) and n(c)]
        if not weg or not zichtbaar or (len(weg) > 1 and sum(n(c) for c in weg) >= DREMPEL):
            break
        verberg(min(zichtbaar, key=n))


def maanden(trend: list[dict], *, onderdrukken: bool) -> tuple[list[dict], Cel]:
    """The trend per month as shown, and the total it adds up to (as a cell), with the same primary and
    secondary suppression as a breakdown. Works on copies: the cached figures stay as computed."""
    uit = [dict(m) for m in trend]
    for m in uit:
        m["onderdrukt"] = onderdrukken and 0 < m["aanmeldingen"] < DREMPEL
        m["teken"] = f"<{DREMPEL}"
        if onderdrukken and m["n_wachttijd"] < DREMPEL:
            m["wachttijd"] = None
        if onderdrukken and 0 < m["n_voorkant"] < DREMPEL:
            m["voorkant"] = None
    if onderdrukken:
        _tot_veilig(uit, verborgen=lambda m: m["onderdrukt"], n=lambda m: m["aanmeldingen"],
                    verberg=lambda m: m.update(onderdrukt=True, teken=GEHEIM))
    totaal = sum(m["aanmeldingen"] for m in uit)
    klein = onderdrukken and 0 < totaal < DREMPEL
    return uit, Cel("instroom", "totaal", None if klein else totaal, totaal, onderdrukt=klein)


def per_indicator(cellen_: list[Cel]) -> dict[str, list[Cel]]:
    groepen: dict[str, list[Cel]] = {}
    for c in cellen_:
        groepen.setdefault(c.indicator, []).append(c)
    return groepen


@dataclass
class Staaf:
    label: str
    tekst: str
    y_label: float
    y: float
    breedte: float
    x_tekst: float
    y_tekst: float
    negatief: bool = False


# Sizes in SVG units; the SVG scales to its column, so these are close to CSS pixels on a laptop.
BREEDTE, LABEL_HOOGTE, STAAF_HOOGTE, RUIMTE = 560, 20, 20, 12


def staafdiagram(items: list[tuple[str, object, object]]) -> dict:
    """Horizontal bars for (label, value, suppressed): the label above its bar (long labels stay whole),
    the value written after the bar."""
    waarden = [abs(w) for _l, w, o in items if isinstance(w, (int, float)) and not o]
    grootste = max(waarden) if waarden else 0
    ruimte = BREEDTE - 80
    staven = []
    rij = LABEL_HOOGTE + STAAF_HOOGTE + RUIMTE
    for i, (tekst_label, waarde, onderdrukt) in enumerate(items):
        y_label = i * rij + LABEL_HOOGTE - 5
        y = i * rij + LABEL_HOOGTE
        if onderdrukt:  # False, or the sign shown instead of the value
            breedte, tekst = 0, onderdrukt if isinstance(onderdrukt, str) else f"<{DREMPEL}"
        elif isinstance(waarde, (int, float)):
            breedte = ruimte * abs(waarde) / grootste if grootste else 0
            tekst = _getal(waarde)
        else:
            breedte, tekst = 0, "–"
        staven.append(Staaf(_afgekort(tekst_label, 70), tekst, y_label, y, round(breedte, 1), round(breedte + 6, 1),
                            round(y + STAAF_HOOGTE * 0.75, 1),
                            isinstance(waarde, (int, float)) and waarde < 0 and not onderdrukt))
    return {"staven": staven, "breedte": BREEDTE, "hoogte": len(items) * rij, "staaf_hoogte": STAAF_HOOGTE}


def kolomdiagram(maanden: list[dict], sleutel: str, *, onderdrukken: bool) -> dict:
    """Columns per month (the trend), with the month under each column and the value above it."""
    hoogte, onder, boven = 240, 40, 24
    n = max(len(maanden), 1)
    stap = (BREEDTE - 20) / n
    waarden = [m[sleutel] or 0 for m in maanden]
    grootste = max(waarden) if waarden else 0
    kolommen = []
    for i, m in enumerate(maanden):
        waarde = m[sleutel] or 0
        klein = m.get("onderdrukt", onderdrukken and 0 < waarde < DREMPEL)
        teken = m.get("teken", f"<{DREMPEL}")
        h = 0 if klein or not grootste else (hoogte - onder - boven) * waarde / grootste
        x = 10 + i * stap
        kolommen.append({
            "x": round(x + stap * 0.15, 1), "breedte": round(stap * 0.7, 1), "y": round(hoogte - onder - h, 1),
            "hoogte": round(h, 1), "midden": round(x + stap / 2, 1), "tekst": teken if klein else _getal(waarde),
            "tekst_y": round(hoogte - onder - h - 6, 1), "maand": m["maand"],
        })
    return {"kolommen": kolommen, "breedte": BREEDTE, "hoogte": hoogte, "as_y": hoogte - onder,
            "maand_y": hoogte - onder + 18, "jaar_y": hoogte - onder + 35}


def _afgekort(tekst: str, lengte: int = 38) -> str:
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


def _getal(waarde) -> str:
    from django.utils.formats import number_format

    return number_format(waarde, force_grouping=True)
