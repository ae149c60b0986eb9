"""Uploaded documents encrypted at rest (issue 14, item 7): a signed consent form is special-category data.

Files are written as `WRDOC1\\n` + a Fernet token (AES-128-CBC with HMAC-SHA256, from `cryptography`);
a file without that header is an older, unencrypted upload and is read as it is, so nothing uploaded
before this change becomes unreadable. A copy of the document directory (or a back-up of it) without
the key is unreadable; the database never holds the key.

The key: WIJKREGIE_DOCUMENT_KEY, one or more Fernet keys separated by commas (the first encrypts, all
decrypt, so a key can be rotated). Make one with
`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`.
Required outside demo mode; in demo mode (only) it defaults to a key derived from SECRET_KEY.
Read from settings.DOCUMENT_KEY when the settings name one, else from the environment.
"""

from __future__ import annotations

import base64
import hashlib
import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

KOP = b"WRDOC1\n"


def _sleutels() -> list[str]:
    waarde = getattr(settings, "DOCUMENT_KEY", "") or os.environ.get("WIJKREGIE_DOCUMENT_KEY", "")
    sleutels = [s.strip() for s in waarde.split(",") if s.strip()]
    if sleutels:
        return sleutels
    if settings.DEMO_MODE:
        afgeleid = hashlib.sha256(f"wijkregie-documenten:{settings.SECRET_KEY}".encode()).digest()
        return [base64.urlsafe_b64encode(afgeleid).decode()]
    raise ImproperlyConfigured(
        "WIJKREGIE_DOCUMENT_KEY is required outside demo mode: the key that encrypts uploaded documents "
        "(docs/operations.md)."
    )


def fernet() -> MultiFernet:
    try:
        return MultiFernet([Fernet(s) for s in _sleutels()])
    except ValueError:
        raise ImproperlyConfigured(
            "WIJKREGIE_DOCUMENT_KEY is not a valid Fernet key (32 bytes, url-safe base64)."
        ) from None


def versleutel(data: bytes) -> bytes:
    return KOP + fernet().encrypt(data)


def ontsleutel(data: bytes) -> bytes:
    """The document's bytes; an older unencrypted file comes back as it is."""
    if not data.startswith(KOP):
        return data
    try:
        return fernet().decrypt(data[len(KOP):])
    except InvalidToken:
        raise ImproperlyConfigured(
            "A document could not be decrypted: WIJKREGIE_DOCUMENT_KEY is not the key it was written with."
        ) from None


@deconstructible(path="wijkregie.core.versleuteling.VersleuteldeOpslag")
class VersleuteldeOpslag(FileSystemStorage):
    """MEDIA_ROOT, but every file written is encrypted and every file read decrypted (see the module)."""

    def _save(self, name, content):
        content.seek(0) if hasattr(content, "seek") else None
        data = b"".join(content.chunks()) if hasattr(content, "chunks") else content.read()
        return super()._save(name, ContentFile(versleutel(data)))

    def _open(self, name, mode="rb"):
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("Versleutelde documenten worden alleen via save() geschreven.")
        with super()._open(name, "rb") as fh:
            data = ontsleutel(fh.read())
        inhoud = ContentFile(data, name=name)
        return File(inhoud.file, name=name)

    def size(self, name):
        with self._open(name) as fh:
            return len(fh.read())


def versleutelde_opslag() -> VersleuteldeOpslag:
    """The storage of uploaded documents (a callable, so the key and MEDIA_ROOT are read when used)."""
    return VersleuteldeOpslag()


@checks.register(checks.Tags.security)
def documentsleutel_controleren(app_configs=None, **kwargs):
    """At every command and start: without a usable key, uploading a consent form would fail. A warning,
    not an error, so that an installation without documents (the bench) still starts."""
    try:
        fernet()
    except ImproperlyConfigured as exc:
        return [
            checks.Warning(
                str(exc),
                hint="Zet WIJKREGIE_DOCUMENT_KEY (docs/operations.md, 'Documents encrypted at rest').",
                id="wijkregie.W001",
            )
        ]
    return []

