"""`wijkregie import PATH [--dry-run]`: the report per row and column on stdout, exit code 1 when the file
has errors (nothing changed), 0 on success; --dry-run changes nothing even for a good file."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wijkregie.inwoners.models import Persoon

from .blad import als_csv, huishoudens


def _draai(*args):
    from io import StringIO

    out = StringIO()
    call_command("import", *args, stdout=out)
    return out.getvalue()


def test_it_exits_non_zero_when_the_file_has_errors(world, tmp_path):
    rijen = huishoudens(3)
    rijen[2]["Team"] = "Team Oost"
    pad = tmp_path / "caseload.csv"
    pad.write_bytes(als_csv(rijen))
    with pytest.raises(CommandError) as fout:  # the `wijkregie` script turns this into exit code 1
        _draai(str(pad), "--dry-run", "--als", world.beheerder.username)
    assert "er is niets ingelezen" in str(fout.value)
    # BaseCommand.run_from_argv exits with the CommandError's returncode. (Running it through
    # ManagementUtility here would close the test's database connection on the way out.)
    assert fout.value.returncode == 1
    with pytest.raises(CommandError):
        _draai(str(pad), "--als", world.beheerder.username)
    assert not Persoon.objects.filter(achternaam__startswith="Overstap").exists()


def test_it_exits_zero_and_changes_nothing_on_a_good_dry_run_then_imports(world, tmp_path, capsys):
    pad = tmp_path / "caseload.csv"
    pad.write_bytes(als_csv(huishoudens(2)))
    uit = _draai(str(pad), "--dry-run", "--als", world.beheerder.username)
    assert "Geen fouten in 4 rijen" in uit
    assert not Persoon.objects.filter(achternaam__startswith="Overstap").exists()
    uit = _draai(str(pad), "--als", world.beheerder.username)
    assert "4 personen" in uit and Persoon.objects.filter(achternaam__startswith="Overstap").count() == 4


def test_it_refuses_someone_who_is_no_functioneel_beheerder(world, tmp_path):
    pad = tmp_path / "caseload.csv"
    pad.write_bytes(als_csv(huishoudens(1)))
    for gebruiker in (world.medewerker, world.bureaudienst):
        with pytest.raises(CommandError, match="geen actieve functioneel beheerder"):
            _draai(str(pad), "--als", gebruiker.username)
    assert not Persoon.objects.filter(achternaam__startswith="Overstap").exists()


def test_it_writes_the_template(tmp_path):
    _draai("--sjabloon", str(tmp_path / "sjabloon.csv"))
    _draai("--sjabloon", str(tmp_path / "sjabloon.xlsx"))
    assert (tmp_path / "sjabloon.csv").read_bytes().startswith(b"\xef\xbb\xbfHuishouden;Relatie")
    assert (tmp_path / "sjabloon.xlsx").read_bytes()[:2] == b"PK"
