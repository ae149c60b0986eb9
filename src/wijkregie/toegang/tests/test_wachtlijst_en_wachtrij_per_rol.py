"""The waiting list per team and the bureaudienst's queue as each role that follows them sees them: the
teamleider counts their team's waiting list (counts only, no resident), sees only their own teams (a team of
which they see part would show a count that is not the team's), and the queue says how many wait in all
when the policy shows them none of it, instead of "Niets toe te delen"."""

import datetime

import pytest
from django.utils import timezone

from wijkregie.organisatie.models import Rol
from wijkregie.testing import login, make_medewerker
from wijkregie.toegang.models import Aanmelding


@pytest.fixture
def teamleider(world):
    return make_medewerker(world.den_helder, "tl-noord", Rol.TEAMLEIDER, org=world.wering, team=world.team_noord)


def _wachtend(world, team, dagen: int, **kw):
    return Aanmelding.objects.create(
        gemeente=world.den_helder, kanaal="telefoon", vraag="Schulden en zorgen over de kinderen", team=team,
        status=kw.pop("status", "toegedeeld"), ontvangen_op=timezone.now() - datetime.timedelta(days=dagen), **kw,
    )


def _rijen(content: str) -> dict[str, str]:
    """Team name -> the row's cells, as the table shows them."""
    import re

    return {m[0]: m[1] for m in re.findall(r'<th scope="row">([^<]+)</th>(.*?)</tr>', content)}


def test_the_teamleider_counts_the_waiting_list_of_their_own_team(client, world, teamleider):
    _wachtend(world, world.team_noord, 3)
    _wachtend(world, world.team_noord, 9)
    _wachtend(world, world.team_zuid, 4)
    login(client, teamleider)
    content = client.get("/wachtlijst/").content.decode()
    rijen = _rijen(content)
    assert list(rijen) == [str(world.team_noord)]  # not Zuid's 1 shown as 0
    assert '<td class="wr-num">2</td><td class="wr-num">6,0</td><td class="wr-num">9,0</td>' in rijen[
        str(world.team_noord)]
    assert "U ziet de teams waarin u werkt." in content
    assert "Schulden" not in content  # counts, not questions


def test_the_bureaudienst_sees_every_team(client, world):
    _wachtend(world, world.team_noord, 3)
    _wachtend(world, world.team_zuid, 4)
    login(client, world.bureaudienst)
    rijen = _rijen(client.get("/wachtlijst/").content.decode())
    from wijkregie.organisatie.models import Team

    assert set(rijen) == {str(t) for t in Team.objects.filter(gemeente=world.den_helder)}
    assert rijen[str(world.team_zuid)].startswith('<td class="wr-num">1</td>')


def test_someone_in_no_team_is_told_so_not_shown_zeros(client, world):
    _wachtend(world, world.team_noord, 3)
    login(client, world.beleidsmedewerker)
    content = client.get("/wachtlijst/").content.decode()
    assert _rijen(content) == {} and "U werkt in geen team." in content


def test_the_teamleider_on_the_queue_learns_how_many_wait_not_who(client, world, teamleider):
    _wachtend(world, None, 1, status="bureaudienst", anoniem_naam="Familie Visser")
    _wachtend(world, None, 2, status="nieuw")
    _wachtend(world, world.team_noord, 2)  # allocated: not in the queue
    login(client, teamleider)
    content = client.get("/bureaudienst/").content.decode()
    assert "In totaal wachten 2 aanmeldingen op toedeling." in content
    assert "Geen aanmeldingen die u mag inzien." in content and "Niets toe te delen." not in content
    assert "Visser" not in content and "Schulden" not in content


def test_the_bureaudienst_queue_is_unchanged(client, world):
    _wachtend(world, None, 1, status="bureaudienst")
    login(client, world.bureaudienst)
    content = client.get("/bureaudienst/").content.decode()
    assert "In totaal" not in content and "Schulden en zorgen" in content
    Aanmelding.objects.all().delete()
    assert "Niets toe te delen." in client.get("/bureaudienst/").content.decode()
