"""eerste_rijen_van fills a text (Tekst) and a date into a kept statement (issue 17: a search's name and terms): a
text wherever it stands inside a parameter (`contains` makes '%text%'), in one pass, so a value that reads like
another stand-in stays what it is. A Tekst holds letters, digits and spaces only: nothing a LIKE would read."""

import datetime

import pytest

from wijkregie.core import querying
from wijkregie.core.querying import Tekst, eerste_rijen_van
from wijkregie.inwoners.models import Persoon
from wijkregie.testing import make_persoon


def _bronnen(achternaam, geboortedatum):
    return {"p": (Persoon.objects.filter(achternaam__contains=achternaam, geboortedatum=geboortedatum).order_by("pk"),
                  10, ("achternaam",))}


def _lees(achternaam, geboortedatum):
    rijen = eerste_rijen_van(_bronnen, sleutel=("test.tekst",), model=Persoon,
                             invullen={"achternaam": Tekst(achternaam), "geboortedatum": geboortedatum})["p"]
    return sorted(p.achternaam for p in rijen)


def test_a_text_and_a_date_are_filled_in(world, gebouwd):
    make_persoon(world, "Pieter", "Jansen", geboortedatum=datetime.date(1980, 3, 12))
    make_persoon(world, "Petra", "Janssen", geboortedatum=datetime.date(1980, 3, 12))
    make_persoon(world, "Karin", "Jansen", geboortedatum=datetime.date(1990, 1, 1))
    assert _lees("Jans", datetime.date(1980, 3, 12)) == ["Jansen", "Janssen"]
    assert _lees("ssen", datetime.date(1980, 3, 12)) == ["Janssen"]
    assert _lees("Jansen", datetime.date(1990, 1, 1)) == ["Jansen"]
    assert _lees("Bakker", datetime.date(1980, 3, 12)) == []
    assert gebouwd == [1]  # one statement for every text and date


def test_a_value_that_reads_like_a_stand_in_stays_itself(world, gebouwd):
    make_persoon(world, "Pieter", "Jansen", geboortedatum=datetime.date(1980, 3, 12))
    assert _lees("Jans", datetime.date(1980, 3, 12)) == ["Jansen"]
    # The stand-in of the other value (the date is the first name: its stand-in number is 0) is not replaced.
    assert querying._TEKST_PLAATSHOUDER.fullmatch("qxplaatshouder0xq")
    assert _lees("qxplaatshouder0xq", datetime.date(1980, 3, 12)) == []


@pytest.mark.parametrize("waarde", ["50%", "a_b", "o'brien", "jan\\", "naïef"])
def test_a_tekst_refuses_what_a_like_or_the_sql_would_read(waarde):
    with pytest.raises(ValueError):
        Tekst(waarde)
