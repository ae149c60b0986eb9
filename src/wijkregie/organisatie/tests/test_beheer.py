"""Functional admins maintain organisation data in the pages; every change is audited."""

from wijkregie.core.models import AuditEvent
from wijkregie.organisatie.models import LocatieFase, Medewerker, Organisatie, Wijk
from wijkregie.testing import login


def test_a_functional_admin_adds_a_wijk_and_the_change_is_audited(client, world):
    login(client, world.beheerder)
    response = client.post("/beheer/wijken/nieuw/", {
        "naam": "De Schooten", "slug": "de-schooten", "inwoners": 9369, "huishoudens": 4727, "zorgvragen": 1513,
        "problematiek_jeugd": "laag", "problematiek_zorg_wmo": "bovengemiddeld", "problematiek_werk": "bovengemiddeld",
    })
    assert response.status_code == 302
    wijk = Wijk.objects.get(slug="de-schooten")
    assert wijk.gemeente == world.den_helder
    event = AuditEvent.objects.get(object_type="organisatie.wijk", object_id=str(wijk.pk))
    assert event.actie == "C" and event.actor == "beheer" and "inwoners" in event.omschrijving


def test_a_failed_form_keeps_what_was_typed_with_dutch_errors_at_the_field(client, world):
    login(client, world.beheerder)
    response = client.post("/beheer/wijken/nieuw/", {
        "naam": "Nieuwe wijk", "slug": world.noord.slug, "inwoners": "veel", "huishoudens": 10, "zorgvragen": 1,
        "problematiek_jeugd": "laag", "problematiek_zorg_wmo": "laag", "problematiek_werk": "laag",
    })
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Nieuwe wijk"' in content
    assert "Er is al een wijk met deze korte naam." in content
    assert "Voer een geheel getal in." in content
    assert 'aria-invalid="true"' in content
    assert not Wijk.objects.filter(naam="Nieuwe wijk").exists()


def test_overlapping_phases_of_a_location_are_refused(client, world):
    locatie = world.team_noord.locatie
    login(client, world.beheerder)
    response = client.post("/beheer/fasen/nieuw/", {"locatie": locatie.pk, "model": "C", "geldig_van": "2022-01-01"})
    assert "overlapt met een andere fase" in response.content.decode()
    assert LocatieFase.objects.filter(locatie=locatie).count() == 2


def test_a_new_medewerker_gets_roles_and_a_validated_password_in_demo_mode(client, world, settings):
    # Outside demo mode there is no first password: core/tests/test_account_activatie.py.
    settings.REQUIRE_2FA = False
    login(client, world.beheerder)
    data = {
        "username": "nieuw", "first_name": "Nina", "last_name": "Nieuw", "moederorganisatie": world.wering.pk,
        "focuswijken": [world.noord.pk], "is_active": "on", "rollen": ["medewerker", "bureaudienst"],
        "wachtwoord": "kort",
    }
    response = client.post("/beheer/medewerkers/nieuw/", data)
    assert "Dit wachtwoord is te kort. Het moet ten minste 12 tekens bevatten." in response.content.decode()
    response = client.post("/beheer/medewerkers/nieuw/", {**data, "wachtwoord": "een-goed-lang-wachtwoord"})
    assert response.status_code == 302
    nieuw = Medewerker.objects.get(username="nieuw")
    assert nieuw.gemeente == world.den_helder and nieuw.rollen == {"medewerker", "bureaudienst"}
    assert nieuw.check_password("een-goed-lang-wachtwoord")
    response = client.post(f"/beheer/medewerkers/{nieuw.pk}/", {**data, "rollen": ["medewerker"]})
    assert response.status_code == 302
    assert Medewerker.objects.get(pk=nieuw.pk).rollen == {"medewerker"}
    events = AuditEvent.objects.filter(object_type="organisatie.medewerker", object_id=str(nieuw.pk)).order_by(
        "tijd", "pk"
    )
    assert events.count() == 2
    assert "-rol bureaudienst" in events.last().omschrijving


def test_other_roles_cannot_maintain_organisation_data(client, world):
    for user in (world.medewerker, world.privacyfunctionaris, world.beleidsmedewerker, world.backoffice):
        login(client, user)
        assert client.get("/beheer/").status_code == 403
        response = client.post("/beheer/organisaties/nieuw/", {"naam": "Stiekem", "soort": "overig"})
        assert response.status_code == 403
    assert not Organisatie.objects.filter(naam="Stiekem").exists()


def test_unknown_kind_is_404(client, world):
    login(client, world.beheerder)
    assert client.get("/beheer/onbekend/").status_code == 404


def test_every_kind_has_a_list_and_an_empty_form(client, world):
    from wijkregie.organisatie.views import BEHEER

    login(client, world.beheerder)
    for slug in BEHEER:
        assert client.get(f"/beheer/{slug}/").status_code == 200, slug
        assert client.get(f"/beheer/{slug}/nieuw/").status_code == 200, slug
