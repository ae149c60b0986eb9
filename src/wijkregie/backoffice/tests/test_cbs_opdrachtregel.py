"""`wijkregie cbs jeugd|wmo`: what it prints, what it writes, and its exit status."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from wijkregie.core.models import AuditEvent

from .cbs_hulp import jeugd_toewijzing, kind, wmo_toewijzing


def test_it_writes_both_files_and_prints_the_counts(world, tmp_path, capsys):
    sem = kind(world)
    jeugd_toewijzing(world, sem, ingangsdatum=datetime.date(2026, 2, 1))
    call_command("cbs", "jeugd", "--periode", "2026-1", "--out", str(tmp_path), "--gemeente", "den-helder")
    uit = capsys.readouterr().out
    assert "levering 2026-1: 1 trajecten, 0 fouten" in uit
    assert "herlevering 2025-2: 0 trajecten, 0 fouten" in uit
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "beleidsinformatie_jeugdhulp_0400_2025-2_herlevering.csv", "beleidsinformatie_jeugdhulp_0400_2026-1.csv"]
    assert sem.bsn not in uit  # a BSN is never printed
    # The disclosure to CBS is recorded per person, on the ground of the Jeugdwet.
    event = AuditEvent.objects.get(client_id=sem.pk, object_type="backoffice.cbs_jeugd")
    assert event.grondslag.startswith("Jeugdwet art. 7.4.4")


def test_it_exits_non_zero_with_the_errors_on_standard_error(world, tmp_path, capsys):
    t = jeugd_toewijzing(
        world, kind(world), ingangsdatum=datetime.date(2026, 1, 1), einddatum=datetime.date(2026, 3, 31)
    )
    with pytest.raises(CommandError) as fout:
        call_command("cbs", "jeugd", "--periode", "2026-1", "--out", str(tmp_path), "--gemeente", "den-helder")
    assert fout.value.returncode == 1
    uitvoer = capsys.readouterr()
    assert f"Traject T{t.toewijzingnummer:09d}, veld reden_beeindiging" in uitvoer.err
    assert "levering 2026-1: 1 trajecten, 1 fouten" in uitvoer.out
    assert list(tmp_path.iterdir()) == []


def test_it_refuses_a_bad_period_and_asks_for_the_gemeente(world, tmp_path):
    with pytest.raises(CommandError, match="2026-1 \\(januari t/m juni\\)"):
        call_command("cbs", "jeugd", "--periode", "2026-3", "--out", str(tmp_path), "--gemeente", "den-helder")
    with pytest.raises(CommandError, match="--gemeente"):
        call_command("cbs", "jeugd", "--periode", "2026-1", "--out", str(tmp_path))
    with pytest.raises(CommandError, match="Geen gemeente"):
        call_command("cbs", "jeugd", "--periode", "2026-1", "--out", str(tmp_path), "--gemeente", "nergens")


def test_wmo_writes_the_suppressed_figures(world, tmp_path, capsys):
    wmo_toewijzing(world, kind(world, "Anna", "Groot", geboortedatum=datetime.date(1950, 1, 1)))
    call_command("cbs", "wmo", "--periode", "2026-1", "--out", str(tmp_path), "--gemeente", "den-helder")
    tekst = (tmp_path / "gmsd_wmo_0400_2026-1.csv").read_bytes().decode("utf-8")
    assert tekst.startswith(
        "gemeentecode;verslagperiode;onderdeel;uitsplitsing;aantal\r\n0400;2026-1;clienten;totaal;< 5\r\n"
    )
    assert "0400;2026-1;productcategorie;02;< 5\r\n" in tekst
