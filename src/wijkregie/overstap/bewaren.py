"""The uploaded sheet between the check and the import, kept server-side and encrypted at rest.

The page checks a file, shows the report, and imports the same file when the beheerder says so: the file
waits on disk under a random token (in the beheerder's session and in the form, never in a URL), encrypted
with the documents' key (core/versleuteling.py), readable only by the same medewerker of the same gemeente,
removed after the import and after a day at the latest.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
import time
from pathlib import Path

from wijkregie.core.versleuteling import ontsleutel, versleutel

BEWAARTIJD = 24 * 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _map() -> Path:
    map_ = Path(tempfile.gettempdir()) / "wijkregie-overstap"
    map_.mkdir(mode=0o700, exist_ok=True)
    return map_


def _pad(actor, token: str) -> Path | None:
    if not _TOKEN.match(token or ""):
        return None
    return _map() / f"{actor.gemeente_id}-{actor.pk}-{token}"


def opruimen() -> None:
    grens = time.time() - BEWAARTIJD
    for pad in _map().iterdir():
        try:
            if pad.stat().st_mtime < grens:
                pad.unlink()
        except FileNotFoundError:
            pass


def bewaar(actor, data: bytes) -> str:
    opruimen()
    token = secrets.token_urlsafe(24)
    pad = _pad(actor, token)
    fd = os.open(pad, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(versleutel(data))
    return token


def haal(actor, token: str) -> bytes | None:
    pad = _pad(actor, token)
    if pad is None or not pad.exists():
        return None
    return ontsleutel(pad.read_bytes())


def verwijder(actor, token: str) -> None:
    pad = _pad(actor, token)
    if pad is not None:
        pad.unlink(missing_ok=True)
