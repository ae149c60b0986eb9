"""The synthetic-data generator is deterministic per seed: the demo, the tests and the bench can be made again."""

import dataclasses
import datetime

from wijkregie.core import synthetisch

VANDAAG = datetime.date(2026, 12, 1)
WIJKEN = [synthetisch.Woonwijk("noord", 60, ["1784"], "Den Helder"),
          synthetisch.Woonwijk("zuid", 40, ["1787"], "Julianadorp")]


def _trek(seed: int):
    gen = synthetisch.Generator(seed, vandaag=VANDAAG, wijken=WIJKEN)
    huishoudens = list(gen.bevolking(200))
    begin = datetime.datetime(2022, 1, 1, tzinfo=datetime.UTC)
    einde = datetime.datetime(2026, 12, 1, 17, tzinfo=datetime.UTC)
    return (
        [(hh.naam, dataclasses.astuple(hh.adres),
          [(lid.relatie, lid.van, lid.gezag, lid.woont_hier, lid.persoon.voornamen, lid.persoon.achternaam,
            lid.persoon.geboortedatum, lid.persoon.bsn) for lid in hh.leden]) for hh in huishoudens],
        [dataclasses.astuple(gen.route()) for _ in range(100)],
        gen.ontvangsttijden(100, begin, einde),
        [gen.contactmoment() for _ in range(50)],
    )


def test_it_draws_the_same_records_from_the_same_seed():
    assert _trek(2014) == _trek(2014)


def test_it_draws_other_records_from_another_seed():
    eerste, ander = _trek(2014), _trek(7)
    assert eerste[0] != ander[0]
    assert eerste[1] != ander[1]
