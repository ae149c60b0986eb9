"""The monitor's filter lists (wijken, teams, locations) are read in one statement kept per process
(monitor.selectors.filter_keuzes, issue 17): for every persona exactly what the selectors let them see, in the
order of the names; and the form shows those lists while it still checks a chosen key against the policy."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkregie.monitor import selectors
from wijkregie.monitor.forms import MonitorFilterForm
from wijkregie.organisatie.models import Locatie, Medewerker, Team
from wijkregie.organisatie.selectors import team_ids_of
from wijkregie.testing import login

PERSONAS = ("medewerker", "collega", "andere_teamlid", "bureaudienst", "kcc", "gedragswetenschapper", "backoffice",
            "beleidsmedewerker", "buitenstaander", "privacyfunctionaris", "beheerder")


def test_the_lists_are_the_selectors_for_every_persona(world):
    Locatie.objects.create(gemeente=world.den_helder, wijk=world.noord, naam="Het Baken")
    Team.objects.create(gemeente=world.den_helder, naam="Aaa-team")
    for persona in PERSONAS:
        user = getattr(world, persona)
        keuzes = selectors.filter_keuzes(user)
        verwacht = {"wijk": selectors.wijken_monitor_visible_to(user), "team": selectors.teams_monitor_visible_to(user),
                    "locatie": selectors.locaties_monitor_visible_to(user)}
        for naam, qs in verwacht.items():
            assert [o.pk for o in keuzes[naam]] == [o.pk for o in qs.order_by("naam", "pk")], (persona, naam)


def test_all_three_lists_are_one_query_once_per_request(world):
    selectors.filter_keuzes(world.beleidsmedewerker)
    user = Medewerker.objects.get(pk=world.beleidsmedewerker.pk)  # the next request's user
    assert user.rollen is not None and team_ids_of(user) is not None  # read once per request by every page
    with CaptureQueriesContext(connection) as ctx:
        keuzes = selectors.filter_keuzes(user)
    assert len(ctx.captured_queries) == 1 and keuzes["wijk"] and keuzes["team"]
    with CaptureQueriesContext(connection) as ctx:
        assert selectors.filter_keuzes(user) is keuzes  # the dashboard's links and its form: one read
    assert len(ctx.captured_queries) == 0


def test_the_form_shows_the_lists_and_checks_a_key_against_the_policy(world):
    user = world.medewerker  # a team member: only their own team in the list
    eigen = selectors.teams_monitor_visible_to(user)
    ander = Team.objects.filter(gemeente=world.den_helder).exclude(pk__in=eigen).first()
    assert ander is not None

    def form(data):
        return MonitorFilterForm(data, wijken=selectors.wijken_monitor_visible_to(user), teams=eigen,
                                 locaties=selectors.locaties_monitor_visible_to(user),
                                 keuzes=selectors.filter_keuzes(user))

    leeg = form({})
    # The kept list itself (plain keys), not the queryset read again by Django's own iterator.
    assert [k for k, _label in leeg.fields["team"].choices] == ["", *(t.pk for t in eigen)]
    assert all(type(k) is int for k, _label in leeg.fields["team"].choices[1:])
    gekozen = form({"team": str(ander.pk)})
    assert not gekozen.is_valid() and "team" in gekozen.errors


def test_the_dashboard_lists_only_the_users_own_team(client, world):
    login(client, world.medewerker)
    pagina = client.get(reverse("monitor:wijk", args=[world.noord.pk])).content.decode()
    assert f'<option value="{world.team_noord.pk}">{world.team_noord.naam}</option>' in pagina
    for team in Team.objects.filter(gemeente=world.den_helder).exclude(pk=world.team_noord.pk):
        assert f'<option value="{team.pk}">' not in pagina


def test_the_dashboards_links_are_the_visible_wijken_and_teams(client, world):
    Team.objects.create(gemeente=world.voorbeeld, naam="Team Elders")
    for persona in ("medewerker", "beleidsmedewerker"):
        login(client, getattr(world, persona))
        user = getattr(world, persona)
        pagina = client.get(reverse("monitor:wijk", args=[world.noord.pk])).content.decode()
        for naam, qs, route in (("wijk", selectors.wijken_monitor_visible_to(user), "monitor:wijk"),
                                ("team", selectors.teams_monitor_visible_to(user), "monitor:team")):
            zichtbaar = set(qs.values_list("pk", flat=True))
            for obj in (Team if naam == "team" else world.noord.__class__).objects.all():
                link = f'href="{reverse(route, args=[obj.pk])}"'
                assert (link in pagina) == (obj.pk in zichtbaar), (persona, naam, obj.naam)
        client.logout()
