"""The way to break-the-glass is on every 404 for a team role, whether the file exists or not: the 404
itself says nothing about a file."""

from wijkregie.casus.models import Casus
from wijkregie.testing import login, make_persoon


def test_every_404_offers_the_same_link_so_it_tells_nothing(client, world):
    anna = make_persoon(world, "Anna", "de Boer", team=world.team_noord, regisseur=world.medewerker)
    casus = Casus.objects.get(hoofdpersoon=anna)
    login(client, world.andere_teamlid)
    bestaat = client.get(f"/casussen/{casus.pk}/")
    bestaat_niet = client.get(f"/casussen/{casus.pk + 1000}/")
    assert bestaat.status_code == bestaat_niet.status_code == 404
    assert 'href="/noodtoegang/"' in bestaat.content.decode()
    # Same page, apart from the per-request CSP nonce and CSRF token.
    def kern(response):
        inhoud = response.content.decode()
        return inhoud[inhoud.index("<main"):inhoud.index("</main>")]
    assert kern(bestaat) == kern(bestaat_niet)


def test_roles_without_break_the_glass_do_not_see_the_link(client, world):
    login(client, world.kcc)
    assert 'href="/noodtoegang/"' not in client.get("/casussen/999999/").content.decode()
