"""The template written for a beheerder names a team and medewerker of their own gemeente, so that it can
be tried as it is (`wijkregie import --sjabloon PAD --als GEBRUIKER`, as the README shows)."""

from django.core.management import call_command

from wijkregie.organisatie.models import Team


def test_the_template_for_a_beheerder_imports_in_their_gemeente(world, tmp_path, capsys):
    Team.objects.filter(pk=world.team_noord.pk).update(naam="Wijkteam Noord")  # not the template's default name
    Team.objects.filter(pk=world.team_zuid.pk).update(naam="Wijkteam Zuid")
    pad = tmp_path / "sjabloon.xlsx"
    call_command("import", "--sjabloon", str(pad), "--als", world.beheerder.username)
    call_command("import", str(pad), "--dry-run", "--als", world.beheerder.username)
    assert "Geen fouten in 2 rijen" in capsys.readouterr().out


def test_the_template_on_the_page_names_a_team_of_the_beheerders_gemeente(client, world):
    from wijkregie.testing import login

    Team.objects.filter(pk=world.team_noord.pk).update(naam="Wijkteam Noord")
    Team.objects.filter(pk=world.team_zuid.pk).update(naam="Wijkteam Zuid")
    login(client, world.beheerder)
    inhoud = client.get("/overstap/sjabloon.csv").content.decode("utf-8-sig")
    assert "Wijkteam Noord" in inhoud and "Team Noord;" not in inhoud
