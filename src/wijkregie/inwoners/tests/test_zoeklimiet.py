"""Harvesting residents through search is limited: specific queries for gemeente-wide roles, a rate
limit per user with an alert to the privacy officer, and no BSN in a URL."""

import pytest
from django.core.cache import cache

from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.zoeklimiet import personen_zoeken_beperkt, te_algemeen
from wijkregie.testing import login, make_persoon


@pytest.fixture(autouse=True)
def _lege_tellers():
    cache.clear()


@pytest.mark.parametrize("zoek", ["ja", "jansen", "a b", "12", "1784", "1784 1784", "1784 a", "1784AB 1784AB",
                                  "jansen jansen", "p jansen", "de jansen", "12-03-1980", "12-03-1980 ab"])
def test_a_gemeente_wide_role_must_name_one_person(world, zoek):
    make_persoon(world, "Pieter", "Jansen", postcode="1784AB", geboortedatum="1980-03-12", bsn="111222333")
    resultaat = personen_zoeken_beperkt(world.kcc, zoek)
    assert resultaat.personen == [] and "Zoek specifieker" in resultaat.fout


@pytest.mark.parametrize("zoek", ["pieter jansen", "jansen 12-03-1980", "jansen 1784AB", "111222333"])
def test_a_specific_query_finds_the_person(world, zoek):
    make_persoon(world, "Pieter", "Jansen", postcode="1784AB", geboortedatum="1980-03-12", bsn="111222333")
    resultaat = personen_zoeken_beperkt(world.kcc, zoek)
    assert [p.achternaam for p in resultaat.personen] == ["Jansen"] and resultaat.fout == ""


def test_a_team_searches_its_own_residents_with_any_query(world):
    make_persoon(world, "Pieter", "Jansen", team=world.team_noord)
    assert te_algemeen(world.medewerker, "ja") == ""
    assert [p.achternaam for p in personen_zoeken_beperkt(world.medewerker, "jansen").personen] == ["Jansen"]


def test_too_many_searches_are_refused_and_the_privacy_officer_is_alerted(world, settings):
    settings.ZOEKLIMIET_PER_UUR = 3
    make_persoon(world, "Pieter", "Jansen")
    for _ in range(3):
        assert personen_zoeken_beperkt(world.kcc, "pieter jansen").personen
    geweigerd = personen_zoeken_beperkt(world.kcc, "pieter jansen")
    assert geweigerd.personen == [] and "privacyfunctionaris" in geweigerd.fout
    personen_zoeken_beperkt(world.kcc, "pieter jansen")
    alarmen = AuditEvent.objects.filter(object_type="beveiliging.zoeklimiet", actor_id=world.kcc.pk)
    assert alarmen.count() == 1 and alarmen.get().resultaat == "geweigerd"  # one alert per hour, not per search


def test_too_many_distinct_residents_shown_are_refused(world, settings):
    settings.RESULTATENLIMIET_PER_UUR = 3
    for naam in ("Jansen", "Janssen", "Jansens"):
        make_persoon(world, "Pieter", naam)
    # The same three again and again (a live search while typing) stay within the limit.
    for _ in range(5):
        assert len(personen_zoeken_beperkt(world.bureaudienst, "pieter jansen").personen) == 3
    make_persoon(world, "Karel", "Bakker")
    assert personen_zoeken_beperkt(world.bureaudienst, "karel bakker").fout
    assert AuditEvent.objects.filter(object_type="beveiliging.zoeklimiet").exists()


def test_every_resident_shown_is_audited_one_event_each(world):
    a = make_persoon(world, "Pieter", "Jansen")
    b = make_persoon(world, "Pieter", "Janssen")
    gevonden = {p.pk for p in personen_zoeken_beperkt(world.kcc, "pieter jansen").personen}
    assert gevonden == {a.pk, b.pk}
    events = AuditEvent.objects.filter(object_type="inwoners.persoon", omschrijving__startswith="zoekresultaat")
    assert sorted(e.client_id for e in events) == sorted(gevonden)


def test_the_search_form_posts_so_no_bsn_lands_in_a_url(client, world):
    make_persoon(world, "Pieter", "Jansen", bsn="111222333")
    login(client, world.kcc)
    pagina = client.get("/personen/").content.decode()
    assert 'method="post" action="/personen/"' in pagina and "hx-push-url" not in pagina
    response = client.post("/personen/", {"q": "111222333"})
    assert "Pieter Jansen" in response.content.decode()
    assert "111222333" not in response.get("Location", "") and response.status_code == 200


def test_the_new_person_form_does_not_reveal_an_unseen_bsn(client, world):
    onzichtbaar = make_persoon(world, "Karin", "Verborgen", bsn="111222333", team=world.team_zuid)
    login(client, world.medewerker)  # team Noord: may not see Karin
    response = client.post("/personen/nieuw/", {"voornamen": "Kees", "achternaam": "Nieuw", "bsn": "111222333",
                                                "toch_nieuw": "on"})
    assert response.status_code == 302  # registered as any new person would be: nothing tells Karin is known
    from wijkregie.inwoners.models import Persoon

    nieuw = Persoon.objects.get(achternaam="Nieuw")
    assert nieuw.bsn == "" and nieuw.bsn_te_controleren == "111222333" and nieuw.bsn_weergave == "111222333"
    pagina = client.get(response["Location"]).content.decode()
    assert "111222333" in pagina and "te controleren" not in pagina and "Verborgen" not in pagina
    poging = AuditEvent.objects.get(client_id=onzichtbaar.pk, actor_id=world.medewerker.pk)
    assert "niet getoond" in poging.omschrijving
    # The bureaudienst sees it to check.
    login(client, world.bureaudienst)
    assert "Kees Nieuw" in client.get("/bureaudienst/").content.decode()
    assert "te controleren" in client.get(response["Location"]).content.decode()


def test_a_visible_bsn_is_named_as_known(client, world):
    make_persoon(world, "Karin", "Zichtbaar", bsn="111222333", team=world.team_noord)
    login(client, world.medewerker)
    response = client.post("/personen/nieuw/", {"voornamen": "Kees", "achternaam": "Nieuw", "bsn": "111222333"})
    assert "Dit BSN is al geregistreerd" in response.content.decode()
