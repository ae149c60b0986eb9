"""A deletion request (Jeugdwet art. 7.3.9, AVG art. 17): granted for a closed file, refused with a stated exception."""

import pytest
from django.core.management import call_command

from wijkregie.casus.models import Casus
from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.models import Persoon
from wijkregie.privacy.bewaartermijnen import bewaarblokkade_plaatsen
from wijkregie.privacy.models import Verzoek
from wijkregie.regie.services import casus_close
from wijkregie.testing import login

URL = "/privacy/verzoeken/"



@pytest.fixture(autouse=True)
def _eigen_controlepunt(settings, tmp_path):
    # `audit verify` checks against the checkpoint outside the database: each test's database has its own.
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "audit-controlepunten"

def _registreer(client, casus):
    return client.post(URL, {"actie": "nieuw", "soort": "verwijdering", "persoon_nummer": casus.hoofdpersoon_id,
                             "casus_nummer": casus.pk, "ontvangen_op": "2026-11-20", "identiteit": "ID-kaart",
                             "omschrijving": "Ik wil dat mijn dossier wordt vernietigd."})


def _beslis(client, verzoek, besluit, motivering="Gemotiveerd.", uitzondering=""):
    p = f"besluit{verzoek.pk}-"
    return client.post(URL, {"actie": "beslissen", "verzoek": verzoek.pk, p + "besluit": besluit,
                             p + "motivering": motivering, p + "uitzondering": uitzondering})


def test_a_running_file_is_not_destroyed_and_a_refusal_names_its_exception(client, world, casus, getekend):
    login(client, world.privacyfunctionaris)
    assert _registreer(client, casus).status_code == 302
    verzoek = Verzoek.objects.get()
    response = _beslis(client, verzoek, "toegewezen")
    assert "De casus loopt nog" in response.content.decode()
    assert Casus.objects.filter(pk=casus.pk).exists() and Verzoek.objects.get().besluit == ""
    response = _beslis(client, verzoek, "afgewezen")
    assert "Noem de uitzondering" in response.content.decode()
    assert _beslis(client, verzoek, "afgewezen", "De hulp loopt nog.", "lopende_hulp").status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.besluit == "afgewezen" and verzoek.uitzondering == "lopende_hulp"
    assert Casus.objects.filter(pk=casus.pk).exists()


def test_a_granted_request_destroys_the_closed_file_and_keeps_the_decision(client, world, casus, getekend, capsys):
    casus_close(actor=world.medewerker, casus=casus, reden="01")
    persoon_id = casus.hoofdpersoon_id
    login(client, world.privacyfunctionaris)
    _registreer(client, casus)
    verzoek = Verzoek.objects.get()
    bewaarblokkade_plaatsen(actor=world.privacyfunctionaris, casus=casus, reden="Klacht")
    response = _beslis(client, verzoek, "toegewezen")
    assert "bewaarblokkade" in response.content.decode() and Casus.objects.filter(pk=casus.pk).exists()
    from wijkregie.privacy.bewaartermijnen import bewaarblokkade_opheffen
    from wijkregie.privacy.models import Bewaarblokkade

    bewaarblokkade_opheffen(actor=world.privacyfunctionaris, blokkade=Bewaarblokkade.objects.get())
    assert _beslis(client, verzoek, "toegewezen", "Geen uitzondering van toepassing.").status_code == 302
    assert not Casus.objects.filter(pk=casus.pk).exists() and not Persoon.objects.filter(pk=persoon_id).exists()
    verzoek.refresh_from_db()
    assert verzoek.besluit == "toegewezen" and verzoek.persoon_id is None and verzoek.casus_id is None
    assert verzoek.motivering == "Geen uitzondering van toepassing."
    event = AuditEvent.objects.get(object_type="privacy.verzoek", omschrijving__contains="vernietigd op verzoek")
    assert "1 casus, 1 personen" in event.omschrijving and event.client_id is None
    call_command("audit", "verify")
    assert "Auditlog intact" in capsys.readouterr().out


def test_a_casus_of_someone_else_is_refused_at_registration(client, world, casus):
    from wijkregie.testing import make_persoon

    ander = make_persoon(world, "Anna", "de Vries", geboortedatum="1990-01-01")
    login(client, world.privacyfunctionaris)
    response = client.post(URL, {"actie": "nieuw", "soort": "verwijdering", "persoon_nummer": ander.pk,
                                 "casus_nummer": casus.pk, "ontvangen_op": "2026-11-20", "identiteit": "ID-kaart",
                                 "omschrijving": "x"})
    assert "Deze casus gaat niet over deze inwoner." in response.content.decode()
    assert not Verzoek.objects.exists()
