"""The one table of allowed casus transitions (issue 5). Services consult it; nothing else moves a casus."""

from .models import Status

S = Status
TRANSITIONS: dict[str, frozenset[str]] = {
    "": frozenset({S.AANGEMELD, S.IN_TRIAGE, S.VRAAGVERHELDERING, S.UITVOERING}),
    S.AANGEMELD: frozenset({S.IN_TRIAGE, S.VRAAGVERHELDERING, S.AFGESLOTEN}),
    S.IN_TRIAGE: frozenset({S.VRAAGVERHELDERING, S.UITVOERING, S.AFGESLOTEN}),
    S.VRAAGVERHELDERING: frozenset({S.PLAN, S.AFGESLOTEN}),
    S.PLAN: frozenset({S.UITVOERING, S.VRAAGVERHELDERING, S.AFGESLOTEN}),
    S.UITVOERING: frozenset({S.PLAN, S.AFGESCHAALD, S.AFGESLOTEN}),
    S.AFGESCHAALD: frozenset({S.UITVOERING, S.AFGESLOTEN, S.VRAAGVERHELDERING}),
    S.AFGESLOTEN: frozenset({S.VRAAGVERHELDERING}),  # heropenen
}


def allowed(van: str, naar: str) -> bool:
    return naar in TRANSITIONS.get(van, frozenset())
