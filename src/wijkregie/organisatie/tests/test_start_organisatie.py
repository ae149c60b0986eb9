"""The start page reads the organisation's lists in one query (issue 17): the user's own memberships, mandaten and
focuswijken, and for those who plan the teams' work the gemeente's teams with their hours. Each is what its
queryset read on its own would be: the same rows, the same validity of each mandaat (which looks at the holder's
employer, at the mandaat it derives from and that one's holder), the same hours per team on the day."""

import datetime
from decimal import Decimal

from django.db import connection
from django.db.models import Q, Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkregie.organisatie import selectors
from wijkregie.organisatie.models import Mandaat, Team, Teamlid


def test_one_query_reads_what_the_lists_would(world):
    mb1 = Mandaat.objects.get(besluit="MB-1")
    Mandaat.objects.create(gemeente=world.den_helder, houder=world.medewerker, verlener="Directeur", besluit="OM-7",
                           ondermandaat_van=mb1, wmo=True, geldig_van=datetime.date(2025, 1, 1),
                           geldig_tot=datetime.date(2025, 12, 31), bevestigd_op=datetime.date(2025, 1, 1))
    Mandaat.objects.create(gemeente=world.den_helder, houder=world.collega, verlener="College van B&W",
                           besluit="MB-9", wmo=True, geldig_van=datetime.date(2024, 1, 1))
    world.medewerker.focuswijken.add(world.zuid)
    world.collega.focuswijken.add(world.noord)
    vandaag = timezone.localdate()
    assert world.medewerker.rollen  # read once per request by every page already
    with CaptureQueriesContext(connection) as ctx:
        org = selectors.start_organisatie(world.medewerker, peildatum=vandaag)
        geldig = {m.besluit: (m.geldig_op(vandaag), m.geldig_op(datetime.date(2025, 6, 1)), m.vereist_bevestiging)
                  for m in org.mandaten}
        teams = [(lid.team.naam, lid.team.slug, lid.uren_per_week) for lid in org.leden]
        wijken = [(w.naam, w.slug, str(w)) for w in org.focuswijken]
    assert len(ctx.captured_queries) == 1

    eigen = list(selectors.mandaten_visible_to(world.medewerker).filter(houder=world.medewerker))
    assert [m.pk for m in org.mandaten] == [m.pk for m in eigen]
    assert {m.besluit for m in org.mandaten} == {"MB-2", "OM-7"}
    assert geldig == {m.besluit: (m.geldig_op(vandaag), m.geldig_op(datetime.date(2025, 6, 1)),
                                  m.vereist_bevestiging) for m in eigen}
    assert geldig["OM-7"][1] != geldig["OM-7"][0]  # valid in 2025 only: the comparison means something
    per_besluit = {m.besluit: m for m in org.mandaten}
    assert per_besluit["OM-7"].ondermandaat_van.houder.username == world.backoffice.username
    assert per_besluit["MB-2"].ondermandaat_van is None
    sanne = world.medewerker
    eigen_leden = selectors.teamleden_visible_to(sanne, peildatum=vandaag).filter(medewerker=sanne)
    assert teams == [(lid.team.naam, lid.team.slug, lid.uren_per_week) for lid in eigen_leden]
    assert teams  # Sanne is in a team
    # Their own focuswijken, in the relation's order (by name), not a colleague's.
    assert wijken == [(w.naam, w.slug, str(w)) for w in sanne.focuswijken.all()]
    assert [naam for naam, _s, _t in wijken] == ["Julianadorp", "Nieuw Den Helder"]
    # Their own only, and no password hash read with the holder's name.
    assert "password" not in org.mandaten[0].houder.__dict__
    # A medewerker does not plan the teams' work: no teams read.
    assert org.teams is None


def _uren_op(team, dag):
    huidig = Q(sinds__lte=dag) & (Q(tot__isnull=True) | Q(tot__gte=dag))
    return Teamlid.objects.filter(huidig, team=team).aggregate(s=Sum("uren_per_week"))["s"] or Decimal(0)


def test_teams_with_their_hours_on_the_day_for_who_plans_them(world):
    # A membership that ended and one that has not begun count on the days they are in force only.
    Teamlid.objects.create(gemeente=world.den_helder, team=world.team_noord, medewerker=world.beheerder,
                           uren_per_week=Decimal("12.5"), sinds=datetime.date(2020, 1, 1),
                           tot=datetime.date(2024, 6, 30))
    Teamlid.objects.create(gemeente=world.den_helder, team=world.team_noord, medewerker=world.kcc,
                           uren_per_week=Decimal("8"), sinds=datetime.date(2099, 1, 1))
    leeg = Team.objects.create(gemeente=world.den_helder, naam="Team Leeg", slug="team-leeg")
    world.bureaudienst.focuswijken.add(world.noord)
    assert world.bureaudienst.rollen  # read once per request by every page already
    for dag in (timezone.localdate(), datetime.date(2024, 6, 30), datetime.date(2099, 1, 1)):
        with CaptureQueriesContext(connection) as ctx:
            org = selectors.start_organisatie(world.bureaudienst, peildatum=dag)
            uren = [(t.naam, t.slug, t.uren) for t in org.teams]
            wijken = [w.slug for w in org.focuswijken]
        assert len(ctx.captured_queries) == 1
        # The gemeente's teams only, by name, each with the hours of its memberships in force that day.
        assert uren == [(t.naam, t.slug, _uren_op(t, dag)) for t in Team.objects.filter(gemeente=world.den_helder)]
        assert [t for t, _s, _u in uren] == ["Team Leeg", "Team Noord", "Team Zuid"]
        assert wijken == ["nieuw-den-helder"]
    assert [t.uren for t in org.teams if t.pk == leeg.pk] == [Decimal(0)]
    assert all(type(t.uren) is Decimal for t in org.teams)  # as the form shows it (floatformat), not a float
    assert _uren_op(world.team_noord, datetime.date(2024, 6, 30)) != _uren_op(world.team_noord, timezone.localdate())
    assert _uren_op(world.team_noord, datetime.date(2099, 1, 1)) != _uren_op(world.team_noord, timezone.localdate())


def test_another_gemeentes_focuswijk_and_teams_are_not_read(world):
    world.buitenstaander.focuswijken.add(world.noord)  # a wrong link across gemeenten stays invisible
    org = selectors.start_organisatie(world.buitenstaander, peildatum=timezone.localdate())
    assert [w.slug for w in org.focuswijken] == []
    assert [t.slug for t in org.teams] == ["team-dorp"]


def test_the_start_page_shows_the_teams_hours_only_to_who_plans_them(client, world):
    from django.urls import reverse

    from wijkregie.testing import login

    for persona, ziet in (("bureaudienst", True), ("gedragswetenschapper", True), ("medewerker", False)):
        login(client, getattr(world, persona))
        pagina = client.get(reverse("start")).content.decode()
        # Team Noord's hours: Sanne's 32 and Pieter's 24; only who plans the teams' work sees every team's.
        assert ("Team Noord</a> · 56 uur per week" in pagina) is ziet, persona
        client.logout()
