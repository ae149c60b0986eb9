"""Who may never break the glass: another gemeente, and roles without casework in a team."""

from wijkregie.casus.models import Casus
from wijkregie.privacy.models import Noodtoegang
from wijkregie.testing import login, make_persoon


def test_a_medewerker_of_another_gemeente_never_finds_or_opens_a_den_helder_file(client, world):
    anna = make_persoon(world, "Anna", "de Boer", bsn="999993653", team=world.team_noord)
    casus = Casus.objects.get(hoofdpersoon=anna)
    login(client, world.buitenstaander)  # team roles, but in Voorbeeldgemeente
    response = client.post("/noodtoegang/", {"stap": "zoeken", "bsn": "999993653"})
    assert "Geen inwoner gevonden" in response.content.decode() and "Team Noord" not in response.content.decode()
    # Even with a forged session naming the Den Helder file.
    session = client.session
    session["privacy_noodtoegang"] = {"persoon": anna.pk, "casussen": [casus.pk]}
    session.save()
    client.post("/noodtoegang/", {"stap": "openen", "reden": "Acute crisis, regisseur ziek."})
    assert not Noodtoegang.objects.exists()
    assert client.get(f"/casussen/{casus.pk}/").status_code == 404


def test_roles_without_casework_in_a_team_are_refused(client, world):
    make_persoon(world, "Anna", "de Boer", bsn="999993653", team=world.team_noord)
    for user in (world.kcc, world.backoffice, world.privacyfunctionaris, world.beleidsmedewerker, world.beheerder):
        login(client, user)
        assert client.get("/noodtoegang/").status_code == 403
        assert client.post("/noodtoegang/", {"stap": "zoeken", "bsn": "999993653"}).status_code == 403
    assert not Noodtoegang.objects.exists()


def test_a_colleague_sees_nothing_of_another_medewerkers_break_the_glass(client, world):
    anna = make_persoon(world, "Anna", "de Boer", bsn="999993653", team=world.team_noord, regisseur=world.medewerker)
    casus = Casus.objects.get(hoofdpersoon=anna)
    login(client, world.andere_teamlid)
    client.post("/noodtoegang/", {"stap": "zoeken", "bsn": "999993653"})
    client.post("/noodtoegang/", {"stap": "openen", "reden": "Acute crisis, regisseur ziek."})
    login(client, world.gedragswetenschapper)  # the same team Zuid, no break-the-glass of his own
    assert client.get(f"/casussen/{casus.pk}/").status_code == 404
    assert "Anna" not in client.get("/noodtoegang/").content.decode()
