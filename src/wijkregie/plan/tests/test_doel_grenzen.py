"""A goal's target date lies ahead, and its priority is 1 to 9 with one message for every wrong value
(issue 13, fault 2: a streefdatum in 2019 was accepted; −3 said "minstens 0" but 0 said "minstens 1")."""

import datetime

import pytest
from django.utils import timezone

from wijkregie.plan import services
from wijkregie.plan.forms import DoelForm
from wijkregie.plan.models import Doel
from wijkregie.testing import login

from .huishouden import leefgebied


@pytest.fixture
def concept(world, casus):
    return services.plan_create(actor=world.medewerker, casus=casus)


def _doel(world, **velden) -> dict:
    return {"doel-persoon": "", "doel-leefgebied": leefgebied(world, "Financiën").pk,
            "doel-omschrijving": "Rekeningen zelf betalen", "doel-prioriteit": 1,
            **{f"doel-{k}": v for k, v in velden.items()}}


def _veldfout(content: str, veld: str) -> str:
    start = content.index(f'id="id_doel-{veld}_error"')
    return content[start:content.index("</p>", start)]


def test_it_refuses_a_streefdatum_in_2019(client, world, casus, concept):
    login(client, world.medewerker)
    content = client.post(
        f"/casussen/{casus.pk}/plan/{concept.versie}/doelen/", _doel(world, streefdatum="2019-06-01")
    ).content.decode()
    assert "De streefdatum ligt in het verleden" in _veldfout(content, "streefdatum")
    assert not Doel.objects.exists()
    volgend_jaar = (timezone.localdate() + datetime.timedelta(days=365)).isoformat()
    assert (
        client.post(
            f"/casussen/{casus.pk}/plan/{concept.versie}/doelen/", _doel(world, streefdatum=volgend_jaar)
        ).status_code
        == 302
    )


@pytest.mark.parametrize("prioriteit", ["-3", "0", "10", "twee"])
def test_every_wrong_priority_gets_the_same_message(client, world, casus, concept, prioriteit):
    login(client, world.medewerker)
    content = client.post(
        f"/casussen/{casus.pk}/plan/{concept.versie}/doelen/", _doel(world, prioriteit=prioriteit)
    ).content.decode()
    assert _veldfout(content, "prioriteit").endswith(
        "Kies een prioriteit van 1 tot en met 9 (1 is het belangrijkst).")
    assert "minstens" not in content
    assert not Doel.objects.exists()


def test_an_unchanged_streefdatum_that_has_passed_does_not_block_editing(world, casus, concept):
    doel = Doel.objects.create(gemeente=world.den_helder, plan=concept, leefgebied=leefgebied(world, "Financiën"),
                               omschrijving="Oud doel", streefdatum=datetime.date(2020, 1, 1))
    form = DoelForm({"leefgebied": doel.leefgebied_id, "omschrijving": "Oud doel, anders gezegd", "prioriteit": 9,
                     "streefdatum": "2020-01-01"}, instance=doel, gemeente=world.den_helder,
                    leden=casus.hoofdpersoon.__class__.objects.none())
    assert form.is_valid(), form.errors
