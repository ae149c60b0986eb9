"""casus_lid_q is casus_lid_ids as a query condition (issue 17): the household's current members and the
hoofdpersoon, never a member who left, a member of another household, or anyone when there is no household."""

import datetime

from wijkregie.casus.models import Casus
from wijkregie.casus.toestemming import casus_lid_ids, casus_lid_q
from wijkregie.inwoners.models import Huishouden, Lidmaatschap, Persoon
from wijkregie.testing import make_persoon


def _persoon(world, voornaam: str) -> Persoon:
    return Persoon.objects.create(gemeente=world.den_helder, voornamen=voornaam, achternaam="Bakker",
                                  geboortedatum=datetime.date(1990, 1, 1))


def test_it_selects_the_same_persons_as_casus_lid_ids(world):
    hoofd = make_persoon(world, "Anna", "Bakker", team=world.team_noord, regisseur=world.medewerker)
    casus = Casus.objects.get(hoofdpersoon=hoofd)
    kind, vertrokken, elders = _persoon(world, "Kind"), _persoon(world, "Vertrokken"), _persoon(world, "Elders")
    Lidmaatschap.objects.create(gemeente=world.den_helder, persoon=kind, huishouden=casus.huishouden, relatie="kind")
    Lidmaatschap.objects.create(gemeente=world.den_helder, persoon=vertrokken, huishouden=casus.huishouden,
                                relatie="overig", van=datetime.date(2020, 1, 1), tot=datetime.date(2021, 1, 1))
    ander = Huishouden.objects.create(gemeente=world.den_helder)
    Lidmaatschap.objects.create(gemeente=world.den_helder, persoon=elders, huishouden=ander, relatie="overig")

    gekozen = set(Persoon.objects.filter(casus_lid_q(casus)).values_list("pk", flat=True))
    assert gekozen == casus_lid_ids(casus)
    assert kind.pk in gekozen and hoofd.pk in gekozen
    assert not gekozen & {vertrokken.pk, elders.pk}


def test_it_is_the_hoofdpersoon_alone_without_a_household(world):
    hoofd = make_persoon(world, "Bram", "Bakker", team=world.team_noord, regisseur=world.medewerker)
    casus = Casus.objects.get(hoofdpersoon=hoofd)
    casus.huishouden_id = None  # in memory: a casus of one person, as casus_lid_ids reads it
    assert set(Persoon.objects.filter(casus_lid_q(casus)).values_list("pk", flat=True)) == {hoofd.pk}
    casus.hoofdpersoon_id = None
    assert not Persoon.objects.filter(casus_lid_q(casus)).exists()
