from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.models import Persoon
from wijkregie.testing import login, make_persoon


def test_it_registers_a_person_with_a_household_and_the_wijk_from_the_postcode(client, world):
    login(client, world.kcc)
    response = client.post("/personen/nieuw/", {"voornamen": "Noor", "achternaam": "de Vries", "postcode": "1787cd"})
    persoon = Persoon.objects.get(achternaam="de Vries")
    assert response.status_code == 302 and response.url == f"/personen/{persoon.pk}/"
    assert persoon.postcode == "1787 CD" and persoon.wijk == world.zuid
    assert persoon.lidmaatschappen.count() == 1
    assert AuditEvent.objects.filter(client_id=persoon.pk, actie="C").exists()


def test_bad_input_gets_dutch_errors_at_the_field_and_keeps_what_was_typed(client, world):
    login(client, world.kcc)
    response = client.post("/personen/nieuw/", {
        "voornamen": "Noor", "achternaam": "de Vries", "bsn": "123456789", "geboortedatum": "2999-01-01",
        "postcode": "17877", "email": "geen-mail",
    })
    content = response.content.decode()
    assert "Dit BSN klopt niet (de elfproef faalt)" in content
    assert "Een geboortedatum kan niet in de toekomst liggen." in content
    assert "Een postcode bestaat uit 4 cijfers en 2 letters" in content
    assert 'value="de Vries"' in content and 'value="123456789"' in content
    assert not Persoon.objects.filter(achternaam="de Vries").exists()


def test_an_impossible_date_is_refused(client, world):
    login(client, world.kcc)
    response = client.post("/personen/nieuw/", {"voornamen": "A", "achternaam": "B", "geboortedatum": "2001-02-30"})
    assert (
        "Vul een geldige datum in" in response.content.decode()
        or "Voer een geldige datum in" in response.content.decode()
    )


def test_likely_duplicates_are_shown_first(client, world):
    make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    login(client, world.kcc)
    data = {"voornamen": "Pieter", "achternaam": "Jansem", "geboortedatum": "1980-03-12"}
    response = client.post("/personen/nieuw/", data)
    content = response.content.decode()
    assert "Deze inwoners lijken op wie u invult" in content and "Pieter Jansen" in content
    assert Persoon.objects.count() == 1
    response = client.post("/personen/nieuw/", {**data, "toch_nieuw": "on"})
    assert response.status_code == 302 and Persoon.objects.count() == 2


def test_policy_officers_cannot_register_people(client, world):
    login(client, world.beleidsmedewerker)
    assert client.get("/personen/nieuw/").status_code == 403
