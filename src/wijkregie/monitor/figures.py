"""What the computation hands on: figures, never records. A Rij is one value of one indicator's breakdown
with n, the number of records behind it, so that presentation can suppress small numbers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rij:
    indicator: str
    breakdown: str
    waarde: object
    n: int

    def als_tuple(self):
        return (self.indicator, self.breakdown, "" if self.waarde is None else self.waarde)


def procent(deel, geheel):
    return round(100 * deel / geheel, 1) if geheel else None


def n_procent(deel: int, geheel: int) -> int:
    """The count a share rests on, for suppression: a share also gives away a small numerator (1 of 8) or a
    small remainder (7 of 8), so the smallest positive of denominator, numerator and remainder counts."""
    return min([x for x in (geheel, deel, geheel - deel) if x > 0] or [0])
