"""Who sees which dashboard: policy users all of their own gemeente, team members their own team and its
wijken, the outsider and roles without monitor nothing (404 for objects of another gemeente)."""

import pytest
from django.urls import reverse

from wijkregie.testing import login


def test_policy_officer_sees_gemeente_wijk_and_team(client, world, cijfers):
    login(client, world.beleidsmedewerker)
    for url in (reverse("monitor:overzicht"), reverse("monitor:wijk", args=[world.noord.pk]),
                reverse("monitor:team", args=[world.team_zuid.pk])):
        r = client.get(url)
        assert r.status_code == 200, url
        assert "Voorbeeldgemeente" not in r.content.decode() and "Dorp" not in r.content.decode()


def test_team_member_lands_on_own_team_and_cannot_open_another(client, world, cijfers):
    login(client, world.medewerker)
    r = client.get(reverse("monitor:overzicht"))
    assert r.status_code == 302 and r.url == reverse("monitor:team", args=[world.team_noord.pk])
    assert client.get(reverse("monitor:team", args=[world.team_noord.pk])).status_code == 200
    assert client.get(reverse("monitor:wijk", args=[world.noord.pk])).status_code == 200
    assert client.get(reverse("monitor:team", args=[world.team_zuid.pk])).status_code == 404
    assert client.get(reverse("monitor:wijk", args=[world.zuid.pk])).status_code == 404
    # Asking the export for the whole gemeente is refused, for the own team it is fine.
    assert client.get(reverse("monitor:export", args=["csv"])).status_code == 403
    assert client.get(reverse("monitor:export", args=["csv"]), {"team": world.team_zuid.pk}).status_code == 403
    assert client.get(reverse("monitor:export", args=["csv"]), {"team": world.team_noord.pk}).status_code == 200


@pytest.mark.parametrize("naam", ["backoffice", "privacyfunctionaris", "kcc", "beheerder"])
def test_roles_without_monitor_get_nothing(client, world, cijfers, naam):
    login(client, getattr(world, naam))
    assert client.get(reverse("monitor:overzicht")).status_code == 403
    assert client.get(reverse("monitor:team", args=[world.team_noord.pk])).status_code == 404
    assert client.get(reverse("monitor:export", args=["xlsx"])).status_code == 403
    assert client.get(reverse("monitor:rapport")).status_code == 403
    assert client.get(reverse("monitor:onderzoek")).status_code == 403


def test_outsider_gets_nothing_of_den_helder(client, world, cijfers):
    login(client, world.buitenstaander)  # every role, in Voorbeeldgemeente
    for url in (reverse("monitor:wijk", args=[world.noord.pk]), reverse("monitor:team", args=[world.team_noord.pk])):
        assert client.get(url).status_code == 404
    r = client.get(reverse("monitor:overzicht"))
    assert r.status_code == 200
    tekst = r.content.decode()
    assert "Den Helder" not in tekst and "Team Noord" not in tekst and "Nieuw Den Helder" not in tekst
    # Filtering on Den Helder's team through the query string is refused, with a reason and no figures.
    export = client.get(reverse("monitor:export", args=["csv"]), {"team": world.team_noord.pk})
    assert export.status_code == 400 and "Team" in export.content.decode()
    eigen = client.get(reverse("monitor:export", args=["csv"])).content.decode("utf-8-sig")
    assert "partner" not in eigen and "e-mail" not in eigen and "inloop;6;" in eigen


def test_anonymous_is_sent_to_login(client, world):
    r = client.get(reverse("monitor:overzicht"))
    assert r.status_code == 302 and "/inloggen/" in r.url
