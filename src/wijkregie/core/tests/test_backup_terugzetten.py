"""Back-up → restore into a fresh database gives identical counts and a verifying audit chain (issue 14, item 7).

Runs on SQLite and on PostgreSQL (scripts/with-postgres.sh). "Fresh" is the database as `migrate` leaves it:
emptied with `flush`, which also makes new content types and permissions with new ids, as a new server's has.
"""

import shutil
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from wijkregie.casus.services import casus_open
from wijkregie.core.backup import _tellingen
from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.models import Persoon
from wijkregie.testing import build_world, make_persoon

AUDIT = {"core.auditevent", "core.auditchain", "core.auditverificatie"}


@pytest.fixture
def installatie(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "documenten"
    world = build_world()
    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
               huishouden=persoon.lidmaatschappen.first().huishouden, hoofdpersoon=persoon)
    default_storage.save("toestemming/2026/12/verklaring.pdf", ContentFile(b"%PDF-1.4 getekende verklaring"))
    return world


def _vers(settings):
    """A new database as `wijkregie migrate` leaves it, and no documents."""
    from django.contrib.contenttypes.models import ContentType

    call_command("flush", interactive=False, verbosity=0)
    ContentType.objects.clear_cache()
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def test_backup_and_restore_into_a_fresh_database_gives_identical_counts_and_a_verifying_chain(
        installatie, settings, tmp_path, capsys):
    voor = _tellingen()
    assert voor["core.auditevent"] > 0 and voor["inwoners.persoon"] == 1 and voor["casus.casus"] == 1
    assert voor["koppeling:organisatie_medewerker_focuswijken"] == 1
    call_command("backup", str(tmp_path / "wijkregie.tar.gz"))
    assert "Back-up geschreven" in capsys.readouterr().out

    _vers(settings)
    assert _tellingen()["inwoners.persoon"] == 0
    call_command("restore", str(tmp_path / "wijkregie.tar.gz"))
    out = capsys.readouterr().out
    assert "gelijk aan het manifest" in out and "Auditlog intact" in out

    na = _tellingen()
    assert {k: v for k, v in na.items() if k not in AUDIT} == {k: v for k, v in voor.items() if k not in AUDIT}
    # The restore itself is one more event (on the system chain).
    assert na["core.auditevent"] == voor["core.auditevent"] + 1
    call_command("audit", "verify")
    assert "Auditlog intact" in capsys.readouterr().out
    assert default_storage.open("toestemming/2026/12/verklaring.pdf").read() == b"%PDF-1.4 getekende verklaring"
    assert Persoon.objects.get().achternaam == "Jansen"
    # New rows get new ids after the restored ones (PostgreSQL's sequences were moved on).
    nieuw = make_persoon(installatie, "Anna", "de Vries")
    assert nieuw.pk > Persoon.objects.exclude(pk=nieuw.pk).get().pk


def test_a_truncated_backup_is_refused_and_nothing_changes(installatie, settings, tmp_path):
    pad = tmp_path / "wijkregie.tar.gz"
    call_command("backup", str(pad))
    data = pad.read_bytes()
    pad.write_bytes(data[: len(data) // 2])
    _vers(settings)
    leeg = _tellingen()
    with pytest.raises(CommandError, match="beschadigd of onvolledig"):
        call_command("restore", str(pad))
    assert _tellingen() == leeg
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.pdf"))


def test_an_altered_or_foreign_backup_is_refused(installatie, settings, tmp_path):
    pad = tmp_path / "wijkregie.tar.gz"
    call_command("backup", str(pad))
    _vers(settings)
    leeg = _tellingen()
    # From another installation: another audit key signed it.
    settings.AUDIT_KEY = "sleutel-van-een-andere-installatie"
    with pytest.raises(CommandError, match="andere installatie"):
        call_command("restore", str(pad))
    assert _tellingen() == leeg


def test_a_changed_table_inside_the_archive_is_refused(installatie, settings, tmp_path):
    pad = tmp_path / "wijkregie.tar.gz"
    call_command("backup", str(pad))
    uitgepakt = tmp_path / "uit"
    with tarfile.open(pad) as tar:
        tar.extractall(uitgepakt, filter="data")
    tabel = uitgepakt / "tabellen" / "inwoners.persoon.json"
    tabel.write_text(tabel.read_text().replace("Jansen", "Janssen"))
    vervalst = tmp_path / "vervalst.tar.gz"
    with tarfile.open(vervalst, "w:gz") as tar:
        for pad_in in sorted(uitgepakt.rglob("*")):
            if pad_in.is_file():
                tar.add(pad_in, arcname=pad_in.relative_to(uitgepakt).as_posix())
    _vers(settings)
    with pytest.raises(CommandError, match="controlegetal klopt niet"):
        call_command("restore", str(vervalst))
    assert not Persoon.objects.exists()


def test_a_restore_into_a_database_in_use_is_refused(installatie, tmp_path):
    pad = tmp_path / "wijkregie.tar.gz"
    call_command("backup", str(pad))
    aantal = AuditEvent.objects.count()
    with pytest.raises(CommandError, match="De database is niet leeg"):
        call_command("restore", str(pad))
    # Nothing restored; the refused attempt is on record in the installation's trail.
    assert AuditEvent.objects.count() == aantal + 1
    event = AuditEvent.objects.get(object_type="back-up")
    assert event.resultaat == "geweigerd" and event.omschrijving.startswith(
        "terugzetten geweigerd: De database is niet leeg"
    )


def test_a_missing_or_foreign_file_gets_a_dutch_error(db, tmp_path):
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("restore", str(tmp_path / "nergens.tar.gz"))
    (tmp_path / "foto.tar.gz").write_bytes(b"\x89PNG\r\n\x1a\n geen back-up")
    with pytest.raises(CommandError, match="beschadigd of onvolledig"):
        call_command("restore", str(tmp_path / "foto.tar.gz"))
