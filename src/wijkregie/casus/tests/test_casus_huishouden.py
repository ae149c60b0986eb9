"""The casus page names every member of the household and whether their team consent is in force,
for those who may see consents; a consulted gedragswetenschapper (no consents) does not get it."""

import datetime

from django.utils import timezone

from wijkregie.casus.models import Casus, Toestemming
from wijkregie.inwoners.models import Lidmaatschap, Persoon
from wijkregie.inwoners.services import persoon_create
from wijkregie.plan.models import Consult
from wijkregie.testing import login, make_persoon


def test_the_casus_page_shows_each_members_team_consent(client, world):
    moeder = make_persoon(world, "Anouk", "Visser", team=world.team_noord, regisseur=world.medewerker,
                          geboortedatum=datetime.date(1985, 3, 1))
    huishouden = Lidmaatschap.objects.get(persoon=moeder).huishouden
    vandaag = timezone.localdate()
    daan = persoon_create(
        actor=world.medewerker,
        persoon=Persoon(
            voornamen="Daan",
            achternaam="Visser",
            geboortedatum=vandaag.replace(year=vandaag.year - 14) - datetime.timedelta(days=9),
        ),
        huishouden=huishouden,
        relatie="kind",
    )
    casus = Casus.objects.get(huishouden=huishouden)
    login(client, world.medewerker)
    page = client.get(f"/casussen/{casus.pk}/").content.decode()
    assert "Huishouden en toestemming" in page and "Daan Visser" in page
    assert "alleen direct betrokkenen zien deze casus" in page and "ontbreekt" in page
    Toestemming.objects.create(gemeente=world.den_helder, persoon=daan, scope="team", gegeven_als="zelf")
    Toestemming.objects.create(
        gemeente=world.den_helder, persoon=daan, scope="team", gegeven_als="gezag", gegeven_door=moeder
    )
    Lidmaatschap.objects.filter(persoon=moeder).update(gezag=True)
    page = client.get(f"/casussen/{casus.pk}/").content.decode()
    assert "Iedereen gaf toestemming" in page and "ontbreekt" not in page
    # A consulted gedragswetenschapper reads the file, not the consents.
    Consult.objects.create(gemeente=world.den_helder, casus=casus, gevraagd_aan=world.gedragswetenschapper, vraag="?")
    login(client, world.gedragswetenschapper)
    response = client.get(f"/casussen/{casus.pk}/")
    assert response.status_code == 200 and "Huishouden en toestemming" not in response.content.decode()
