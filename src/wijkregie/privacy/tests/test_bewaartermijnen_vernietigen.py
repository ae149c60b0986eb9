"""Retention: past its term a closed file is destroyed, a count-only event stays, the chain verifies; a hold
keeps it."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from wijkregie.casus.models import Casus, Toestemming
from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.models import Huishouden, Persoon
from wijkregie.plan.models import Ondersteuningsplan
from wijkregie.privacy.bewaartermijnen import bewaarblokkade_plaatsen, bewaartermijnen_overzicht
from wijkregie.privacy.models import Bewaarblokkade
from wijkregie.regie.services import casus_close
from wijkregie.testing import make_persoon


@pytest.fixture(autouse=True)
def _eigen_controlepunt(settings, tmp_path):
    # `audit verify` checks against the checkpoint outside the database: each test's database has its own.
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "audit-controlepunten"

@pytest.fixture
def gesloten(world, casus, getekend):
    """Pieter Jansen's casus (adult household, a signed plan with a Wmo line), closed today."""
    casus_close(actor=world.medewerker, casus=casus, reden="01")
    casus.refresh_from_db()
    return casus


def _klok(monkeypatch, jaren: float):
    later = timezone.now() + datetime.timedelta(days=365.25 * jaren)
    monkeypatch.setattr(timezone, "now", lambda: later)
    return later


def test_past_its_term_the_file_is_gone_and_only_a_count_remains(gesloten, monkeypatch, capsys):
    persoon = gesloten.hoofdpersoon
    huishouden_id = gesloten.huishouden_id
    assert Ondersteuningsplan.objects.filter(casus=gesloten).exists()
    _klok(monkeypatch, 9)
    call_command("bewaartermijnen")
    assert Casus.objects.filter(pk=gesloten.pk).exists()  # a Wmo file: ten years

    _klok(monkeypatch, 10.1)
    call_command("bewaartermijnen", "--dry-run")
    assert f"casus {gesloten.pk}: Wmo" in capsys.readouterr().out
    assert Casus.objects.filter(pk=gesloten.pk).exists()  # the dry run changes nothing

    call_command("bewaartermijnen")
    assert not Casus.objects.filter(pk=gesloten.pk).exists()
    assert not Ondersteuningsplan.objects.filter(casus_id=gesloten.pk).exists()  # the signed plan too
    assert not Persoon.objects.filter(pk=persoon.pk).exists()
    assert not Toestemming.objects.filter(persoon_id=persoon.pk).exists()
    assert not Huishouden.objects.filter(pk=huishouden_id).exists()
    event = AuditEvent.objects.get(object_type="bewaartermijn")
    assert event.actie == "D" and event.client_id is None and event.object_id == ""
    assert event.omschrijving.startswith("vernietigd na afloop van de bewaartermijn: 1 casussen, 1 personen")
    assert "Jansen" not in event.omschrijving and str(gesloten.pk) not in event.omschrijving.split(":")[0]
    # Events about the destroyed file remain: the trail is never touched.
    assert AuditEvent.objects.filter(client_id=persoon.pk).exists()
    call_command("audit", "verify")
    assert "Auditlog intact" in capsys.readouterr().out


def test_a_legal_hold_keeps_the_file(gesloten, world, monkeypatch):
    bewaarblokkade_plaatsen(
        actor=world.privacyfunctionaris, persoon=gesloten.hoofdpersoon, reden="Klacht in behandeling"
    )
    _klok(monkeypatch, 30)
    assert [v.blokkade for v in bewaartermijnen_overzicht() if v.casus_id == gesloten.pk] == [True]
    call_command("bewaartermijnen")
    assert Casus.objects.filter(pk=gesloten.pk).exists()
    assert Persoon.objects.filter(pk=gesloten.hoofdpersoon_id).exists()
    # Lifted, the next run destroys it.
    from wijkregie.privacy.bewaartermijnen import bewaarblokkade_opheffen

    blokkade = Bewaarblokkade.objects.get()
    bewaarblokkade_opheffen(actor=world.privacyfunctionaris, blokkade=blokkade)
    call_command("bewaartermijnen")
    assert not Casus.objects.filter(pk=gesloten.pk).exists()
    assert not Persoon.objects.filter(pk=gesloten.hoofdpersoon_id).exists()  # the lifted hold goes with it


def test_a_youth_file_is_kept_twenty_years(world, monkeypatch):
    from wijkregie.casus.services import casus_open
    from wijkregie.inwoners.models import Lidmaatschap

    ouder = make_persoon(world, "Petra", "de Boer", geboortedatum="1985-05-01")
    huishouden = ouder.lidmaatschappen.first().huishouden
    kind = Persoon.objects.create(gemeente=world.den_helder, voornamen="Sem", achternaam="de Boer",
                                  geboortedatum=datetime.date.today() - datetime.timedelta(days=365 * 10))
    Lidmaatschap.objects.create(gemeente=world.den_helder, persoon=kind, huishouden=huishouden, relatie="kind")
    casus = casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                       huishouden=huishouden, hoofdpersoon=ouder)
    casus_close(actor=world.medewerker, casus=casus, reden="01")
    _klok(monkeypatch, 15)
    assert [v.wetten for v in bewaartermijnen_overzicht(alleen_vervallen=False) if v.casus_id == casus.pk] == [
        ["jeugdwet"]
    ]
    call_command("bewaartermijnen")
    assert Casus.objects.filter(pk=casus.pk).exists()
    _klok(monkeypatch, 20.1)
    call_command("bewaartermijnen")
    assert not Casus.objects.filter(pk=casus.pk).exists()
    assert not Persoon.objects.filter(pk__in=[ouder.pk, kind.pk]).exists()


def test_a_person_with_another_file_stays(gesloten, world, monkeypatch):
    from wijkregie.casus.services import casus_open
    from wijkregie.inwoners.models import Lidmaatschap

    persoon = gesloten.hoofdpersoon
    ander = make_persoon(world, "Karin", "Smit", geboortedatum="1979-01-01")
    huishouden = ander.lidmaatschappen.first().huishouden
    Lidmaatschap.objects.create(gemeente=world.den_helder, persoon=persoon, huishouden=huishouden, relatie="partner")
    lopend = casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                        huishouden=huishouden, hoofdpersoon=ander)
    _klok(monkeypatch, 11)
    call_command("bewaartermijnen")
    assert not Casus.objects.filter(pk=gesloten.pk).exists()
    assert Persoon.objects.filter(pk=persoon.pk).exists() and Casus.objects.filter(pk=lopend.pk).exists()
    assert "1 casussen, 0 personen" in AuditEvent.objects.get(object_type="bewaartermijn").omschrijving


def test_the_signed_consent_documents_leave_the_disk_too(gesloten, world, settings, tmp_path, monkeypatch,
                                                        django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path / "documenten"
    toestemming = Toestemming(gemeente=world.den_helder, persoon=gesloten.hoofdpersoon, casus=gesloten, scope="team",
                              wijze="schriftelijk", vastgelegd_door=world.medewerker)
    toestemming.document.save("verklaring.pdf", ContentFile(b"%PDF-1.4 handtekening"), save=True)
    pad = settings.MEDIA_ROOT / toestemming.document.name
    assert pad.exists()
    _klok(monkeypatch, 10.1)
    # Files go after the commit (a rolled-back run must not have removed them).
    with django_capture_on_commit_callbacks(execute=True):
        call_command("bewaartermijnen")
    assert not Casus.objects.filter(pk=gesloten.pk).exists()
    assert not pad.exists()
