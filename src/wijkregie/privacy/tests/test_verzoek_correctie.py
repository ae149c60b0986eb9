"""A correction request: registered, decided with a motivation; granted, the value changes and the old one stays."""


from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.models import Persoon
from wijkregie.privacy.models import Verzoek
from wijkregie.testing import login, make_persoon

URL = "/privacy/verzoeken/"


def _registreer(client, persoon, **extra):
    data = {"actie": "nieuw", "soort": "correctie", "persoon_nummer": persoon.pk, "ontvangen_op": "2026-11-20",
            "identiteit": "Paspoort getoond aan de balie", "omschrijving": "Mijn achternaam is met dubbel s.",
            "veld": "achternaam", "nieuwe_waarde": "Janssen", **extra}
    return client.post(URL, data)


def test_a_granted_correction_changes_the_value_and_keeps_the_old_one(client, world):
    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    login(client, world.privacyfunctionaris)
    assert _registreer(client, persoon).status_code == 302
    verzoek = Verzoek.objects.get()
    page = client.get(URL).content.decode()
    assert f"Verzoek {verzoek.pk}: Correctie" in page and "20-12-2026" in page  # a month after receipt
    response = client.post(
        URL,
        {
            "actie": "beslissen",
            "verzoek": verzoek.pk,
            f"besluit{verzoek.pk}-besluit": "toegewezen",
            f"besluit{verzoek.pk}-motivering": "",
        },
    )
    assert "Geef de motivering van het besluit" in response.content.decode()
    assert Persoon.objects.get(pk=persoon.pk).achternaam == "Jansen"
    response = client.post(
        URL,
        {
            "actie": "beslissen",
            "verzoek": verzoek.pk,
            f"besluit{verzoek.pk}-besluit": "toegewezen",
            f"besluit{verzoek.pk}-motivering": "Aangetoond met het paspoort.",
        },
    )
    assert response.status_code == 302
    assert Persoon.objects.get(pk=persoon.pk).achternaam == "Janssen"
    verzoek.refresh_from_db()
    assert (
        verzoek.oude_waarde == "Jansen"
        and verzoek.besluit == "toegewezen"
        and verzoek.besloten_door == world.privacyfunctionaris
    )
    event = AuditEvent.objects.get(object_type="inwoners.persoon", omschrijving__startswith="gecorrigeerd op verzoek")
    assert event.client_id == persoon.pk and "Jansen" not in event.omschrijving and "achternaam" in event.omschrijving
    assert "Jansen" in client.get(URL).content.decode()  # the history shows the old value
    # Decided once.
    response = client.post(
        URL,
        {
            "actie": "beslissen",
            "verzoek": verzoek.pk,
            f"besluit{verzoek.pk}-besluit": "afgewezen",
            f"besluit{verzoek.pk}-motivering": "x",
        },
    )
    assert Verzoek.objects.get().besluit == "toegewezen"


def test_an_impossible_value_is_refused_at_the_decision_and_nothing_changes(client, world):
    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    login(client, world.privacyfunctionaris)
    _registreer(client, persoon, veld="geboortedatum", nieuwe_waarde="31-02-1980")
    verzoek = Verzoek.objects.get()
    response = client.post(
        URL,
        {
            "actie": "beslissen",
            "verzoek": verzoek.pk,
            f"besluit{verzoek.pk}-besluit": "toegewezen",
            f"besluit{verzoek.pk}-motivering": "Akte gezien.",
        },
    )
    assert "kan niet worden vastgelegd" in response.content.decode()
    assert Verzoek.objects.get().besluit == "" and str(Persoon.objects.get(pk=persoon.pk).geboortedatum) == "1980-03-12"


def test_bad_input_at_registration_gets_dutch_errors(client, world):
    login(client, world.privacyfunctionaris)
    response = client.post(URL, {"actie": "nieuw", "soort": "correctie", "persoon_nummer": "999999",
                                 "ontvangen_op": "2099-01-01", "identiteit": "", "omschrijving": "x"})
    content = response.content.decode()
    assert "Dit nummer bestaat niet in uw gemeente." in content
    assert "De ontvangstdatum ligt in de toekomst." in content
    assert "Vul in hoe de identiteit is vastgesteld." in content
    assert not Verzoek.objects.exists()


def test_outsiders_and_colleagues_get_nothing(client, world):
    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    login(client, world.privacyfunctionaris)
    _registreer(client, persoon)
    for user in (
        world.medewerker,
        world.beheerder,
        world.teamleider if hasattr(world, "teamleider") else world.collega,
    ):
        login(client, user)
        assert client.get(URL).status_code == 403
    login(client, world.buitenstaander)  # privacy officer of another gemeente
    content = client.get(URL).content.decode()
    assert "Jansen" not in content and "Er zijn geen open verzoeken." in content
    response = _registreer(client, persoon)
    assert "Dit nummer bestaat niet in uw gemeente." in response.content.decode()
    verzoek = Verzoek.objects.get()
    client.post(URL, {"actie": "beslissen", "verzoek": verzoek.pk, f"besluit{verzoek.pk}-besluit": "toegewezen",
                      f"besluit{verzoek.pk}-motivering": "x"})
    assert Verzoek.objects.get().besluit == "" and Persoon.objects.get(pk=persoon.pk).achternaam == "Jansen"


def test_a_request_for_someone_who_does_not_exist_here_is_on_record(client, world):
    login(client, world.privacyfunctionaris)
    client.post(URL, {"actie": "nieuw", "soort": "correctie", "persoon_nummer": "999999", "ontvangen_op": "2026-11-20",
                      "identiteit": "paspoort", "omschrijving": "x", "veld": "achternaam", "nieuwe_waarde": "Y"})
    assert AuditEvent.objects.filter(resultaat="geweigerd", object_type="privacy.verzoek", actor="privacy").exists()
    assert not Verzoek.objects.exists()
