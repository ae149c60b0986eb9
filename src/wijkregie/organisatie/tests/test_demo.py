"""`wijkregie demo`: Den Helder with its published figures (seed 004 Tabel 3 and 5, seed 000 phasing)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db.models import Sum

from wijkregie.core.audit import audit_verify
from wijkregie.core.models import Gemeente
from wijkregie.organisatie.models import LocatieFase, Mandaat, Medewerker, Rol, Team, Teamlid, Wijk


@pytest.fixture
def demo(empty_database, settings):
    settings.DEMO_MODE = True
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_it_loads_the_four_wijken_with_their_exact_profiles(demo):
    dh = Gemeente.objects.get(slug="den-helder")
    wijken = Wijk.objects.filter(gemeente=dh)
    assert wijken.count() == 4
    totals = wijken.aggregate(i=Sum("inwoners"), h=Sum("huishoudens"), z=Sum("zorgvragen"))
    assert totals == {"i": 56623, "h": 27196, "z": 7502}
    centrum = wijken.get(naam="Centrum")
    assert (centrum.inwoners, centrum.huishoudens, centrum.zorgvragen) == (20044, 10173, 2740)
    assert (centrum.problematiek_jeugd, centrum.problematiek_zorg_wmo, centrum.problematiek_werk) == (
        "hoog", "bovengemiddeld", "bovengemiddeld")


def test_it_loads_the_location_phases_as_dated_history(demo):
    fasen = LocatieFase.objects.filter(locatie__naam="MFC 't Wijkhuis").order_by("geldig_van")
    assert [(f.model, f.geldig_van, f.geldig_tot) for f in fasen] == [
        ("A", datetime.date(2020, 4, 1), datetime.date(2021, 6, 30)),
        ("B", datetime.date(2021, 7, 1), datetime.date(2021, 12, 31)),
        ("C", datetime.date(2022, 1, 1), None),
    ]
    # De Schooten stays in model B from mid-2021 on.
    schooten = LocatieFase.objects.filter(locatie__wijk__naam="De Schooten").order_by("geldig_van")
    assert [f.model for f in schooten] == ["A", "B"] and schooten.last().geldig_tot is None


def test_it_spreads_the_twelve_pilot_professionals_over_one_team_per_wijk(demo):
    dh = Gemeente.objects.get(slug="den-helder")
    assert Team.objects.filter(gemeente=dh).count() == 4
    pilot = Teamlid.objects.filter(gemeente=dh, medewerker__username__contains=".").exclude(
        medewerker__username="directeur.dewering")
    assert pilot.count() == 12
    # Tabel 3: 36+36+24+24+16+2*16+2*24+16+20+20 = 272 hours per week.
    assert pilot.aggregate(u=Sum("uren_per_week"))["u"] == 272
    assert pilot.filter(medewerker__moederorganisatie__naam="Omring").count() == 2
    assert set(pilot.values_list("team__slug", flat=True).distinct()).__len__() == 4


def test_it_has_one_account_per_role_and_prints_the_logins(demo):
    for rol in Rol:
        assert Medewerker.objects.filter(gemeente__slug="den-helder", roltoewijzingen__rol=rol).exists(), rol
    assert "demo-wijkregie" in demo and "beheer" in demo and "buiten" in demo


def test_it_has_a_second_small_gemeente(demo):
    vb = Gemeente.objects.get(slug="voorbeeld")
    assert Wijk.objects.filter(gemeente=vb).count() == 1
    assert Medewerker.objects.get(username="buiten").gemeente == vb


def test_it_keeps_a_mandaat_register_with_valid_and_invalid_entries(demo):
    vandaag = datetime.date.today()
    geldig = {m.besluit: m.geldig_op(vandaag) for m in Mandaat.objects.all()}
    assert geldig["OM-DW-2024-03"] is True  # sub-mandaat via De Wering
    assert geldig["MB-2019-11"] is False  # expired


def _all_counts():
    from django.apps import apps

    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label in
            ("core", "organisatie", "inwoners", "casus", "toegang")}


def test_it_is_idempotent_and_leaves_an_intact_audit_trail(demo):
    counts = _all_counts()
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "niets gewijzigd" in out.getvalue()
    assert _all_counts() == counts  # not even an audit event for a run that changed nothing
    result = audit_verify()
    assert result.ok and result.events >= 1


def test_it_refuses_outside_demo_mode(empty_database, settings):
    settings.DEMO_MODE = False
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="demomodus"):
        call_command("demo", stdout=io.StringIO())
    assert not Medewerker.objects.exists()


def test_if_empty_skips_a_filled_database(demo):
    out = io.StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "niet opnieuw geladen" in out.getvalue()


def test_the_seed_makes_names_reproducible(empty_database, settings):
    from wijkregie.organisatie.demo import load_den_helder

    load_den_helder(seed=7)
    first = sorted(Medewerker.objects.values_list("username", flat=True))
    Teamlid.objects.all().delete()
    Mandaat.objects.filter(ondermandaat_van__isnull=False).delete()
    Mandaat.objects.all().delete()
    Medewerker.objects.all().delete()
    load_den_helder(seed=7)
    assert sorted(Medewerker.objects.values_list("username", flat=True)) == first
