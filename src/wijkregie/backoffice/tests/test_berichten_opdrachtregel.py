"""`wijkregie berichten import/export` as the issue states: one line per message, retours next to the input
or in --retour, exit status non-zero only for a file that is no readable message."""

import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wijkregie.backoffice import berichten
from wijkregie.backoffice.istandaard import codes, schemas
from wijkregie.backoffice.models import Bericht, BerichtStatus

from .bericht_hulp import BERICHTEN, jw_toewijzing


def test_bericht_import_prints_a_line_per_message_and_writes_the_retours(world, tmp_path, capsys):
    jw_toewijzing(world)
    inbox = tmp_path / "in"
    inbox.mkdir()
    for naam in ("jw305_start_geldig.xml", "jw305_onbekend_toewijzingnummer.xml"):
        shutil.copy(BERICHTEN / naam, inbox / naam)
    call_command("berichten", "import", str(inbox), "--retour", str(tmp_path / "retour"))
    uit = capsys.readouterr().out.strip().splitlines()
    # Files of a directory in name order: onbekend_... before start_...
    assert len(uit) == 2 and "afgekeurd (9019), niets verwerkt: TR019 (9019): Toewijzingnummer 777777" in uit[0]
    assert "S305-1: verwerkt" in uit[1]
    retours = sorted((tmp_path / "retour").iterdir())
    assert len(retours) == 2
    for pad in retours:
        assert schemas.valideer(codes.SOORTEN["JW306"], pad.read_bytes()) == []
    # Written into the gateway's directory: sent.
    assert not Bericht.objects.filter(soort="JW306", status=BerichtStatus.KLAAR).exists()


def test_bericht_import_fails_only_for_an_unreadable_file_and_still_reads_the_rest(world, tmp_path, capsys):
    jw_toewijzing(world)
    for naam in ("geen_xml.xml", "jw305_start_geldig.xml"):
        shutil.copy(BERICHTEN / naam, tmp_path / naam)
    with pytest.raises(CommandError) as fout:
        call_command("berichten", "import", str(tmp_path / "geen_xml.xml"), str(tmp_path / "jw305_start_geldig.xml"))
    assert fout.value.returncode == 1
    uitvoer = capsys.readouterr()
    assert "geen_xml.xml: niet leesbaar" in uitvoer.err and "Geen geldige XML" in uitvoer.err
    assert "jw305_start_geldig.xml: JW305 S305-1: verwerkt" in uitvoer.out
    assert (tmp_path / Bericht.objects.get(soort="JW306").bestandsnaam).exists()  # retour next to the input


def test_bericht_export_writes_the_due_301s_once(world, tmp_path, capsys):
    t = jw_toewijzing(world)
    bericht = berichten.toewijzing_klaarzetten(t)
    call_command("berichten", "export", "--since", "2026-01-01", "--out", str(tmp_path))
    assert (tmp_path / bericht.bestandsnaam).read_text() == bericht.inhoud
    bericht.refresh_from_db()
    assert bericht.status == BerichtStatus.VERZONDEN
    call_command("berichten", "export", "--since", "2026-01-01", "--out", str(tmp_path / "nogmaals"))
    assert "0 bericht(en)" in capsys.readouterr().out.splitlines()[-1]


def test_bericht_export_refuses_a_bad_date(world, tmp_path):
    with pytest.raises(CommandError, match="geen datum"):
        call_command("berichten", "export", "--since", "gisteren", "--out", str(tmp_path))
