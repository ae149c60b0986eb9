"""A toewijzing changes only in its einddatum or volume (OP033x1) and ends on a date, each with a JZ002/WMO002
reason and under the decider's mandaat; each hands the toewijzing to the exchange again (a new 301)."""

import datetime
import sys
import types

import pytest
from django.core.exceptions import ValidationError

from wijkregie.backoffice import services
from wijkregie.backoffice.models import Toewijzing
from wijkregie.core.models import AuditEvent
from wijkregie.organisatie.models import Rol
from wijkregie.testing import login, make_medewerker

from .helpers import toekennen

BEGIN = datetime.date(2026, 1, 5)
EINDE = datetime.date(2026, 6, 30)


@pytest.fixture
def toewijzing(world, getekend):
    return toekennen(world, getekend, ingangsdatum=BEGIN, einddatum=EINDE).toewijzingen.get()


@pytest.fixture
def klaargezet(monkeypatch):
    gezien = []
    module = types.ModuleType("wijkregie.backoffice.berichten")
    module.toewijzing_klaarzetten = lambda t: gezien.append((t.pk, t.status, t.reden_wijziging, t.einddatum))
    monkeypatch.setitem(sys.modules, "wijkregie.backoffice.berichten", module)
    return gezien


def test_a_change_of_end_date_and_volume_keeps_the_number(client, world, toewijzing, klaargezet,
                                                         django_capture_on_commit_callbacks):
    login(client, world.backoffice)
    t = toewijzing.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/backoffice/beschikkingen/{toewijzing.beschikking_id}/",
            {
                "toewijzing": t,
                "actie": "wijzigen",
                f"w{t}-reden": "04",
                f"w{t}-einddatum": "2026-12-31",
                f"w{t}-volume": "4",
            },
        )
    assert response.status_code == 302
    toewijzing.refresh_from_db()
    assert (toewijzing.toewijzingnummer, toewijzing.volume, toewijzing.einddatum) == (1, 4, datetime.date(2026, 12, 31))
    assert (toewijzing.status, toewijzing.reden_wijziging) == ("gewijzigd", "04")
    assert klaargezet == [(t, "gewijzigd", "04", datetime.date(2026, 12, 31))]
    event = AuditEvent.objects.filter(object_type="backoffice.toewijzing").get()
    assert event.client_id == toewijzing.beschikking.persoon_id and "reden 04" in event.omschrijving


def test_an_end_sets_the_last_day_and_the_reason(world, toewijzing, klaargezet, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.toewijzing_end(actor=world.backoffice, toewijzing=toewijzing, reden="09",
                                       einddatum=datetime.date(2026, 3, 31))
    toewijzing.refresh_from_db()
    assert (toewijzing.status, toewijzing.einddatum, toewijzing.reden_wijziging) == (
        "beeindigd",
        datetime.date(2026, 3, 31),
        "09",
    )
    assert klaargezet == [(toewijzing.pk, "beeindigd", "09", datetime.date(2026, 3, 31))]
    with pytest.raises(ValidationError, match="al beëindigd"):
        services.toewijzing_end(actor=world.backoffice, toewijzing=toewijzing, reden="09", einddatum=BEGIN)


@pytest.mark.parametrize("reden, einddatum, fout", [
    ("", "2026-03-31", "id_e{t}-reden_error"),
    ("09", "2025-12-31", "De einddatum ligt voor de ingangsdatum"),
    ("09", "2026-07-31", "verlengen is een wijziging"),
    ("13", "2026-03-31", "gelijk aan de ingangsdatum"),
    ("09", "31-02-2026", "id_e{t}-einddatum_error"),
])
def test_a_bad_end_is_refused_at_the_field_and_nothing_changes(client, world, toewijzing, reden, einddatum, fout):
    login(client, world.backoffice)
    t = toewijzing.pk
    response = client.post(f"/backoffice/beschikkingen/{toewijzing.beschikking_id}/", {
        "toewijzing": t, "actie": "beeindigen", f"e{t}-reden": reden, f"e{t}-einddatum": einddatum})
    assert response.status_code == 200
    assert fout.format(t=t) in response.content.decode()
    toewijzing.refresh_from_db()
    assert (toewijzing.status, toewijzing.einddatum) == ("actief", EINDE)
    assert not AuditEvent.objects.filter(object_type="backoffice.toewijzing").exists()


def test_a_decider_without_mandaat_changes_nothing(client, world, toewijzing):
    zonder = make_medewerker(world.den_helder, "bo2", Rol.BACKOFFICE, org=world.gemeente_org)
    login(client, zonder)
    t = toewijzing.pk
    response = client.post(
        f"/backoffice/beschikkingen/{toewijzing.beschikking_id}/",
        {
            "toewijzing": t,
            "actie": "wijzigen",
            f"w{t}-reden": "05",
            f"w{t}-einddatum": "2026-03-31",
            f"w{t}-volume": "3",
        },
    )
    assert response.status_code == 200 and "geen geldig mandaat" in response.content.decode()
    assert Toewijzing.objects.get().einddatum == EINDE


def test_another_gemeente_cannot_touch_it(client, world, toewijzing):
    login(client, world.buitenstaander)
    t = toewijzing.pk
    response = client.post(f"/backoffice/beschikkingen/{toewijzing.beschikking_id}/", {
        "toewijzing": t, "actie": "beeindigen", f"e{t}-reden": "09", f"e{t}-einddatum": "2026-03-31"})
    assert response.status_code == 404
    assert Toewijzing.objects.get().status == "actief"
