"""From indicator rows to what people read: each cell with the label and unit its definition gives it
(definitions.py), small numbers suppressed, and the comparison with the nulmeting. The charts are drawn
from the cells by charts.py."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from .definitions import INDICATOREN, onderdeel
from .figures import Rij
from .selectors import DREMPEL


def label(rij_indicator: str, breakdown: str) -> str:
    """A breakdown in words; exports keep the stable codes, pages show these."""
    tekst = onderdeel(rij_indicator, breakdown).label
    return breakdown if tekst is None else str(tekst)


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
    return onderdeel(indicator, breakdown).aantal


def eenheid(indicator: str, breakdown: str) -> str:
    """The unit of one cell, as a reader needs it beside the number ("dagen" with a doorlooptijd)."""
    return str(onderdeel(indicator, breakdown).eenheid)


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
    def is_aandeel(self) -> bool:
        """A share (%): not drawn beside counts or averages in one chart."""
        return onderdeel(self.indicator, self.breakdown).is_aandeel

    @property
    def uitleg(self) -> str:
        """What the sign in place of a suppressed value means, for the reader and the screen reader."""
        return str(UITLEG.get(self.teken, "")) if self.onderdrukt else ""

    def als_tuple(self):
        return (
            self.indicator,
            self.breakdown,
            self.teken if self.onderdrukt else ("" if self.waarde is None else self.waarde),
        )


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


