"""The templates' `date` filter keeps its answers, and gives what Django's own filter gives."""

import datetime
import zoneinfo

from django.template import Context, Template
from django.template.defaultfilters import date as django_date
from django.utils import translation

from wijkregie.core.templatetags.bewaard import date

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
DATUMFORMATEN = (None, "d-m-Y", "j F Y", "F Y", "M", "D j M", "l j E Y")
FORMATEN = (*DATUMFORMATEN, "j F Y H:i", "N j, Y P", "c", "r", "U", "e O T")
WAARDEN = (
    datetime.date(2026, 3, 1),
    datetime.datetime(2026, 12, 4, 9, 5),
    datetime.datetime(2026, 12, 4, 9, 5, tzinfo=AMSTERDAM),
    datetime.datetime(2026, 12, 4, 8, 5, tzinfo=datetime.UTC),  # the same instant as the one above
    datetime.datetime(2026, 10, 25, 2, 30, tzinfo=AMSTERDAM),  # the clock goes back: two 02:30s
    datetime.datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=AMSTERDAM),
)


def test_it_gives_what_djangos_filter_gives_in_both_languages_twice():
    for taal in ("nl", "en"):
        with translation.override(taal):
            for waarde in WAARDEN:
                for formaat in FORMATEN if isinstance(waarde, datetime.datetime) else DATUMFORMATEN:
                    verwacht = django_date(waarde, formaat)
                    assert date(waarde, formaat) == verwacht, (taal, waarde, formaat)
                    assert date(waarde, formaat) == verwacht, (taal, waarde, formaat)  # the kept answer


def test_the_same_instant_in_another_zone_or_language_is_its_own_text():
    amsterdam, utc = WAARDEN[2], WAARDEN[3]
    assert amsterdam == utc
    assert date(amsterdam, "H:i e") == "09:05 CET" and date(utc, "H:i e") == "08:05 UTC"
    eerste, tweede = WAARDEN[4], WAARDEN[5]
    assert int(date(tweede, "U")) - int(date(eerste, "U")) == 3600
    with translation.override("nl"):
        assert date(datetime.date(2026, 3, 1), "j F Y") == "1 maart 2026"
    with translation.override("en"):
        assert date(datetime.date(2026, 3, 1), "j F Y") == "1 March 2026"


def test_a_templates_format_is_kept_too(monkeypatch):
    from wijkregie.core.templatetags import bewaard as datum

    gevraagd = []
    monkeypatch.setattr(datum.defaultfilters, "date", lambda waarde, formaat: gevraagd.append(formaat) or "x")
    datum._bewaard.cache_clear()
    sjabloon = Template('{{ d|date:"j F Y" }}')
    for _ in range(3):
        assert sjabloon.render(Context({"d": datetime.date(2026, 5, 17)})) == "x"
    assert gevraagd == ["j F Y"]  # formatted once, kept twice
    datum._bewaard.cache_clear()


def test_templates_use_it_and_other_values_go_to_djangos_filter():
    with translation.override("nl"):
        tekst = Template('{{ d|date:"j F Y" }}|{{ leeg|date:"j F Y" }}|{{ t|date:"H:i" }}').render(
            Context({"d": datetime.date(2026, 5, 17), "leeg": None, "t": datetime.time(14, 30)}))
    assert tekst == "17 mei 2026||14:30"
