"""The plan proposes what it can (issue 13): the next goal's life domain from the ZRM (lowest score without
a goal), the afspraak's goal (the last one written) and the agreement's date (today); an afspraak serves
only a goal of its own plan, and a copied plan keeps each afspraak with its copied goal."""

import datetime

from wijkregie.casus.services import casus_open
from wijkregie.organisatie.models import Leefgebied
from wijkregie.plan import selectors, services
from wijkregie.plan.models import Arrangementregel, Doel, Ondersteuningsplan, ZrmScore
from wijkregie.testing import login, make_persoon


def _plan(world):
    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    casus = casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                       huishouden=persoon.lidmaatschappen.first().huishouden, hoofdpersoon=persoon)
    plan = services.plan_create(actor=world.medewerker, casus=casus)
    gebied = {g.naam: g for g in Leefgebied.objects.filter(gemeente=world.den_helder)}
    for naam, niveau in (("Financiën", 3), ("Huisvesting", 2), ("Sociaal netwerk", 4)):
        ZrmScore.objects.create(
            gemeente=world.den_helder, casus=casus, persoon=persoon, leefgebied=gebied[naam], niveau=niveau
        )
    return casus, plan, gebied


def test_the_next_goal_is_proposed_where_the_zrm_is_lowest(world):
    casus, plan, gebied = _plan(world)
    assert selectors.volgend_leefgebied(plan, selectors.laatste_scores(casus)) == gebied["Huisvesting"].pk
    Doel.objects.create(gemeente=world.den_helder, plan=plan, leefgebied=gebied["Huisvesting"], omschrijving="Een huis")
    assert selectors.volgend_leefgebied(plan, selectors.laatste_scores(casus)) == gebied["Financiën"].pk


def test_the_plan_page_proposes_goal_afspraak_goal_and_todays_agreement(client, world):
    casus, plan, gebied = _plan(world)
    doel = Doel.objects.create(
        gemeente=world.den_helder, plan=plan, leefgebied=gebied["Huisvesting"], omschrijving="Een huis"
    )
    login(client, world.medewerker)
    content = client.get(f"/casussen/{casus.pk}/plan/").content.decode()
    assert f'<option value="{gebied["Financiën"].pk}" selected>' in content
    assert f'<option value="{doel.pk}" selected>' in content
    assert f'value="{datetime.date.today():%Y-%m-%d}"' in content


def test_an_afspraak_serves_only_a_goal_of_its_own_plan(client, world):
    casus, plan, gebied = _plan(world)
    ander_casus, ander_plan, _g = _plan(world)
    vreemd = Doel.objects.create(
        gemeente=world.den_helder, plan=ander_plan, leefgebied=gebied["Financiën"], omschrijving="X"
    )
    login(client, world.medewerker)
    response = client.post(f"/casussen/{casus.pk}/plan/{plan.versie}/afspraken/", {
        "regel-soort": "eigen_kracht", "regel-omschrijving": "Post", "regel-wie": "Zoon", "regel-doel": vreemd.pk})
    assert "Kies een doel van dit plan." in response.content.decode()
    assert not Arrangementregel.objects.filter(plan=plan).exists()


def test_a_new_version_keeps_each_afspraak_with_its_goal(world):
    casus, plan, gebied = _plan(world)
    doel = Doel.objects.create(
        gemeente=world.den_helder, plan=plan, leefgebied=gebied["Huisvesting"], omschrijving="Een huis"
    )
    Arrangementregel.objects.create(gemeente=world.den_helder, plan=plan, soort="eigen_kracht", omschrijving="Zoeken",
                                    wie="Zus", doel=doel)
    nieuw = services.plan_copy_as_version(plan, aangemaakt_door=world.medewerker)
    regel = nieuw.regels.get()
    assert regel.doel.plan == nieuw and regel.doel.omschrijving == "Een huis"
    assert Ondersteuningsplan.objects.filter(casus=casus).count() == 2
