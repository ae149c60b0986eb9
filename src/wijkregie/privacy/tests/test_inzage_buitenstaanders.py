"""Only the privacy officer of the resident's own gemeente makes an inzage, and only for a registered
request: colleagues get 403, another gemeente's privacy officer a 404 (audited) and finds nobody."""

import pytest

from wijkregie.core.models import AuditEvent
from wijkregie.privacy.models import Inzageverzoek
from wijkregie.testing import login, make_persoon

PAGINAS = ("/audit/inzage/{pk}/", "/audit/inzage/{pk}/pdf/", "/audit/inzage/{pk}/json/")


@pytest.fixture
def verzoek(world):
    anna = make_persoon(world, "Anna", "de Boer", bsn="999993653", team=world.team_noord, regisseur=world.medewerker)
    return Inzageverzoek.objects.create(gemeente=world.den_helder, persoon=anna, identiteit="Paspoort",
                                        geregistreerd_door=world.privacyfunctionaris)


@pytest.mark.parametrize("persona", ["medewerker", "collega", "bureaudienst", "kcc", "backoffice", "beheerder",
                                     "beleidsmedewerker", "gedragswetenschapper"])
def test_colleagues_get_no_inzage(client, world, verzoek, persona):
    login(client, getattr(world, persona))
    for pagina in ("/audit/inzage/", *PAGINAS):
        assert client.get(pagina.format(pk=verzoek.pk)).status_code == 403
    assert client.post("/audit/inzage/", {"bsn": "999993653", "ontvangen_op": "01-11-2026",
                                          "identiteit": "Paspoort"}).status_code == 403
    assert Inzageverzoek.objects.count() == 1


def test_another_gemeentes_privacy_officer_gets_nothing(client, world, verzoek):
    login(client, world.buitenstaander)
    for pagina in PAGINAS:
        response = client.get(pagina.format(pk=verzoek.pk))
        assert response.status_code == 404 and b"Anna" not in response.content
    assert AuditEvent.objects.filter(actor="buiten", resultaat="geweigerd", object_type="privacy.inzageverzoek",
                                     client_id=verzoek.persoon_id).count() == 3
    response = client.get("/audit/inzage/")
    assert response.status_code == 200 and b"Anna" not in response.content
    # Registering a Den Helder resident from Voorbeeldgemeente finds nobody.
    response = client.post(
        "/audit/inzage/", {"bsn": "999993653", "ontvangen_op": "01-11-2026", "identiteit": "Paspoort"}
    )
    assert "Er is geen inwoner van deze gemeente" in response.content.decode()
    assert Inzageverzoek.objects.count() == 1


def test_without_a_request_there_is_no_inzage(client, world):
    """The privacy officer cannot reach a resident's file by any id: only a request's own id opens it."""
    anna = make_persoon(world, "Anna", "de Boer", team=world.team_noord)
    login(client, world.privacyfunctionaris)
    assert client.get(f"/audit/inzage/{anna.pk}/json/").status_code == 404
    assert client.get(f"/casussen/{anna.casussen.get().pk}/").status_code == 404
