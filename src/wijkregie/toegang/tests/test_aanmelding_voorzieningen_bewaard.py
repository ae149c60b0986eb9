"""The aanmelding form's list of freely accessible provisions is read once per few seconds per process
(organisatie.selectors.vrije_voorzieningen_keuzes), and still shows exactly the gemeente's free provisions, with a
provision saved in this process at once; a post is checked against the provisions themselves."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkregie.organisatie.models import Organisatie, OrganisatieSoort, Toegankelijkheid, Voorziening
from wijkregie.organisatie.selectors import VRIJE_VOORZIENINGEN
from wijkregie.testing import login
from wijkregie.toegang.models import Aanmelding


@pytest.fixture(autouse=True)
def leeg():
    VRIJE_VOORZIENINGEN.vergeet()
    yield
    VRIJE_VOORZIENINGEN.vergeet()


def _keuzes(html: str) -> list[str]:
    lijst = re.search(r'<select name="voorziening".*?</select>', html, re.S).group()
    return re.findall(r"<option[^>]*>([^<]*)</option>", lijst)


def _voorziening(world, naam, gemeente=None, toegang=Toegankelijkheid.VRIJ):
    gemeente = gemeente or world.den_helder
    org = Organisatie.objects.create(gemeente=gemeente, naam=f"Org {naam}", soort=OrganisatieSoort.WELZIJN)
    return Voorziening.objects.create(gemeente=gemeente, organisatie=org, naam=naam, omschrijving="-",
                                      toegang=toegang)


def test_the_list_is_the_gemeentes_free_provisions_and_read_once(client, world):
    _voorziening(world, "Aaa-inloop")
    _voorziening(world, "Maatwerkbegeleiding", toegang=Toegankelijkheid.MAATWERK)
    _voorziening(world, "Elders-inloop", gemeente=world.voorbeeld)
    login(client, world.bureaudienst)
    keuzes = _keuzes(client.get("/aanmeldingen/nieuw/").content.decode())
    verwacht = [f"{v.naam} ({v.organisatie.naam})" for v in Voorziening.objects.filter(
        gemeente=world.den_helder, toegang=Toegankelijkheid.VRIJ).order_by("naam", "organisatie__naam")]
    assert keuzes == ["(geen)", *verwacht] and "Aaa-inloop (Org Aaa-inloop)" in keuzes
    with CaptureQueriesContext(connection) as ctx:
        assert _keuzes(client.get("/aanmeldingen/nieuw/").content.decode()) == keuzes
    assert not [q for q in ctx.captured_queries if "organisatie_voorziening" in q["sql"]]


def test_a_provision_saved_here_is_listed_at_once(client, world):
    login(client, world.bureaudienst)
    client.get("/aanmeldingen/nieuw/")
    _voorziening(world, "Nieuwe-inloop")
    assert "Nieuwe-inloop (Org Nieuwe-inloop)" in _keuzes(client.get("/aanmeldingen/nieuw/").content.decode())


def test_a_provision_of_another_gemeente_is_refused(client, world):
    elders = _voorziening(world, "Elders-inloop", gemeente=world.voorbeeld)
    login(client, world.bureaudienst)
    response = client.post("/aanmeldingen/nieuw/", {
        "kanaal": "telefoon", "vraag": "Wil iemand spreken.", "afhandeling": "voorkant", "anoniem_naam": "Beller",
        "ontvangen_op": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "voorziening": elders.pk,
    })
    assert response.status_code == 200 and "voorziening" in response.context["form"].errors
    assert not Aanmelding.objects.filter(voorziening=elders).exists()


def test_a_failed_post_keeps_the_provision_chosen(client, world):
    gekozen = _voorziening(world, "Gekozen-inloop")
    login(client, world.bureaudienst)
    response = client.post("/aanmeldingen/nieuw/", {
        "kanaal": "telefoon", "vraag": "", "afhandeling": "voorkant", "anoniem_naam": "Beller",
        "ontvangen_op": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "voorziening": gekozen.pk,
    })
    assert response.status_code == 200 and "vraag" in response.context["form"].errors
    lijst = re.search(r'<select name="voorziening".*?</select>', response.content.decode(), re.S).group()
    assert re.search(rf'<option value="{gekozen.pk}" selected>Gekozen-inloop \(Org Gekozen-inloop\)</option>', lijst)
