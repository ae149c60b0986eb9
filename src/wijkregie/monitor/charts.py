"""The geometry of the monitor's charts, drawn as SVG by the templates (_staven.html, _kolommen.html):
no script, nothing external. Suppressed values are drawn as their sign, never as a bar."""

from __future__ import annotations

from dataclasses import dataclass

from .selectors import DREMPEL


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
