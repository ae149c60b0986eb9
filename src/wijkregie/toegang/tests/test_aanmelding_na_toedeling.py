"""The aanmelding page after allocation, as the bureaudienst sees it: no link to a casus it may not open (it
keeps the question, not the file), and the triage it may no longer read is said to be hidden, not shown as
"–" as if none was done. Allocation without a team: one error, at the team."""

from wijkregie.casus.models import Casus
from wijkregie.testing import login, make_persoon
from wijkregie.toegang.tests.test_triage_en_toedeling import _aanmelding, _triage


def test_after_allocation_the_bureaudienst_gets_no_link_to_the_file_the_team_does(client, world):
    persoon = make_persoon(world, "Pieter", "Jansen", wijk=world.noord)
    a = _aanmelding(world, persoon)
    login(client, world.bureaudienst)
    _triage(client, a, door=world.medewerker.pk)
    response = client.post(f"/aanmeldingen/{a.pk}/toedelen/", {"team": world.team_noord.pk,
                                                                "medewerker": world.medewerker.pk}, follow=True)
    casus = Casus.objects.get()
    content = response.content.decode()
    assert "De aanmelding is toegedeeld; de casus is aangemaakt." in content
    assert f"/casussen/{casus.pk}/" not in content and f"Casus {casus.pk}" not in content
    assert client.get(f"/casussen/{casus.pk}/").status_code == 404  # why the link may not be there
    assert "niet zichtbaar voor u" in content and "Alleen wie de aanmelding nu behandelt, ziet de triage" in content
    login(client, world.medewerker)
    content = client.get(f"/aanmeldingen/{a.pk}/").content.decode()
    assert f'<a href="/casussen/{casus.pk}/">Casus {casus.pk}</a>' in content
    assert "niet zichtbaar voor u" not in content and "Urgentie" in content


def test_before_triage_the_bureaudienst_sees_a_plain_dash(client, world):
    a = _aanmelding(world)
    login(client, world.bureaudienst)
    content = client.get(f"/aanmeldingen/{a.pk}/").content.decode()
    assert "niet zichtbaar voor u" not in content and "Triage doen" in content
    assert "<dt>Triage</dt><dd>–</dd>" in content  # not done yet: a dash, as before


def test_allocating_without_a_team_says_only_to_choose_the_team(client, world):
    a = _aanmelding(world)
    login(client, world.bureaudienst)
    # The medewerker still chosen from the team the page prefilled, the team set back to "Kies…".
    response = client.post(f"/aanmeldingen/{a.pk}/toedelen/", {"team": "", "medewerker": world.medewerker.pk})
    content = response.content.decode()
    assert "Kies het team." in content
    assert "Deze medewerker is geen lid van het gekozen team." not in content
    assert not Casus.objects.exists()
