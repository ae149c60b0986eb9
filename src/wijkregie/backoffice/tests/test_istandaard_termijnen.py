"""Working days for the standard's deadlines (OP090 three, OP274/OP346 five)."""

import datetime

from wijkregie.backoffice.istandaard.termijnen import is_werkdag, pasen, werkdagen_na


def test_istandaard_OP090_three_working_days_skip_the_weekend():
    vrijdag = datetime.date(2026, 11, 27)
    assert werkdagen_na(vrijdag, 3) == datetime.date(2026, 12, 2)


def test_istandaard_OP274_five_working_days_skip_christmas():
    assert werkdagen_na(datetime.date(2026, 12, 24), 5) == datetime.date(2027, 1, 4)  # 25 Dec and 1 Jan are off


def test_istandaard_easter_based_holidays():
    assert pasen(2026) == datetime.date(2026, 4, 5) and pasen(2027) == datetime.date(2027, 3, 28)
    assert not is_werkdag(datetime.date(2026, 4, 6))  # Tweede Paasdag
    assert not is_werkdag(datetime.date(2026, 5, 14))  # Hemelvaartsdag
    assert not is_werkdag(datetime.date(2026, 5, 25))  # Tweede Pinksterdag
    assert not is_werkdag(datetime.date(2026, 4, 27))  # Koningsdag
    assert is_werkdag(datetime.date(2026, 5, 5))  # Bevrijdingsdag only in lustrum years
    assert not is_werkdag(datetime.date(2025, 5, 5))
