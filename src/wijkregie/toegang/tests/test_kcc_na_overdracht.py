"""Done when (issue 11): the KCC registers and answers at the front; it never reads or changes a triage,
and after handover it sees nothing of the aanmelding (docs/toegangsbeleid.md)."""

import pytest
from django.core.exceptions import PermissionDenied

from wijkregie.testing import login, make_persoon
from wijkregie.toegang import services
from wijkregie.toegang.models import Aanmelding, Triage


@pytest.fixture
def aanmelding(world):
    persoon = make_persoon(world, "Pieter", "Jansen")
    a = Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Hulp nodig", persoon=persoon,
                                  huishouden=persoon.lidmaatschappen.first().huishouden, status="bureaudienst",
                                  geregistreerd_door=world.kcc)
    Triage.objects.create(gemeente=world.den_helder, aanmelding=a, veiligheid="twijfel", aard="enkelvoudig",
                          uitkomst="wijkteam", veiligheid_toelichting="Spanning in huis", door=world.bureaudienst)
    return a


def _onveilig(client, aanmelding):
    return client.post(f"/aanmeldingen/{aanmelding.pk}/triage/", {
        "urgentie": "normaal", "veiligheid": "nee", "aard": "enkelvoudig", "uitkomst": "opgelost"})


def test_at_the_front_the_kcc_sees_its_question_and_never_a_triage(client, world, aanmelding):
    Triage.objects.filter(aanmelding=aanmelding).delete()
    login(client, world.kcc)
    pagina = client.get(f"/aanmeldingen/{aanmelding.pk}/").content.decode()
    assert "Hulp nodig" in pagina and "Triage doen" not in pagina
    assert client.get(f"/aanmeldingen/{aanmelding.pk}/triage/").status_code == 404
    assert _onveilig(client, aanmelding).status_code == 404
    assert not Triage.objects.filter(aanmelding=aanmelding).exists()


def test_once_triaged_the_kcc_no_longer_sees_the_aanmelding(client, world, aanmelding):
    login(client, world.kcc)
    assert client.get(f"/aanmeldingen/{aanmelding.pk}/").status_code == 404
    assert client.get(f"/aanmeldingen/{aanmelding.pk}/triage/").status_code == 404
    assert _onveilig(client, aanmelding).status_code == 404
    assert Triage.objects.get(aanmelding=aanmelding).veiligheid == "twijfel"


def test_after_allocation_the_kcc_can_neither_read_nor_change_the_triage(client, world, aanmelding):
    login(client, world.bureaudienst)
    client.post(f"/aanmeldingen/{aanmelding.pk}/toedelen/", {"team": world.team_noord.pk,
                                                             "medewerker": world.medewerker.pk})
    aanmelding.refresh_from_db()
    assert aanmelding.status == "toegedeeld"
    login(client, world.kcc)
    assert client.get(f"/aanmeldingen/{aanmelding.pk}/").status_code == 404
    assert client.get(f"/aanmeldingen/{aanmelding.pk}/triage/").status_code == 404
    assert _onveilig(client, aanmelding).status_code == 404
    triage = Triage.objects.get(aanmelding=aanmelding)
    assert triage.veiligheid == "twijfel" and triage.uitkomst == "wijkteam"
    # The service refuses too, whatever page or script calls it.
    with pytest.raises(PermissionDenied):
        services.triage_record(actor=world.kcc, aanmelding=aanmelding, triage=triage, leefgebieden=[],
                               betrokken_leden=[])
    # The allocated medewerker may.
    login(client, world.medewerker)
    assert client.get(f"/aanmeldingen/{aanmelding.pk}/triage/").status_code == 200
