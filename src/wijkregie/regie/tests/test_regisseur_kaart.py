"""The Regisseur card names who holds regie (issue 13, fault 5): the medewerker the casus is allocated to
while no regie is recorded (the access policy's regisseur), and after closing who held it last, instead of
"Nog geen regisseur vastgelegd"."""

from wijkregie.casus.models import Casus
from wijkregie.regie import services
from wijkregie.regie.models import Regie
from wijkregie.testing import login, make_persoon


def _kaart(client, casus) -> str:
    content = client.get(f"/casussen/{casus.pk}/regie/").content.decode()
    start = content.index('id="regisseur"')
    return content[start:content.index("</section>", start)]


def test_the_allocated_medewerker_is_the_regisseur_while_no_regie_is_recorded(client, world, casus):
    assert not casus.regies.exists() and casus.medewerker == world.medewerker
    login(client, world.medewerker)
    kaart = _kaart(client, casus)
    assert "Sanne Visser" in kaart and "toegewezen medewerker" in kaart
    assert "Nog geen regisseur vastgelegd" not in kaart


def test_after_closing_the_card_names_who_held_regie_last(client, world, getekend):
    casus = getekend.casus
    services.regie_transfer(actor=world.medewerker, casus=casus, regie=Regie(
        houder="medewerker", medewerker=world.collega, uitleg_aan_inwoner="Pieter kent het gezin."))
    services.casus_close(actor=world.medewerker, casus=casus, reden="01")
    casus.refresh_from_db()
    login(client, world.medewerker)
    kaart = _kaart(client, casus)
    assert "Pieter Jansen" in kaart and "Had de regie tot de afsluiting op" in kaart
    assert "Nog geen regisseur vastgelegd" not in kaart


def test_after_closing_without_a_recorded_regie_the_allocated_medewerker_is_named(client, world, getekend):
    casus = getekend.casus
    services.casus_close(actor=world.medewerker, casus=casus, reden="01")
    login(client, world.medewerker)
    kaart = _kaart(client, casus)
    assert "Sanne Visser" in kaart and "Had de regie tot de afsluiting op" in kaart


def test_nobody_allocated_and_no_regie_says_so(client, world, teamleider_noord):
    persoon = make_persoon(world, "Els", "Bakker", team=world.team_noord)
    casus = Casus.objects.get(hoofdpersoon=persoon)
    login(client, world.collega)
    assert "Nog geen regisseur vastgelegd" in _kaart(client, casus)
