"""One page registers a question from any door; the KCC answers at the front or passes it on."""

import pytest

from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.models import Persoon
from wijkregie.testing import login, make_persoon
from wijkregie.toegang.models import Aanmelding


def _post(client, **data):
    base = {"kanaal": "telefoon", "vraag": "Mijn moeder redt het thuis niet meer.", "afhandeling": "bureaudienst",
            "ontvangen_op": "2026-01-05T09:30", "actie": "opslaan"}
    return client.post("/aanmeldingen/nieuw/", {**base, **data})


def test_a_kcc_call_for_a_known_resident_goes_to_the_bureaudienst(client, world):
    persoon = make_persoon(world, "Pieter", "Jansen")
    login(client, world.kcc)
    response = _post(client, persoon=persoon.pk)
    aanmelding = Aanmelding.objects.get()
    assert response.status_code == 302 and response.url == f"/aanmeldingen/{aanmelding.pk}/"
    assert aanmelding.status == "bureaudienst" and aanmelding.persoon == persoon and aanmelding.huishouden is not None
    assert aanmelding.geregistreerd_door == world.kcc
    assert AuditEvent.objects.filter(object_type="toegang.aanmelding", client_id=persoon.pk, actie="C").exists()


def test_answered_at_the_front_with_information_and_a_provision(client, world):
    login(client, world.kcc)
    response = _post(client, anoniem_naam="mevrouw Bos", afhandeling="voorkant",
                     advies="Verwezen naar het maatschappelijk werk.", voorziening=world.voorziening_vrij.pk)
    aanmelding = Aanmelding.objects.get()
    assert response.status_code == 302
    assert aanmelding.status == "voorkant" and aanmelding.voorziening == world.voorziening_vrij
    assert aanmelding.eerste_contact_op is not None  # answering is the first contact


def test_a_partner_referral_needs_the_verwijzer_code(client, world):
    login(client, world.kcc)
    response = _post(client, kanaal="partner", anoniem_naam="gezin Yilmaz")
    assert "Kies wie verwijst" in response.content.decode()
    response = _post(client, kanaal="partner", verwijzer="02", verwijzer_naam="Huisartsenpraktijk Zuid",
                     anoniem_naam="gezin Yilmaz")
    assert response.status_code == 302 and Aanmelding.objects.get().verwijzer == "02"


def test_a_new_resident_is_registered_on_the_same_page(client, world):
    login(client, world.kcc)
    response = _post(client, **{"nieuw-voornamen": "Noor", "nieuw-achternaam": "de Vries", "nieuw-postcode": "1784 ab"})
    assert response.status_code == 302
    persoon = Persoon.objects.get(achternaam="de Vries")
    assert Aanmelding.objects.get().persoon == persoon and persoon.wijk == world.noord


def test_bad_input_keeps_everything_typed(client, world):
    login(client, world.kcc)
    response = _post(client, vraag="   ", ontvangen_op="2999-01-01T10:00", afhandeling="voorkant",
                     **{"nieuw-voornamen": "Noor", "nieuw-bsn": "123456789"})
    content = response.content.decode()
    assert "Beschrijf de vraag" in content
    assert "Dit tijdstip ligt in de toekomst." in content
    assert "Schrijf kort op welke informatie of welk advies is gegeven." in content
    assert "Dit BSN klopt niet" in content and "Vul de naam in" in content
    assert 'value="Noor"' in content and 'value="123456789"' in content
    assert not Aanmelding.objects.exists() and not Persoon.objects.exists()


def test_searching_on_the_page_does_not_save(client, world):
    make_persoon(world, "Pieter", "Jansen")
    login(client, world.kcc)
    response = client.post("/aanmeldingen/nieuw/", {"zoek": "pieter jansem", "actie": "zoeken", "vraag": "iets"})
    content = response.content.decode()
    assert "Pieter Jansen" in content and "iets" in content
    assert not Aanmelding.objects.exists()


def test_a_duplicate_is_offered_instead_of_a_new_person(client, world):
    make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    login(client, world.kcc)
    response = _post(
        client, **{"nieuw-voornamen": "Pieter", "nieuw-achternaam": "Jansen", "nieuw-geboortedatum": "1980-03-12"}
    )
    assert "Deze personen lijken op wie u invult" in response.content.decode()
    assert Persoon.objects.count() == 1 and not Aanmelding.objects.exists()


@pytest.mark.parametrize("rol", ["beleidsmedewerker", "privacyfunctionaris"])
def test_aggregate_only_roles_cannot_register(client, world, rol):
    login(client, getattr(world, rol))
    assert client.get("/aanmeldingen/nieuw/").status_code == 403
