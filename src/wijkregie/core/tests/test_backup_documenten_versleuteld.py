"""Uploaded consent documents are encrypted at rest; older unencrypted files stay readable (issue 14, item 7)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile

from wijkregie.casus.models import Toestemming
from wijkregie.testing import login, make_persoon

PDF = b"%PDF-1.4 handtekening van Pieter Jansen"


def _upload(client, world, persoon):
    login(client, world.medewerker)
    client.post(f"/personen/{persoon.pk}/toestemming/", {
        "scope": "team", "wijze": "schriftelijk", f"gever_{persoon.pk}": "zelf",
        "document": SimpleUploadedFile("verklaring.pdf", PDF, content_type="application/pdf"),
    })
    return Toestemming.objects.get(persoon=persoon)


def test_the_file_on_disk_is_encrypted_and_the_download_is_the_original(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    persoon = make_persoon(world, "Pieter", "Jansen", team=world.team_noord, toestemming=False,
                           regisseur=world.medewerker)
    t = _upload(client, world, persoon)
    op_schijf = (tmp_path / t.document.name).read_bytes()
    assert op_schijf.startswith(b"WRDOC1\n")
    assert b"%PDF" not in op_schijf and b"Jansen" not in op_schijf
    response = client.get(f"/personen/{persoon.pk}/toestemming/{t.pk}/document/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_an_older_unencrypted_file_is_still_readable(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    persoon = make_persoon(world, "Pieter", "Jansen", team=world.team_noord, toestemming=False,
                           regisseur=world.medewerker)
    t = _upload(client, world, persoon)
    # As uploaded before encryption: the plain bytes under the same name.
    (tmp_path / t.document.name).write_bytes(PDF)
    response = client.get(f"/personen/{persoon.pk}/toestemming/{t.pk}/document/")
    assert b"".join(response.streaming_content) == PDF


def test_without_the_right_key_the_file_cannot_be_read(client, world, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    persoon = make_persoon(world, "Pieter", "Jansen", team=world.team_noord, toestemming=False,
                           regisseur=world.medewerker)
    t = _upload(client, world, persoon)
    from cryptography.fernet import Fernet

    monkeypatch.setenv("WIJKREGIE_DOCUMENT_KEY", Fernet.generate_key().decode())
    with pytest.raises(ImproperlyConfigured, match="not the key it was written with"):
        Toestemming.objects.get(pk=t.pk).document.open("rb")


def test_outside_demo_mode_a_key_is_required_and_demo_mode_has_a_default(settings, monkeypatch):
    from wijkregie.core.versleuteling import ontsleutel, versleutel

    monkeypatch.delenv("WIJKREGIE_DOCUMENT_KEY", raising=False)
    settings.DEMO_MODE = False
    with pytest.raises(ImproperlyConfigured, match="WIJKREGIE_DOCUMENT_KEY is required"):
        versleutel(b"x")
    settings.DEMO_MODE = True
    assert ontsleutel(versleutel(b"x")) == b"x"


def test_a_key_can_be_rotated(monkeypatch):
    from cryptography.fernet import Fernet

    from wijkregie.core.versleuteling import ontsleutel, versleutel

    oud, nieuw = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv("WIJKREGIE_DOCUMENT_KEY", oud)
    data = versleutel(b"verklaring")
    monkeypatch.setenv("WIJKREGIE_DOCUMENT_KEY", f"{nieuw},{oud}")
    assert ontsleutel(data) == b"verklaring"


def test_a_missing_or_broken_key_is_reported_at_start(settings, monkeypatch):
    from wijkregie.core.versleuteling import documentsleutel_controleren

    assert documentsleutel_controleren() == []
    settings.DEMO_MODE = False
    monkeypatch.delenv("WIJKREGIE_DOCUMENT_KEY", raising=False)
    assert [w.id for w in documentsleutel_controleren()] == ["wijkregie.W001"]
    monkeypatch.setenv("WIJKREGIE_DOCUMENT_KEY", "geen-fernet-sleutel")
    assert "not a valid Fernet key" in documentsleutel_controleren()[0].msg
