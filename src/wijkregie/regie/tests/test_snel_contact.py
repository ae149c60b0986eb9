"""A light contactmoment in one line from the casus page (issue 13): now, with the resident, unless said
otherwise; bad input keeps what was typed; a closed casus takes none; outsiders and colleagues get nothing."""

from django.utils import timezone

from wijkregie.casus.services import casus_open
from wijkregie.regie.models import Contactmoment
from wijkregie.testing import login, make_persoon


def _casus(world):
    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    return casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                      huishouden=persoon.lidmaatschappen.first().huishouden, hoofdpersoon=persoon)


def test_the_casus_page_offers_the_line_with_the_resident_as_default(client, world):
    casus = _casus(world)
    login(client, world.medewerker)
    content = client.get(f"/casussen/{casus.pk}/").content.decode()
    assert "Contact vastleggen" in content and 'value="Pieter Jansen"' in content


def test_it_records_a_contactmoment_in_one_post(client, world):
    casus = _casus(world)
    login(client, world.medewerker)
    voor = timezone.now()
    response = client.post(f"/casussen/{casus.pk}/contact/", {
        "snel-soort": "telefoon", "snel-met_wie": "Pieter Jansen", "snel-notitie": "Gebeld"})
    assert response.status_code == 302
    contact = Contactmoment.objects.get(casus=casus)
    assert contact.op >= voor  # when it is saved, not when the page was opened
    assert (contact.soort, contact.met_wie, contact.notitie, contact.door) == (
        "telefoon",
        "Pieter Jansen",
        "Gebeld",
        world.medewerker,
    )


def test_bad_input_keeps_what_was_typed(client, world):
    casus = _casus(world)
    login(client, world.medewerker)
    response = client.post(f"/casussen/{casus.pk}/contact/", {
        "snel-soort": "brief", "snel-met_wie": "Buurvrouw Els", "snel-notitie": "Niemand bereikt"})
    content = response.content.decode()
    assert response.status_code == 200 and "Buurvrouw Els" in content and "Niemand bereikt" in content
    assert "Selecteer een geldige keuze" in content or "Kies een geldige" in content
    assert not Contactmoment.objects.exists()


def test_an_empty_met_wie_is_the_resident(client, world):
    casus = _casus(world)
    login(client, world.medewerker)
    client.post(f"/casussen/{casus.pk}/contact/", {"snel-soort": "telefoon", "snel-met_wie": "", "snel-notitie": "x"})
    assert Contactmoment.objects.get(casus=casus).met_wie == "Pieter Jansen"


def test_the_werkvoorraad_line_records_for_the_chosen_casus(client, world):
    casus = _casus(world)
    login(client, world.medewerker)
    start = client.get("/").content.decode()
    assert f'<option value="{casus.pk}">Pieter Jansen</option>' in start
    response = client.post("/contact/", {"casus": casus.pk, "snel-soort": "telefoon", "snel-notitie": "Gebeld",
                                         "terug": "start"})
    assert response.status_code == 302 and response.url == "/"
    contact = Contactmoment.objects.get(casus=casus)
    assert (contact.met_wie, contact.notitie) == ("Pieter Jansen", "Gebeld")


def test_the_werkvoorraad_line_refuses_a_casus_outside_sight(client, world):
    casus = _casus(world)
    login(client, world.andere_teamlid)
    assert f'value="{casus.pk}"' not in client.get("/").content.decode()
    response = client.post("/contact/", {"casus": casus.pk, "snel-soort": "telefoon", "snel-notitie": "x"})
    assert response.status_code in (403, 404)
    assert not Contactmoment.objects.exists()


def test_a_closed_casus_takes_no_contactmoment(client, world):
    casus = _casus(world)
    casus.status = "afgesloten"
    casus.save(update_fields=["status"])
    login(client, world.medewerker)
    response = client.post(f"/casussen/{casus.pk}/contact/", {"snel-soort": "telefoon", "snel-met_wie": "Pieter"})
    assert "Deze casus is afgesloten" in response.content.decode()
    assert not Contactmoment.objects.exists()


def test_an_outsider_and_a_colleague_without_need_get_nothing(client, world):
    casus = _casus(world)
    for user in (world.buitenstaander, world.andere_teamlid):
        login(client, user)
        response = client.post(f"/casussen/{casus.pk}/contact/", {"snel-soort": "telefoon", "snel-met_wie": "X"})
        assert response.status_code in (403, 404)
    assert not Contactmoment.objects.exists()
