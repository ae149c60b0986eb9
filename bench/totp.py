"""RFC 6238 TOTP (SHA-1, 30 s, 6 digits), as django-otp's TOTPDevice checks it: the bench logs in
with the second factor like a medewerker's authenticator app does."""

import hashlib
import hmac
import struct
import time


def totp(key_hex: str, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    counter = int((at or time.time()) // step)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % (10 ** digits)
    return f"{code:0{digits}d}"
