"""The household's ZRM in one form: every member × every life domain, one save, only what changed."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.models import Persoon
from wijkregie.plan import services
from wijkregie.plan.models import ZrmScore
from wijkregie.testing import login, make_persoon

from .huishouden import cel, leefgebied, voeg_gezin_toe

URL = "/casussen/{}/vraagverheldering/"
ZRM_URL = "/casussen/{}/vraagverheldering/zrm/"


@pytest.fixture
def gezin(world, casus):
    return voeg_gezin_toe(world, casus)


def _grid(world, gezin, waarden: dict[tuple[str, str], str]) -> dict:
    """A POST of the grid: every member × Financiën and Huisvesting, `waarden` by (voornaam, leefgebied)."""
    data = {"zrm-datum": datetime.date.today().isoformat()}
    for persoon in gezin:
        for naam in ("Financiën", "Huisvesting"):
            data[cel(persoon, leefgebied(world, naam))] = waarden.get((persoon.voornamen, naam), "")
    return data


def _initial(content: str) -> dict:
    """What the page prefills: the selected option of every cell of the grid."""
    return dict(
        re.findall(
            r'<select name="(zrm-zrm_\d+_\d+)"[^>]*>(?:(?!</select>).)*?<option value="(\d)" selected', content, re.S
        )
    )


def test_it_shows_every_member_with_a_labelled_select_per_life_domain(client, world, casus, gezin):
    login(client, world.medewerker)
    content = client.get(URL.format(casus.pk)).content.decode()
    for persoon in gezin:
        assert f'<th scope="col">{persoon.naam}' in content
        assert f"ZRM Financiën voor {persoon.naam}" in content
    assert "Partner" in content and "Kind" in content
    assert content.count('<select name="zrm-zrm_') == 3 * 13  # the 13 ZRM domains of Den Helder


def test_it_writes_all_changed_cells_in_one_save_with_one_audit_event(client, world, casus, gezin):
    login(client, world.medewerker)
    voor = AuditEvent.objects.filter(object_type="plan.zrmscore", actie="C").count()
    waarden = {("Pieter", "Financiën"): "2", ("Sara", "Financiën"): "3", ("Tim", "Financiën"): "4",
               ("Pieter", "Huisvesting"): "3", ("Sara", "Huisvesting"): "3"}
    data = _grid(world, gezin, waarden) | {
        f"zrm-visie_{gezin[1].pk}": "Ik wil weer werken.",
        f"zrm-kracht_{gezin[1].pk}": "Zus helpt",
    }
    response = client.post(ZRM_URL.format(casus.pk), data)
    assert response.status_code == 302
    assert ZrmScore.objects.filter(casus=casus).count() == 5
    assert ZrmScore.objects.get(persoon=gezin[2], leefgebied__naam="Financiën").niveau == 4
    assert set(ZrmScore.objects.filter(persoon=gezin[1]).values_list("eigen_visie", "eigen_kracht")) == {
        ("Ik wil weer werken.", "Zus helpt")
    }
    assert set(ZrmScore.objects.filter(persoon=gezin[0]).values_list("eigen_visie", "eigen_kracht")) == {("", "")}
    events = AuditEvent.objects.filter(object_type="plan.zrmscore", actie="C")
    assert events.count() == voor + 1
    assert events.last().omschrijving == "5 ZRM-scores voor 3 gezinsleden"
    content = client.get(URL.format(casus.pk)).content.decode()
    assert "5 scores zijn vastgelegd." in content
    # Sara's words, given with two scores of one conversation, are shown once with both life domains.
    assert content.count("Ik wil weer werken.") == 1
    assert "Financiën, Huisvesting:" in content and "Zus helpt" in content


def test_an_unchanged_grid_writes_nothing_and_one_changed_cell_writes_one_score(client, world, casus, gezin):
    login(client, world.medewerker)
    client.post(
        ZRM_URL.format(casus.pk), _grid(world, gezin, {("Pieter", "Financiën"): "2", ("Tim", "Huisvesting"): "5"})
    )
    assert ZrmScore.objects.count() == 2
    events = AuditEvent.objects.count()
    # Submit what the page prefills, unchanged.
    prefilled = _initial(client.get(URL.format(casus.pk)).content.decode())
    assert prefilled == {
        cel(gezin[0], leefgebied(world, "Financiën")): "2",
        cel(gezin[2], leefgebied(world, "Huisvesting")): "5",
    }
    response = client.post(ZRM_URL.format(casus.pk), {"zrm-datum": datetime.date.today().isoformat(), **prefilled})
    assert response.status_code == 302 and ZrmScore.objects.count() == 2
    assert AuditEvent.objects.filter(object_type="plan.zrmscore", actie="C").count() == 1  # only the first save
    assert "Er is geen score veranderd" in client.get(URL.format(casus.pk)).content.decode()
    events = AuditEvent.objects.count()
    client.post(ZRM_URL.format(casus.pk), {"zrm-datum": datetime.date.today().isoformat(),
                                       **prefilled, cel(gezin[0], leefgebied(world, "Financiën")): "3"})
    assert ZrmScore.objects.count() == 3
    assert ZrmScore.objects.filter(persoon=gezin[0]).order_by("pk").last().niveau == 3
    assert AuditEvent.objects.count() > events


def test_a_bad_cell_saves_nothing_says_why_at_the_cell_and_keeps_what_was_typed(client, world, casus, gezin):
    login(client, world.medewerker)
    tim_financien = cel(gezin[2], leefgebied(world, "Financiën"))
    response = client.post(
        ZRM_URL.format(casus.pk), _grid(world, gezin, {("Pieter", "Financiën"): "2", ("Tim", "Financiën"): "9"})
    )
    assert response.status_code == 200 and ZrmScore.objects.count() == 0
    content = response.content.decode()
    fout = re.search(rf'<td class="wr-field--invalid">\s*<label for="id_{tim_financien}"[^>]*>[^<]*</label>\s*'
                     rf'<p class="wr-field-error" id="id_{tim_financien}_error">([^<]*)</p>', content)
    assert fout and fout[1] == "Kies een niveau van 1 tot en met 5."
    assert f'<select name="{tim_financien}" aria-invalid="true" aria-describedby="id_{tim_financien}_error"' in content
    # Pieter's 2 is still chosen.
    assert _initial(content)[cel(gezin[0], leefgebied(world, "Financiën"))] == "2"


def test_a_score_of_someone_outside_the_household_is_refused_and_nothing_saved(client, world, casus, gezin):
    vreemde = make_persoon(world, "Kees", "Vreemd")
    login(client, world.medewerker)
    data = _grid(world, gezin, {("Pieter", "Financiën"): "2"}) | {cel(vreemde, leefgebied(world, "Financiën")): "1"}
    response = client.post(ZRM_URL.format(casus.pk), data)
    assert response.status_code == 200 and ZrmScore.objects.count() == 0
    assert "niet (meer) bij dit huishouden hoort" in response.content.decode()
    # The service refuses it too, whoever calls it.
    score = ZrmScore(persoon=vreemde, leefgebied=leefgebied(world, "Financiën"), niveau=1)
    with pytest.raises(ValidationError):
        services.zrm_scores_record(actor=world.medewerker, casus=casus, scores=[
            ZrmScore(persoon=gezin[0], leefgebied=leefgebied(world, "Financiën"), niveau=2), score])
    assert ZrmScore.objects.count() == 0


def test_a_scored_cell_cannot_be_emptied_and_a_view_needs_a_score(client, world, casus, gezin):
    login(client, world.medewerker)
    client.post(ZRM_URL.format(casus.pk), _grid(world, gezin, {("Pieter", "Financiën"): "2"}))
    response = client.post(
        ZRM_URL.format(casus.pk), _grid(world, gezin, {}) | {f"zrm-visie_{gezin[2].pk}": "Gaat goed"}
    )
    content = response.content.decode()
    assert "een eerdere score wissen kan niet" in content
    assert "Kies eerst een niveau voor Tim Jansen: deze tekst wordt alleen bewaard bij een nieuwe" in content
    assert "Gaat goed" in content and ZrmScore.objects.count() == 1


def test_a_new_score_is_dated_by_the_conversation_never_in_the_future_or_before_the_last(client, world, casus, gezin):
    login(client, world.medewerker)
    eerder = datetime.date.today() - datetime.timedelta(days=40)
    client.post(
        ZRM_URL.format(casus.pk),
        _grid(world, gezin, {("Pieter", "Financiën"): "2"}) | {"zrm-datum": eerder.isoformat()},
    )
    assert ZrmScore.objects.get().datum == eerder
    assert "ouder dan 30 dagen" in client.get(URL.format(casus.pk)).content.decode()
    te_vroeg = _grid(world, gezin, {("Pieter", "Financiën"): "3"}) | {
        "zrm-datum": (eerder - datetime.timedelta(days=1)).isoformat()
    }
    assert "kan niet van eerder zijn" in client.post(ZRM_URL.format(casus.pk), te_vroeg).content.decode()
    toekomst = _grid(world, gezin, {("Pieter", "Financiën"): "3"}) | {"zrm-datum": "2999-01-01"}
    assert (
        "Een score kan niet in de toekomst liggen." in client.post(ZRM_URL.format(casus.pk), toekomst).content.decode()
    )
    assert ZrmScore.objects.count() == 1


@pytest.mark.parametrize("wie", ["collega", "andere_teamlid", "buitenstaander"])
def test_it_gives_nothing_to_who_has_no_need_to_know(client, world, casus, gezin, wie):
    """The colleague in the team without the household's consent, another team, another gemeente."""
    login(client, getattr(world, wie))
    assert client.get(URL.format(casus.pk)).status_code == 404
    grid = _grid(world, gezin, {("Pieter", "Financiën"): "2"})
    assert client.post(ZRM_URL.format(casus.pk), grid).status_code == 404
    assert ZrmScore.objects.count() == 0


def test_a_consulent_reads_the_household_table_and_cannot_save(client, world, casus, gezin):
    services.zrm_scores_record(actor=world.medewerker, casus=casus, scores=[
        ZrmScore(persoon=gezin[1], leefgebied=leefgebied(world, "Financiën"), niveau=3)])
    services.consult_request(actor=world.medewerker, casus=casus, aan=world.gedragswetenschapper, vraag="Meekijken?")
    login(client, world.gedragswetenschapper)
    content = client.get(URL.format(casus.pk)).content.decode()
    assert "3 beperkt zelfredzaam" in content and "Sara Jansen" in content
    assert 'name="zrm-' not in content and "Scores opslaan" not in content
    grid = _grid(world, gezin, {("Pieter", "Financiën"): "2"})
    assert client.post(ZRM_URL.format(casus.pk), grid).status_code == 403


def test_every_member_shown_is_audited(client, world, casus, gezin):
    login(client, world.medewerker)
    client.get(URL.format(casus.pk))
    getoond = set(AuditEvent.objects.filter(object_type="plan.zrmscore", actie="R").values_list("client_id", flat=True))
    assert getoond == {gezin[1].pk, gezin[2].pk}  # the hoofdpersoon is in the casus' own event
    assert Persoon.objects.count() >= 3
