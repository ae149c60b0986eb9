"""Synthetic residents get BSNs from the test range that pass the elfproef, each once; make_persoon takes its
default name and BSN from the same generator."""

import datetime

import pytest

from wijkregie.core import synthetisch
from wijkregie.core.bsn import TEST_RANGE, is_valid_bsn
from wijkregie.testing import make_persoon


def test_it_gives_most_residents_a_valid_bsn_from_the_test_range_once():
    gen = synthetisch.Generator(3, vandaag=datetime.date(2026, 12, 1))
    personen = [gen.persoon() for _ in range(3000)]
    bsns = [p.bsn for p in personen if p.bsn]
    assert all(is_valid_bsn(b) and TEST_RANGE[0] <= int(b) <= TEST_RANGE[1] for b in bsns)
    assert len(set(bsns)) == len(bsns)
    assert 0.9 * len(personen) <= len(bsns) < len(personen)  # some residents are not registered (GLOSSARY)


def test_it_runs_out_of_bsns_quietly_when_the_test_range_is_used_up():
    gen = synthetisch.Generator(3, vandaag=datetime.date(2026, 12, 1))
    bsns = [gen.persoon().bsn for _ in range(12_000)]
    assert bsns[-1] == "" and 8_000 < len(set(bsns) - {""}) < 10_000


@pytest.mark.django_db
def test_make_persoon_without_a_name_draws_a_resident_with_a_bsn_nobody_has(world):
    eerste = make_persoon(world, bsn="999900006")  # the first valid number of the range, taken explicitly
    tweede = make_persoon(world)
    assert eerste.voornamen and eerste.achternaam and eerste.geboortedatum
    assert is_valid_bsn(tweede.bsn) and tweede.bsn != eerste.bsn
    assert make_persoon(world, "Jan", "de Vries").bsn == ""  # named residents keep what the test gives them
