import datetime

from wijkregie.organisatie.models import Teamlid
from wijkregie.testing import login


def test_it_lists_members_with_hours_and_focuswijken(client, world):
    login(client, world.collega)
    response = client.get(f"/teams/{world.team_noord.slug}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Sanne Visser" in content and "Pieter Jansen" in content
    assert "De Wering" in content
    # 32 + 24 hours = 56 hours = 1,6 fte of 36 hours.
    assert "56 uur per week (1,6 fte)" in content
    assert world.andere_teamlid.get_full_name() not in content


def test_it_leaves_out_former_members(client, world):
    Teamlid.objects.filter(medewerker=world.collega).update(tot=datetime.date.today() - datetime.timedelta(days=1))
    login(client, world.medewerker)
    content = client.get(f"/teams/{world.team_noord.slug}/").content.decode()
    assert "Pieter Jansen" not in content
    assert "32 uur per week" in content


def test_teams_overview_sums_hours_per_team(client, world):
    login(client, world.medewerker)
    content = client.get("/teams/").content.decode()
    assert "Team Noord" in content and "Team Zuid" in content
    assert ">56<" in content and ">84<" in content  # Zuid: 36 + 24 (bureaudienst) + 24 (gedragswetenschapper)


def test_team_page_queries_do_not_grow_with_members(client, world, django_assert_max_num_queries):
    from wijkregie.testing import make_medewerker

    for i in range(15):
        make_medewerker(world.den_helder, f"extra{i}", "medewerker", team=world.team_noord, org=world.wering)
    login(client, world.medewerker)
    with django_assert_max_num_queries(12):
        response = client.get(f"/teams/{world.team_noord.slug}/")
    assert response.content.decode().count("<tr>") >= 17
