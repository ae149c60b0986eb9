"""Break-the-glass reads the casus through its own pages and changes nothing: no consent recorded or
withdrawn, no contact details read or changed, no aanmelding (triage, linking), no plan changed."""

from wijkregie.casus.models import Casus, Toestemming
from wijkregie.testing import login, make_persoon
from wijkregie.toegang.models import Aanmelding


def test_under_break_the_glass_nothing_can_be_changed(client, world):
    anna = make_persoon(world, "Anna", "de Boer", bsn="999993653", telefoon="0612345678", team=world.team_noord,
                        regisseur=world.medewerker)
    casus = Casus.objects.get(hoofdpersoon=anna)
    aanmelding = Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Hulp", persoon=anna,
                                           casus=casus, team=world.team_noord, status="toegedeeld")
    toestemming = Toestemming.objects.get(persoon=anna)
    login(client, world.andere_teamlid)
    client.post("/noodtoegang/", {"stap": "zoeken", "bsn": "999993653"})
    client.post("/noodtoegang/", {"stap": "openen", "reden": "Crisis in de nacht, regisseur ziek."})
    casuspagina = client.get(f"/casussen/{casus.pk}/")
    assert casuspagina.status_code == 200 and "Anna de Boer" in casuspagina.content.decode()
    persoonpagina = client.get(f"/personen/{anna.pk}/")
    assert persoonpagina.status_code == 200 and "0612345678" not in persoonpagina.content.decode()  # who, not how
    assert (
        client.post(f"/personen/{anna.pk}/toestemming/{toestemming.pk}/intrekken/", {"reden": "x"}).status_code == 404
    )
    assert client.post(f"/personen/{anna.pk}/toestemming/", {"scope": "team", "wijze": "mondeling"}).status_code == 404
    assert client.get(f"/personen/{anna.pk}/bewerken/").status_code == 404
    assert client.get(f"/personen/{anna.pk}/huishouden/").status_code == 404
    assert client.get(f"/aanmeldingen/{aanmelding.pk}/").status_code == 404
    assert client.get(f"/aanmeldingen/{aanmelding.pk}/triage/").status_code in (403, 404)
    assert not world.andere_teamlid.has_perm("casus.bewerken", casus)
    toestemming.refresh_from_db()
    assert toestemming.ingetrokken_op is None and Toestemming.objects.filter(persoon=anna).count() == 1
