"""Working days for the standard's deadlines: retour within 3 working days (OP090), an answer to a 315/317
within 5 (OP274/OP346), a 305/307 within 5 of the real start or stop (OP271/OP272).

A working day is Monday to Friday except the Dutch public holidays that close municipal offices:
Nieuwjaarsdag, Goede Vrijdag is not one, Tweede Paasdag, Koningsdag (26 April when the 27th is a
Sunday), Bevrijdingsdag in lustrum years, Hemelvaartsdag, Tweede Pinksterdag, both Kerstdagen.
"""

from __future__ import annotations

import datetime
import functools

DAG = datetime.timedelta(days=1)


def pasen(jaar: int) -> datetime.date:
    """Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = jaar % 19, jaar // 100, jaar % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    maand = (h + ll - 7 * m + 114) // 31
    dag = (h + ll - 7 * m + 114) % 31 + 1
    return datetime.date(jaar, maand, dag)


@functools.cache
def feestdagen(jaar: int) -> frozenset[datetime.date]:
    p = pasen(jaar)
    koningsdag = datetime.date(jaar, 4, 27)
    if koningsdag.weekday() == 6:
        koningsdag = datetime.date(jaar, 4, 26)
    dagen = {datetime.date(jaar, 1, 1), p + DAG, koningsdag, p + 39 * DAG, p + 50 * DAG,
             datetime.date(jaar, 12, 25), datetime.date(jaar, 12, 26)}
    if jaar % 5 == 0:
        dagen.add(datetime.date(jaar, 5, 5))
    return frozenset(dagen)


def is_werkdag(dag: datetime.date) -> bool:
    return dag.weekday() < 5 and dag not in feestdagen(dag.year)


def werkdagen_na(dag: datetime.date, aantal: int) -> datetime.date:
    """The date `aantal` working days after `dag` (the day itself does not count)."""
    while aantal > 0:
        dag += DAG
        if is_werkdag(dag):
            aantal -= 1
    return dag
