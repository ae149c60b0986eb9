"""Break-the-glass without a reason, or without exact identifying input: a Dutch error at the field,
nothing opened, the attempt audited."""

from wijkregie.casus.models import Casus
from wijkregie.core.models import AuditEvent
from wijkregie.privacy.models import Noodtoegang
from wijkregie.testing import login, make_persoon


def test_without_a_reason_nothing_opens_and_the_attempt_is_audited(client, world):
    anna = make_persoon(world, "Anna", "de Boer", bsn="999993653", team=world.team_noord, regisseur=world.medewerker)
    casus = Casus.objects.get(hoofdpersoon=anna)
    login(client, world.andere_teamlid)
    client.post("/noodtoegang/", {"stap": "zoeken", "bsn": "999993653"})
    for reden in ("", "   ", "nood"):
        response = client.post("/noodtoegang/", {"stap": "openen", "reden": reden})
        assert response.status_code == 200
        fout = response.context["redenform"].errors["reden"][0]
        assert fout.startswith("Geef de reden voor de noodtoegang")
        assert (
            'id="id_reden_error"' in response.content.decode()
            and "Controleer het formulier" in response.content.decode()
        )
    assert not Noodtoegang.objects.exists()
    assert client.get(f"/casussen/{casus.pk}/").status_code == 404
    geweigerd = AuditEvent.objects.filter(actor="zuid", object_type="privacy.noodtoegang", resultaat="geweigerd")
    assert geweigerd.count() == 3 and {e.client_id for e in geweigerd} == {anna.pk}
    assert all(e.omschrijving == "noodtoegang geweigerd: geen reden gegeven" for e in geweigerd)
    # The form is still there to try again with a reason.
    assert client.post("/noodtoegang/", {"stap": "openen", "reden": "Acute crisis, regisseur ziek."}).status_code == 302


def test_opening_without_a_lookup_first_is_refused(client, world):
    make_persoon(world, "Anna", "de Boer", bsn="999993653", team=world.team_noord)
    login(client, world.andere_teamlid)
    response = client.post("/noodtoegang/", {"stap": "openen", "reden": "Acute crisis, regisseur ziek."}, follow=True)
    assert "Er is geen dossier dat u met noodtoegang kunt openen." in response.content.decode()
    assert not Noodtoegang.objects.exists()
    assert AuditEvent.objects.filter(actor="zuid", object_type="privacy.noodtoegang", resultaat="geweigerd").exists()


def test_the_lookup_needs_a_valid_bsn_or_surname_and_birth_date(client, world):
    login(client, world.andere_teamlid)
    response = client.post("/noodtoegang/", {"stap": "zoeken", "bsn": "123456789"})
    assert "elfproef" in response.context["zoekform"].errors["bsn"][0]
    response = client.post("/noodtoegang/", {"stap": "zoeken", "achternaam": "de Boer"})
    assert response.context["zoekform"].errors["geboortedatum"] == [
        "Vul het BSN in, of de achternaam en de geboortedatum."
    ]
    response = client.post("/noodtoegang/", {"stap": "zoeken", "achternaam": "de Boer", "geboortedatum": "31-02-1980"})
    assert "dd-mm-jjjj" in response.context["zoekform"].errors["geboortedatum"][0]
    assert not AuditEvent.objects.filter(object_type="privacy.noodtoegang").exists()


def test_a_reason_longer_than_the_field_is_named_at_the_field(client, world):
    make_persoon(world, "Anna", "de Boer", bsn="999993653", team=world.team_noord)
    login(client, world.andere_teamlid)
    client.post("/noodtoegang/", {"stap": "zoeken", "bsn": "999993653"})
    response = client.post("/noodtoegang/", {"stap": "openen", "reden": "x" * 2001})
    assert response.status_code == 200
    assert "2000" in response.context["redenform"].errors["reden"][0]
    assert response.context["redenform"]["reden"].value() == "x" * 2001  # nothing lost
    assert not Noodtoegang.objects.exists()


def test_trying_bsn_after_bsn_is_stopped_and_signalled(client, world):
    from wijkregie.privacy.noodtoegang import ZOEKLIMIET_PER_UUR

    make_persoon(world, "Anna", "de Boer", bsn="999993653", team=world.team_noord)
    login(client, world.andere_teamlid)
    for _ in range(ZOEKLIMIET_PER_UUR):
        response = client.post(
            "/noodtoegang/", {"stap": "zoeken", "achternaam": "Jansen", "geboortedatum": "01-01-1990"}
        )
        assert "Geen inwoner gevonden" in response.content.decode()
    response = client.post("/noodtoegang/", {"stap": "zoeken", "bsn": "999993653"})
    inhoud = response.content.decode()
    assert "te vaak gezocht" in inhoud and "Team Noord" not in inhoud and response.context["redenform"] is None
    client.post("/noodtoegang/", {"stap": "zoeken", "bsn": "999993653"})
    signalen = AuditEvent.objects.filter(actor="zuid", object_type="beveiliging.noodtoegang")
    assert signalen.count() == 1  # one signal per hour, not one per attempt
    assert AuditEvent.objects.filter(actor="zuid", object_type="privacy.noodtoegang", resultaat="geweigerd",
                                     omschrijving__contains="te vaak").count() == 2
    login(client, world.privacyfunctionaris)
    assert "te vaak gezocht voor noodtoegang" in client.get("/audit/").content.decode()
