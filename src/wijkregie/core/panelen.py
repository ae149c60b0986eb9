"""Pages that belong to a lower app but show parts owned by apps above it (the person page shows
consents and aanmeldingen; the casus page shows the plan).

The lower app owns the page and a `Panelen` register; an app above registers a function in its
ready() that returns a `Paneel` for one object, or None when the user may not see that part. The
lower app never imports the higher one, and each part asks the access policy itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Paneel:
    template: str
    context: dict = field(default_factory=dict)
    volgorde: int = 50
    #: The kinds of data the part shows (Gegevens values), named in the page's audit event.
    gegevens: tuple[str, ...] = ()


class Panelen:
    def __init__(self) -> None:
        self._bronnen: list[Callable[..., Paneel | None]] = []

    def register(self, bron: Callable[..., Paneel | None]) -> Callable[..., Paneel | None]:
        if bron not in self._bronnen:
            self._bronnen.append(bron)
        return bron

    def voor(self, request, obj) -> list[Paneel]:
        panelen = [p for p in (bron(request, obj) for bron in self._bronnen) if p is not None]
        return sorted(panelen, key=lambda p: p.volgorde)
