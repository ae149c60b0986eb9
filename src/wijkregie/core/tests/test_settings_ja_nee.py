"""A yes/no setting accepts yes and no words only (issue 18): a typo such as WIJKREGIE_REQUIRE_2FA=flase is
refused at start-up instead of quietly switching two-step login off. Tested as a pure function."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from wijkregie.config.settings import env_bool, env_int


@pytest.mark.parametrize(
    "word, expected",
    [
        ("1", True),
        ("ja", True),
        ("TRUE", True),
        (" on ", True),
        ("aan", True),
        ("0", False),
        ("nee", False),
        ("False", False),
        ("off", False),
        ("uit", False),
    ],
)
def test_it_reads_yes_and_no_words(monkeypatch, word, expected):
    monkeypatch.setenv("WR_TEST_BOOL", word)
    assert env_bool("WR_TEST_BOOL", default=not expected) is expected


def test_it_uses_the_default_when_unset_or_empty(monkeypatch):
    monkeypatch.delenv("WR_TEST_BOOL", raising=False)
    assert env_bool("WR_TEST_BOOL", default=True) is True
    monkeypatch.setenv("WR_TEST_BOOL", " ")
    assert env_bool("WR_TEST_BOOL", default=False) is False


@pytest.mark.parametrize("word", ["flase", "yes please", "2", "onwaar"])
def test_it_refuses_an_unknown_word(monkeypatch, word):
    monkeypatch.setenv("WR_TEST_BOOL", word)
    with pytest.raises(ImproperlyConfigured, match="WR_TEST_BOOL"):
        env_bool("WR_TEST_BOOL")


def test_a_number_setting_refuses_words(monkeypatch):
    monkeypatch.setenv("WR_TEST_INT", "vijf")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("WR_TEST_INT", 5)
    monkeypatch.setenv("WR_TEST_INT", " 7 ")
    assert env_int("WR_TEST_INT", 5) == 7
