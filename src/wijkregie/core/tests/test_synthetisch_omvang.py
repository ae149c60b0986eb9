"""The generator draws a gemeente of any size: exactly the households asked for, about 2,1 residents each
(Den Helder: 56.623 in 27.196), and aanmelding routes and contacts at the pilot's rates."""

import datetime
from collections import Counter

from wijkregie.core import synthetisch

VANDAAG = datetime.date(2026, 12, 1)


def test_it_draws_exactly_the_households_asked_for_with_den_helders_household_size():
    for n in (1, 2, 7, 5000):
        huishoudens = list(synthetisch.Generator(n, vandaag=VANDAAG).bevolking(n))
        assert len(huishoudens) == n
        assert [hh.nummer for hh in huishoudens] == list(range(1, n + 1))
    personen = {lid.persoon.nummer for hh in huishoudens for lid in hh.leden}
    assert 1.95 < len(personen) / len(huishoudens) < 2.25
    assert sorted(personen) == list(range(1, len(personen) + 1))
    grootte = Counter(min(len(hh.leden), 5) for hh in huishoudens)
    assert grootte[1] > grootte[2] > grootte[5] > 0


def test_routes_follow_the_pilots_rates_and_arrive_in_office_hours_in_time_order():
    gen = synthetisch.Generator(5, vandaag=VANDAAG)
    routes = [gen.route() for _ in range(4000)]
    assert 0.4 < sum(r.voorkant for r in routes) / len(routes) < 0.6  # half is informatie en advies
    assert {r.kanaal for r in routes} == {k for k, _ in synthetisch.KANALEN}
    assert all(bool(r.verwijzer) == (r.kanaal == "partner") for r in routes)
    begin = datetime.datetime(2022, 1, 1, tzinfo=datetime.UTC)
    einde = datetime.datetime(2026, 12, 1, 17, tzinfo=datetime.UTC)
    tijden = gen.ontvangsttijden(2000, begin, einde)
    assert tijden == sorted(tijden) and begin <= tijden[0] and tijden[-1] < einde
    assert all(8 <= t.hour < 17 for t in tijden)
    midden = begin + (einde - begin) / 2
    assert sum(t >= midden for t in tijden) > 1.5 * sum(t < midden for t in tijden)  # a growing stream
    soorten = Counter(gen.contactmoment()[0] for _ in range(2000))
    assert soorten.most_common(1)[0][0] == "telefoon"


def test_with_a_number_of_residents_the_households_hold_exactly_that_many():
    # Den Helder's real totals (wijkscan 2014: 56.623 inwoners in 27.196 huishoudens), and small ones.
    for seed, huishoudens, inwoners in ((7, 27_196, 56_623), (8, 500, 1_100), (9, 20, 44)):
        getrokken = list(synthetisch.Generator(seed, vandaag=VANDAAG).bevolking(huishoudens, inwoners))
        assert len(getrokken) == huishoudens
        assert sum(lid.woont_hier for hh in getrokken for lid in hh.leden) == inwoners
        assert len({lid.persoon.nummer for hh in getrokken for lid in hh.leden}) == inwoners
