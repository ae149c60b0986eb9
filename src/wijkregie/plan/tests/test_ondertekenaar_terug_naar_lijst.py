"""After signing, each signer lands on a page they may see: the colleague who was asked to sign on their list of
plans to sign (the plan itself is no longer theirs to see), the team on the plan."""

from wijkregie.plan.tests.test_plan_ondertekenen import _plan_met_maatwerk
from wijkregie.testing import login


def test_the_colleague_asked_to_sign_returns_to_their_list_not_to_niet_gevonden(client, world, casus):
    plan = _plan_met_maatwerk(world, casus, wet="jeugdwet", code="45")
    login(client, world.medewerker)
    client.post(f"/casussen/{casus.pk}/plan/{plan.versie}/ter-ondertekening/", {"teken-bij": world.backoffice.pk})
    login(client, world.backoffice)
    response = client.post(f"/casussen/{casus.pk}/plan/{plan.versie}/ondertekenen/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/ter-ondertekening/", 302)]
    content = response.content.decode()
    assert "Het plan is ondertekend." in content
    assert "Niet gevonden" not in content
    # Signed, the plan is no longer offered to them: the page they came from is theirs, the plan is not.
    assert client.get(f"/casussen/{casus.pk}/plan/").status_code == 404


def test_the_team_member_who_signs_stays_on_the_plan(client, world, casus):
    plan = _plan_met_maatwerk(world, casus)
    login(client, world.medewerker)
    response = client.post(f"/casussen/{casus.pk}/plan/{plan.versie}/ondertekenen/", follow=True)
    assert response.redirect_chain == [(f"/casussen/{casus.pk}/plan/", 302)]
    assert "Het plan is ondertekend." in response.content.decode()
