"""The aanmelding form names a known resident by key (a hidden field, ?persoon=N): only a resident the user may
see is found by it. Another key is an error at the field, with what was typed kept and nothing saved, and the
form shows nothing of that resident."""

import pytest
from django.utils import timezone

from wijkregie.testing import login, make_persoon
from wijkregie.toegang.models import Aanmelding


@pytest.fixture
def elders(world):
    # A resident of another gemeente: nobody of Den Helder may see them.
    return make_persoon(world, "Cor", "Verborgenhuis", team=world.team_dorp, gemeente=world.voorbeeld)


def _post(client, persoon_id):
    return client.post("/aanmeldingen/nieuw/", {
        "kanaal": "telefoon", "vraag": "Wil hulp bij de administratie.", "afhandeling": "bureaudienst",
        "ontvangen_op": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "persoon": str(persoon_id),
    })


def test_a_resident_the_user_may_not_see_is_refused_at_the_field(client, world, elders):
    login(client, world.bureaudienst)
    response = _post(client, elders.pk)
    assert response.status_code == 200
    assert not Aanmelding.objects.filter(persoon=elders).exists()
    html = response.content.decode()
    assert "Selecteer een geldige keuze" in response.context["form"].errors["persoon"][0]
    assert "Wil hulp bij de administratie." in html  # what was typed is kept
    assert "Verborgenhuis" not in html


def test_the_link_from_a_person_page_shows_only_a_visible_resident(client, world, elders):
    zichtbaar = make_persoon(world, "Anna", "Zichtbaarmans", team=world.team_noord)
    login(client, world.bureaudienst)
    assert "Zichtbaarmans" in client.get(f"/aanmeldingen/nieuw/?persoon={zichtbaar.pk}").content.decode()
    assert "Verborgenhuis" not in client.get(f"/aanmeldingen/nieuw/?persoon={elders.pk}").content.decode()


def test_a_visible_resident_is_registered(client, world):
    zichtbaar = make_persoon(world, "Anna", "Zichtbaarmans", team=world.team_noord)
    login(client, world.bureaudienst)
    assert _post(client, zichtbaar.pk).status_code == 302
    assert Aanmelding.objects.filter(persoon=zichtbaar).count() == 1
