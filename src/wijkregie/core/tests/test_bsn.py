import itertools

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from wijkregie.core.bsn import TEST_RANGE, WEIGHTS, is_valid_bsn, normalise_bsn, test_bsns, validate_bsn


def test_it_accepts_known_valid_numbers():
    # 111222333 and 123456782 are the textbook elfproef examples; 999900006 opens the test range.
    for bsn in ("111222333", "123456782", "999900006", "1112 22 333", "111.222.333"):
        assert is_valid_bsn(bsn), bsn


def test_it_rejects_wrong_numbers_with_dutch_messages():
    with pytest.raises(ValidationError, match="elfproef"):
        validate_bsn("123456789")
    with pytest.raises(ValidationError, match="9 cijfers"):
        validate_bsn("12345")
    with pytest.raises(ValidationError, match="9 cijfers"):
        validate_bsn("12345678a")
    assert not is_valid_bsn("000000000")


@given(st.integers(min_value=10_000_000, max_value=999_999_999))
def test_it_agrees_with_the_definition(number):
    digits = f"{number:09d}"
    expected = sum(w * int(d) for w, d in zip(WEIGHTS, digits)) % 11 == 0
    assert is_valid_bsn(digits) == expected


@given(st.text(max_size=20))
def test_it_never_crashes_on_arbitrary_input(text):
    assert is_valid_bsn(text) in (True, False)


@given(st.integers(min_value=10_000_000, max_value=999_999_999), st.integers(min_value=0, max_value=8),
       st.integers(min_value=1, max_value=9))
def test_one_changed_digit_is_always_caught(number, position, delta):
    digits = list(f"{number:09d}")
    if not is_valid_bsn("".join(digits)):
        return
    digits[position] = str((int(digits[position]) + delta) % 10)
    assert not is_valid_bsn("".join(digits))


def test_the_test_range_generator_yields_only_valid_numbers_inside_the_range():
    first = list(itertools.islice(test_bsns(), 200))
    assert first[0] == "999900006"
    assert all(is_valid_bsn(b) and TEST_RANGE[0] <= int(b) <= TEST_RANGE[1] for b in first)
    assert len(set(first)) == 200


def test_normalise_pads_an_eight_digit_number():
    assert normalise_bsn("12345672") == "012345672"
