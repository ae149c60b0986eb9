import pytest

from wijkregie.plan import services
from wijkregie.testing import login


@pytest.mark.parametrize("wie", ["andere_teamlid", "buitenstaander", "beleidsmedewerker", "privacyfunctionaris", "kcc"])
def test_nobody_outside_the_team_gets_any_plan_page(client, world, casus, wie):
    plan = services.plan_maken(actor=world.medewerker, casus=casus)
    login(client, getattr(world, wie))
    for url in [f"/casussen/{casus.pk}/", f"/casussen/{casus.pk}/vraagverheldering/", f"/casussen/{casus.pk}/veiligheid/",
                f"/casussen/{casus.pk}/plan/", f"/casussen/{casus.pk}/plan/{plan.versie}/", f"/casussen/{casus.pk}/plan/{plan.versie}/pdf/"]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/casussen/{casus.pk}/plan/", {"actie": "ondertekenen"}).status_code == 404
    assert "Jansen" not in client.get("/casussen/").content.decode()
