"""The casus page's household panel says per member whether their consent to discuss the casus in the team
is in force, by the age rules, read with the members in one query (issue 17): the same verdict as
casus.toestemming.zonder_toestemming gives for each of them."""

import datetime

from django.test import Client

from wijkregie.casus.models import Casus, Toestemming
from wijkregie.casus.toestemming import casus_leden, zonder_toestemming
from wijkregie.inwoners.models import Lidmaatschap, Persoon
from wijkregie.testing import login, make_persoon


def _lid(world, casus, voornaam: str, geboren: datetime.date, relatie: str, *gegeven_als: str) -> Persoon:
    """A member of the casus' household with team consents given as `gegeven_als` (a parent's by the hoofdpersoon)."""
    persoon = Persoon.objects.create(gemeente=world.den_helder, voornamen=voornaam, achternaam="Jansen",
                                     geboortedatum=geboren)
    Lidmaatschap.objects.create(gemeente=world.den_helder, persoon=persoon, huishouden=casus.huishouden,
                                relatie=relatie)
    for als in gegeven_als:
        Toestemming.objects.create(gemeente=world.den_helder, persoon=persoon, scope="team", gegeven_als=als,
                                   gegeven_door=casus.hoofdpersoon if als == "gezag" else None)
    return persoon


def test_it_shows_each_members_consent_as_the_age_rules_judge_it(world):
    hoofd = make_persoon(world, "Pieter", "Jansen", team=world.team_noord, regisseur=world.medewerker,
                         geboortedatum=datetime.date(1980, 3, 12))
    casus = Casus.objects.get(hoofdpersoon=hoofd)
    vandaag = datetime.date.today()
    leden = {
        "Sara": _lid(world, casus, "Sara", datetime.date(1982, 6, 1), "partner"),  # none: missing
        "Eva": _lid(world, casus, "Eva", vandaag.replace(year=vandaag.year - 14), "kind", "zelf"),  # 14: parent too
        "Tim": _lid(world, casus, "Tim", vandaag.replace(year=vandaag.year - 8), "kind", "gezag"),  # 8: parent's
        "Bo": _lid(world, casus, "Bo", vandaag.replace(year=vandaag.year - 13), "kind", "zelf", "gezag"),
    }
    response = login(Client(), world.medewerker).get(f"/casussen/{casus.pk}/")
    assert response.status_code == 200
    rijen = {r["persoon"].pk: r["team"] for r in response.context["huishouden"].context["rijen"]}
    zonder = {p.pk for p in zonder_toestemming(casus_leden(casus), scope="team")}
    assert rijen == {p.pk: p.pk not in zonder for p in casus_leden(casus)}
    assert rijen == {hoofd.pk: True, leden["Sara"].pk: False, leden["Eva"].pk: False, leden["Tim"].pk: True,
                     leden["Bo"].pk: True}
    assert [r["relatie"] for r in response.context["huishouden"].context["rijen"]][0] == "Hoofdbewoner"
