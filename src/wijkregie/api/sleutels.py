"""API keys: how one is made, what is stored of it, and how a presented key is checked.

A key reads `wr_<prefix>_<secret>`: `prefix` (12 hex characters) finds the row, `secret` (32 random
bytes, URL-safe) is checked against its stored SHA-256 in constant time. A fast hash is enough
here, unlike for passwords: the secret is random with 256 bits, not chosen by a person, so there is
nothing to guess from the hash; a slow hash would only slow every request.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

VOORVOEGSEL = "wr"
PREFIX_BYTES = 6
SECRET_BYTES = 32
# The longest key we accept: a header of kilobytes is not a key, and is not hashed either.
MAX_LENGTE = 100


def sleutel_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NieuweSleutel:
    prefix: str
    secret: str

    @property
    def tekst(self) -> str:
        """The key as the partner gets it, once."""
        return f"{VOORVOEGSEL}_{self.prefix}_{self.secret}"

    @property
    def hash(self) -> str:
        return sleutel_hash(self.secret)


def nieuwe_sleutel() -> NieuweSleutel:
    return NieuweSleutel(prefix=secrets.token_hex(PREFIX_BYTES), secret=secrets.token_urlsafe(SECRET_BYTES))


def ontleed(tekst: str) -> tuple[str, str] | None:
    """(prefix, secret) of a presented key, or None when it is not shaped like one of ours."""
    if not tekst or len(tekst) > MAX_LENGTE or not tekst.isascii():
        return None
    delen = tekst.split("_", 2)
    if len(delen) != 3 or delen[0] != VOORVOEGSEL or len(delen[1]) != PREFIX_BYTES * 2 or not delen[2]:
        return None
    return delen[1], delen[2]


def klopt(secret: str, opgeslagen_hash: str) -> bool:
    return hmac.compare_digest(sleutel_hash(secret), opgeslagen_hash)
