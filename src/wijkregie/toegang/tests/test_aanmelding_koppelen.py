"""An anonymous or web-form aanmelding is linked later to the resident it is about (issue 12): found within
the search limits or registered on the spot; the casus follows; audited; a second link is refused."""

import datetime

from wijkregie.casus.models import Casus
from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.models import Persoon
from wijkregie.testing import login, make_persoon
from wijkregie.toegang.models import Aanmelding


def _anoniem(world, **kw):
    return Aanmelding.objects.create(gemeente=world.den_helder, kanaal="web", vraag="Ik heb schulden",
                                     anoniem_naam="Pieter Jansen", postcode="1784AB", status="bureaudienst",
                                     contact="0612345678", **kw)


def test_the_bureaudienst_links_a_web_form_aanmelding_to_a_known_resident(client, world):
    pieter = make_persoon(world, "Pieter", "Jansen", geboortedatum=datetime.date(1980, 3, 12))
    aanmelding = _anoniem(world)
    login(client, world.bureaudienst)
    pagina = client.get(f"/aanmeldingen/{aanmelding.pk}/koppelen/").content.decode()
    assert "Pieter Jansen, 12-03-1980" in pagina  # searched by the name the resident gave
    response = client.post(f"/aanmeldingen/{aanmelding.pk}/koppelen/", {"actie": "koppelen", "persoon": pieter.pk})
    assert response.status_code == 302
    aanmelding.refresh_from_db()
    assert aanmelding.persoon == pieter and aanmelding.huishouden == pieter.lidmaatschappen.get().huishouden
    assert AuditEvent.objects.filter(client_id=pieter.pk, omschrijving__startswith="aanmelding gekoppeld").exists()
    # Once linked it stays linked: the page sends the user back.
    assert client.get(f"/aanmeldingen/{aanmelding.pk}/koppelen/").status_code == 302


def test_a_new_resident_is_registered_and_the_casus_follows(client, world):
    casus = Casus.objects.create(gemeente=world.den_helder, team=world.team_noord, medewerker=world.medewerker,
                                 status="vraagverheldering")
    aanmelding = _anoniem(world, team=world.team_noord, medewerker=world.medewerker, casus=casus)
    Aanmelding.objects.filter(pk=aanmelding.pk).update(status="toegedeeld")
    login(client, world.medewerker)  # the regisseur
    response = client.post(f"/aanmeldingen/{aanmelding.pk}/koppelen/", {
        "actie": "koppelen", "nieuw-voornamen": "Pieter", "nieuw-achternaam": "Jansen"})
    assert response.status_code == 302
    pieter = Persoon.objects.get(voornamen="Pieter")
    casus.refresh_from_db()
    assert casus.hoofdpersoon == pieter and casus.huishouden is not None
    assert client.get(f"/personen/{pieter.pk}/").status_code == 200


def test_nothing_chosen_is_said_and_nothing_is_saved(client, world):
    aanmelding = _anoniem(world)
    login(client, world.bureaudienst)
    response = client.post(f"/aanmeldingen/{aanmelding.pk}/koppelen/", {"actie": "koppelen"})
    assert "Kies een inwoner of vul de gegevens van een nieuwe in." in response.content.decode()
    aanmelding.refresh_from_db()
    assert aanmelding.persoon is None


def test_who_may_not_see_the_aanmelding_cannot_link_it(client, world):
    aanmelding = _anoniem(world)
    for user in (world.medewerker, world.andere_teamlid, world.beleidsmedewerker, world.buitenstaander):
        login(client, user)
        assert client.get(f"/aanmeldingen/{aanmelding.pk}/koppelen/").status_code in (403, 404)
