"""The 2014 pilot, reproduced: `wijkregie demo --pilot` then `wijkregie monitor export` gives back
seed 004 Tabel 6 (instroom per kanaal) and Tabel 7 (aard van de vraag, 38 uncategorised)."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wijkregie.monitor.pilot import DATA


def _export(*args):
    out = io.StringIO()
    call_command("monitor", "export", "--gemeente", "den-helder", *args, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def _referentie(naam):
    with open(DATA / naam, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def pilot(empty_database, settings):
    settings.DEMO_MODE = True
    out = io.StringIO()
    call_command("demo", "--pilot", "--households", "50", stdout=out)
    assert "Pilot 2014: 78 aanmeldingen geladen." in out.getvalue()


def test_the_export_reproduces_both_tables_exactly(pilot):
    rijen = _export("--from", "2014-07-01", "--to", "2014-11-01", "--format", "csv")
    instroom = {r["breakdown"]: int(r["value"]) for r in rijen if r["indicator"] == "instroom_per_kanaal"}
    assert instroom == {r["kanaal"]: int(r["aantal"]) for r in _referentie("pilot_instroom_2014.csv")}
    aard = {r["breakdown"]: int(r["value"]) for r in rijen if r["indicator"] == "aard_van_de_vraag"}
    verwacht = {f"{r['aard']}|ondersteuningsplan={r['ondersteuningsplan']}|indicatie={r['indicatie']}": int(r["aantal"])
                for r in _referentie("pilot_aard_vragen_2014.csv")}
    verwacht["niet gecategoriseerd"] = 38
    assert aard == verwacht
    assert sum(instroom.values()) == sum(aard.values()) == 78


def test_loading_the_pilot_twice_changes_nothing(pilot):
    out = io.StringIO()
    call_command("demo", "--pilot", stdout=out)
    assert "Pilot 2014: al aanwezig." in out.getvalue()
    rijen = _export("--from", "2014-07-01", "--to", "2014-11-01")
    assert sum(int(r["value"]) for r in rijen if r["indicator"] == "instroom_per_kanaal") == 78


def test_bad_arguments_get_a_clear_message(pilot):
    with pytest.raises(CommandError, match="Onbekende gemeente"):
        call_command("monitor", "export", "--gemeente", "atlantis", "--from", "2014-07-01", "--to", "2014-11-01")
    with pytest.raises(CommandError, match="na --from"):
        _export("--from", "2014-11-01", "--to", "2014-07-01")
    with pytest.raises(CommandError, match="Ongeldige datum"):
        _export("--from", "2014-13-01", "--to", "2014-11-01")


def test_the_export_narrows_to_a_wijk_and_refuses_unknown_names(pilot):
    gemeente = _export("--from", "2014-07-01", "--to", "2014-11-01")
    wijk = _export("--from", "2014-07-01", "--to", "2014-11-01", "--wijk", "nieuw-den-helder")
    totaal = sum(int(r["value"]) for r in gemeente if r["indicator"] == "instroom_per_kanaal")
    deel = sum(int(r["value"]) for r in wijk if r["indicator"] == "instroom_per_kanaal")
    assert 0 <= deel < totaal
    with pytest.raises(CommandError, match="Onbekende wijk"):
        _export("--from", "2014-07-01", "--to", "2014-11-01", "--wijk", "atlantis")


def test_vooraf_fills_the_cache_for_every_dashboard(pilot, django_assert_max_num_queries):
    from django.core.cache import cache

    from wijkregie.monitor.computation import berekend
    from wijkregie.monitor.forms import standaard_periode
    from wijkregie.monitor.scope import Filter
    from wijkregie.organisatie.models import Wijk

    out = io.StringIO()
    call_command("monitor", "vooraf", stdout=out)
    assert "dashboards vooraf berekend" in out.getvalue()
    wijk = Wijk.objects.select_related("gemeente").filter(gemeente__slug="den-helder").first()
    with django_assert_max_num_queries(0):  # served from the cache: no counting at all
        berekend(Filter(wijk.gemeente, *standaard_periode(), wijk=wijk))
    cache.clear()
