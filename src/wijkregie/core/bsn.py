"""Burgerservicenummer (BSN): the elfproef, and the test range for synthetic people.

A BSN has 9 digits d1..d9 with 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 divisible by 11 (the "elfproef",
Wet algemene bepalingen burgerservicenummer; Logius BSN specification). The BSN is optional in
wijkregie (people not registered in the municipality must be helpable) but checked whenever given.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Numbers reserved for testing (RvIG): never issued to a real person. Demo data uses only these.
TEST_RANGE = (999_900_006, 999_999_990)
WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def normalise_bsn(value: str) -> str:
    """Strips spaces, dots and dashes people type; pads an 8-digit number (an old leading zero)."""
    digits = "".join(ch for ch in str(value) if ch not in " .-")
    return digits.zfill(9) if len(digits) == 8 and digits.isdigit() else digits


def is_valid_bsn(value: str) -> bool:
    bsn = normalise_bsn(value)
    if len(bsn) != 9 or not bsn.isascii() or not bsn.isdigit() or bsn == "000000000":
        return False
    return sum(w * int(d) for w, d in zip(WEIGHTS, bsn)) % 11 == 0


def validate_bsn(value: str) -> None:
    bsn = normalise_bsn(value)
    if len(bsn) != 9 or not bsn.isascii() or not bsn.isdigit():
        raise ValidationError(_("Een BSN bestaat uit 9 cijfers."), code="bsn_length")
    if not is_valid_bsn(bsn):
        raise ValidationError(
            _("Dit BSN klopt niet (de elfproef faalt). Controleer de cijfers op het identiteitsbewijs."),
            code="bsn_elfproef",
        )


def test_bsns(start: int = TEST_RANGE[0]) -> Iterator[str]:
    """Valid BSNs from the test range, in ascending order (about one in eleven numbers passes)."""
    for number in range(start, TEST_RANGE[1] + 1):
        candidate = f"{number:09d}"
        if is_valid_bsn(candidate):
            yield candidate


test_bsns.__test__ = False  # not a pytest test, despite the name
