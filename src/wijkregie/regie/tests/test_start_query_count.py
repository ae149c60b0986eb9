"""The start page (werkvoorraad) reads a fixed number of queries, however much work is due (issue 7)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkregie.casus.services import casus_open
from wijkregie.core.middleware import TRANSACTION_CONTROL
from wijkregie.organisatie.models import Rol
from wijkregie.plan.models import Ondersteuningsplan
from wijkregie.regie.models import CheckIn, Evaluatie, Herinnering
from wijkregie.testing import login, make_medewerker, make_persoon
from wijkregie.toegang.models import Aanmelding, AanmeldingStatus, Triage

# What `make bench` counts: statements that read or write, not BEGIN/SAVEPOINT/RELEASE/COMMIT.
# Two of them read, once per request, which of the team's casussen and aanmeldingen every member consents
# to discuss in the team (casus.selectors.team_toestemming_ids): cheaper than compiling that rule into each list.
# One reads the regisseur's indications that end within eight weeks (the backoffice's start card, issue 19),
# one the running casussen the contact line offers (issue 13).
MAX_QUERIES = 19
# The budget for every page, met by the start page of a medewerker who also takes bureaudienst or
# teamleider shifts (the most blocks on one page) even when the session's idle timer is due (written once
# a minute) on that request.
PAGINA_BUDGET = 15


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/")
    assert response.status_code == 200
    return sum(1 for q in ctx.captured_queries if not TRANSACTION_CONTROL.match(q["sql"]))


def _more_work(world, getekend, n):
    for i in range(n):
        persoon = make_persoon(world, f"Extra{i}", "Test", team=world.team_noord)
        casus = casus_open(
            actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker, hoofdpersoon=persoon
        )
        Evaluatie.objects.create(gemeente=world.den_helder, casus=casus, plan=getekend, gepland_op=timezone.localdate())
        CheckIn.objects.create(
            gemeente=world.den_helder, casus=casus, medewerker=world.medewerker, gepland_op=timezone.localdate()
        )
        Ondersteuningsplan.objects.create(gemeente=world.den_helder, casus=casus)
        Herinnering.objects.create(gemeente=world.den_helder, medewerker=world.medewerker, casus=casus,
                                   sleutel=f"test:{casus.pk}", tekst="Evaluatie is te laat")
        aanmelding = Aanmelding.objects.create(
            gemeente=world.den_helder, kanaal="telefoon", vraag="Hulp", persoon=persoon, team=world.team_noord,
            medewerker=world.medewerker, status=AanmeldingStatus.TOEGEDEELD,
            ontvangen_op=timezone.now() - datetime.timedelta(days=1),
        )
        Triage.objects.create(gemeente=world.den_helder, aanmelding=aanmelding, urgentie="acuut", veiligheid="ja",
                              aard="meervoudig_zonder", uitkomst="veiligheid")


def test_it_reads_a_fixed_number_of_queries_however_long_the_werkvoorraad(client, world, getekend):
    login(client, world.medewerker)
    client.get("/")  # the first page of a session writes the session's idle timer; later pages do not
    _more_work(world, getekend, 1)
    weinig = _queries(client)
    _more_work(world, getekend, 30)
    veel = _queries(client)
    content = client.get("/").content.decode()
    assert content.count("Extra2") > 3  # the lists are really on the page
    assert veel == weinig <= MAX_QUERIES


def test_it_stays_within_the_bound_with_djangos_own_count(client, world, getekend, django_assert_max_num_queries):
    login(client, world.medewerker)
    client.get("/")
    _more_work(world, getekend, 5)
    # Django's count includes the savepoint pair of the audit event's transaction in a test.
    with django_assert_max_num_queries(MAX_QUERIES + 2):
        client.get("/")


def test_a_medewerker_on_bureaudienst_or_teamleider_duty_stays_within_the_page_budget(client, world, getekend):
    _more_work(world, getekend, 3)
    for rol in (Rol.BUREAUDIENST, Rol.TEAMLEIDER):
        user = make_medewerker(world.den_helder, f"ook_{rol}", Rol.MEDEWERKER, rol, team=world.team_noord)
        login(client, user)
        client.get("/")
        sessie = client.session
        sessie["_touched"] = 0  # the idle timer is due: this request writes the session too
        sessie.save()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/")
        assert response.status_code == 200
        statements = [q["sql"] for q in ctx.captured_queries if not TRANSACTION_CONTROL.match(q["sql"])]
        assert any(s.startswith('UPDATE "django_session"') for s in statements)
        # Their blocks are on the page: the queue or the teams' hours, and the own team.
        assert ("wachten op toedeling" if rol == Rol.BUREAUDIENST else "uur per week") in response.content.decode()
        assert len(statements) <= PAGINA_BUDGET, "\n".join(s[:120] for s in statements)
