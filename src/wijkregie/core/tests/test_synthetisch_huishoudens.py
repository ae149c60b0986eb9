"""Synthetic households have the shapes of a real gemeente: parents with gezag over their minor children and
20 or more years older, couples, singles, and children of separated parents who belong to two households."""

import datetime
from collections import Counter

from wijkregie.core import synthetisch

VANDAAG = datetime.date(2026, 12, 1)
WIJKEN = [synthetisch.Woonwijk("noord", 60, ["1783", "1784"], "Den Helder"),
          synthetisch.Woonwijk("zuid", 40, ["1787"], "Julianadorp")]


def _bevolking(n=3000, seed=2014):
    return list(synthetisch.Generator(seed, vandaag=VANDAAG, wijken=WIJKEN).bevolking(n))


def test_it_gives_minors_parents_with_gezag_who_are_about_twenty_or_more_years_older():
    for hh in _bevolking():
        kinderen = [lid for lid in hh.leden if lid.relatie == "kind"]
        ouders = [lid for lid in hh.leden if lid.gezag]
        assert hh.leden[0].relatie == "hoofd"
        assert bool(kinderen) == bool(ouders)
        assert all(lid.relatie != "kind" for lid in ouders)
        for ouder in ouders:
            for kind in kinderen:
                # 20 years or more, with the birthdays up to a year apart
                assert synthetisch.leeftijd(ouder.persoon.geboortedatum, kind.persoon.geboortedatum) >= 19
                assert kind.van >= kind.persoon.geboortedatum
        assert all(0 <= lid.persoon.leeftijd(VANDAAG) <= 88 for lid in hh.leden)
        assert all(lid.persoon.leeftijd(VANDAAG) >= 19 for lid in hh.leden if lid.relatie != "kind")


def test_it_lets_children_of_separated_parents_belong_to_two_households_and_live_in_one():
    per_persoon = {}
    for hh in _bevolking():
        for lid in hh.leden:
            per_persoon.setdefault(lid.persoon.nummer, []).append((hh, lid))
    twee = [leden for leden in per_persoon.values() if len(leden) > 1]
    assert twee
    for leden in twee:
        assert len(leden) == 2 and sorted(lid.woont_hier for _hh, lid in leden) == [False, True]
        assert {lid.relatie for _hh, lid in leden} == {"kind"}
        assert all(any(o.gezag for o in hh.leden) for hh, _lid in leden)
        assert len({(hh.adres.straat, hh.adres.huisnummer, hh.adres.postcode) for hh, _lid in leden}) == 2


def test_it_places_households_in_the_wijken_by_weight_with_their_postcodes():
    huishoudens = _bevolking()
    per_wijk = Counter(hh.adres.wijk for hh in huishoudens)
    assert 0.5 < per_wijk["noord"] / len(huishoudens) < 0.7
    for hh in huishoudens:
        wijk = {w.sleutel: w for w in WIJKEN}[hh.adres.wijk]
        assert hh.adres.postcode[:4] in wijk.postcodes and hh.adres.woonplaats == wijk.woonplaats
        assert all(lid.persoon.adres == hh.adres for lid in hh.leden if lid.woont_hier)


def test_an_example_family_has_the_shape_asked_for():
    gen = synthetisch.Generator(1, vandaag=VANDAAG, wijken=WIJKEN)
    gezin, = gen.gezin([14, 10], partner=True, wijk=WIJKEN[0])
    assert [lid.relatie for lid in gezin.leden] == ["hoofd", "partner", "kind", "kind"]
    assert [lid.persoon.leeftijd(VANDAAG) for lid in gezin.leden[2:]] == [14, 10]
    assert [lid.gezag for lid in gezin.leden] == [True, True, False, False] and gezin.adres.wijk == "noord"
    eigen, ander = gen.gezin([13, 8], partner=False, co_ouder=True)
    assert [lid.persoon for lid in eigen.leden[1:]] == [lid.persoon for lid in ander.leden if lid.relatie == "kind"]
