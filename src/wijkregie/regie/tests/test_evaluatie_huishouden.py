"""An evaluation re-scores every member of the household in the vraagverheldering's grid."""

import pytest

from wijkregie.core.models import AuditEvent
from wijkregie.plan import services as plan_services
from wijkregie.plan.models import Doel, ZrmScore
from wijkregie.plan.tests.huishouden import cel, leefgebied, voeg_gezin_toe
from wijkregie.regie.models import Evaluatie
from wijkregie.testing import login


@pytest.fixture
def gezin(world, getekend):
    """Pieter, Sara and Tim; Pieter and Sara were scored on Financiën in the vraagverheldering."""
    leden = voeg_gezin_toe(world, getekend.casus)
    plan_services.zrm_scores_record(actor=world.medewerker, casus=getekend.casus, scores=[
        ZrmScore(persoon=leden[0], leefgebied=leefgebied(world, "Financiën"), niveau=2),
        ZrmScore(persoon=leden[1], leefgebied=leefgebied(world, "Financiën"), niveau=3)])
    return leden


@pytest.fixture
def evaluatie(getekend):
    return Evaluatie.objects.get(casus=getekend.casus, gehouden_op__isnull=True)


def _houden(world, getekend, gezin, cellen: dict) -> dict:
    doel = getekend.doelen.get()
    data = {"verslag": "Samen besproken", "met_inwoner": "on", f"doel_{doel.pk}": "deels"}
    for persoon in gezin:  # what the page prefills: Pieter 2 and Sara 3 on Financiën
        data[cel(persoon, leefgebied(world, "Financiën"))] = {gezin[0]: "2", gezin[1]: "3"}.get(persoon, "")
    return data | cellen


def test_it_shows_every_member_prefilled_with_the_latest_scores(client, world, getekend, gezin, evaluatie):
    login(client, world.medewerker)
    content = client.get(f"/evaluaties/{evaluatie.pk}/").content.decode()
    for persoon in gezin:
        assert f"ZRM Huisvesting voor {persoon.naam}" in content
    sara = content[content.index(f'name="{cel(gezin[1], leefgebied(world, "Financiën"))}"'):].split("</select>")[0]
    assert '<option value="3" selected>' in sara
    assert "Financiën, voor het hele huishouden: Rekeningen zelf betalen" in content


def test_holding_it_writes_only_the_changed_levels_of_every_member(client, world, getekend, gezin, evaluatie):
    login(client, world.medewerker)
    data = _houden(world, getekend, gezin, {cel(gezin[1], leefgebied(world, "Financiën")): "4",
                                           cel(gezin[2], leefgebied(world, "Sociaal netwerk")): "3"})
    response = client.post(f"/evaluaties/{evaluatie.pk}/", data)
    assert response.status_code == 302
    evaluatie.refresh_from_db()
    assert evaluatie.gehouden_op is not None
    nieuw = ZrmScore.objects.filter(casus=getekend.casus).order_by("pk")[2:]
    assert [(s.persoon_id, s.leefgebied.naam, s.niveau) for s in nieuw] == [
        (gezin[1].pk, "Financiën", 4),
        (gezin[2].pk, "Sociaal netwerk", 3),
    ]
    assert ZrmScore.objects.filter(persoon=gezin[0]).count() == 1  # Pieter's unchanged 2 is not written again
    audit = AuditEvent.objects.filter(object_type="regie.evaluatie").last()
    assert "2 ZRM-scores" in audit.omschrijving


def test_a_bad_cell_holds_nothing_and_keeps_what_was_typed(client, world, getekend, gezin, evaluatie):
    login(client, world.medewerker)
    tim = cel(gezin[2], leefgebied(world, "Financiën"))
    response = client.post(
        f"/evaluaties/{evaluatie.pk}/", _houden(world, getekend, gezin, {tim: "7", "verslag": "Mijn verslag"})
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert f'<p class="wr-field-error" id="id_{tim}_error">Kies een niveau van 1 tot en met 5.</p>' in content
    assert "Mijn verslag" in content
    evaluatie.refresh_from_db()
    assert evaluatie.gehouden_op is None and ZrmScore.objects.count() == 2


def test_a_goal_for_a_member_is_judged_as_theirs(client, world, getekend, gezin, evaluatie):
    nieuw = plan_services.plan_new_version(actor=world.medewerker, plan=getekend)
    plan_services.doel_save(
        actor=world.medewerker,
        plan=nieuw,
        doel=Doel(persoon=gezin[2], leefgebied=leefgebied(world, "Sociaal netwerk"), omschrijving="Op zwemles"),
    )
    Evaluatie.objects.filter(pk=evaluatie.pk).update(plan=nieuw)
    login(client, world.medewerker)
    assert "Sociaal netwerk, voor Tim Jansen: Op zwemles" in client.get(f"/evaluaties/{evaluatie.pk}/").content.decode()


@pytest.mark.parametrize("wie", ["collega", "andere_teamlid", "buitenstaander"])
def test_who_has_no_need_to_know_gets_nothing(client, world, getekend, gezin, evaluatie, wie):
    login(client, getattr(world, wie))
    assert client.get(f"/evaluaties/{evaluatie.pk}/").status_code == 404
    data = _houden(world, getekend, gezin, {cel(gezin[2], leefgebied(world, "Financiën")): "4"})
    assert client.post(f"/evaluaties/{evaluatie.pk}/", data).status_code == 404
    evaluatie.refresh_from_db()
    assert evaluatie.gehouden_op is None and ZrmScore.objects.count() == 2
