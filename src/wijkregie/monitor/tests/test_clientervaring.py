"""After afsluiting the resident is invited; the survey works once, without login, shows nothing about
the resident, and its answers count in the indicator."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkregie.core.models import AuditEvent
from wijkregie.monitor.computation import bereken_rijen
from wijkregie.monitor.models import Clientervaring
from wijkregie.monitor.scope import Filter
from wijkregie.monitor.services import ervaringsinstelling_save
from wijkregie.regie.models import Evaluatie
from wijkregie.regie.services import casus_close, evaluatie_hold
from wijkregie.testing import login

ANTWOORDEN = {"weten": "5", "snel": "4", "serieus": "5", "samen": "0", "kwaliteit": "4", "redden": "2", "meedoen": "3",
              "rapportcijfer": "8"}


@pytest.fixture
def uitnodiging(world, getekend, casus):
    casus_close(actor=world.medewerker, casus=casus, reden="01")
    return Clientervaring.objects.get(casus=casus)


def test_closing_a_casus_invites_the_resident_once(world, uitnodiging, casus):
    assert uitnodiging.aanleiding == "afsluiting" and uitnodiging.beantwoord_op is None
    assert uitnodiging.geldig_tot > timezone.localdate()
    assert AuditEvent.objects.filter(object_type="monitor.clientervaring", object_id=str(uitnodiging.pk)).exists()


def test_the_survey_needs_no_login_shows_no_personal_data_and_works_once(client, world, uitnodiging, casus):
    url = reverse("ervaring", args=[uitnodiging.token])
    pagina = client.get(url)
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "Pieter" not in tekst and "Jansen" not in tekst and "Ik werd snel geholpen." in tekst
    r = client.post(url, ANTWOORDEN)
    assert r.status_code == 200 and "Bedankt" in r.content.decode()
    uitnodiging.refresh_from_db()
    assert (uitnodiging.weten, uitnodiging.samen, uitnodiging.rapportcijfer) == (5, None, 8)
    assert uitnodiging.beantwoord_op is not None
    # A second time: the same answer for used, unknown and expired links.
    assert client.post(url, ANTWOORDEN).status_code == 404
    assert client.get(reverse("ervaring", args=["bestaat-niet"])).status_code == 404


def test_an_expired_link_is_refused(client, world, uitnodiging):
    Clientervaring.objects.filter(pk=uitnodiging.pk).update(
        geldig_tot=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert client.get(reverse("ervaring", args=[uitnodiging.token])).status_code == 404


def test_a_bad_mark_is_refused_at_the_field_and_keeps_the_answers(client, world, uitnodiging):
    r = client.post(reverse("ervaring", args=[uitnodiging.token]), {**ANTWOORDEN, "rapportcijfer": "11"})
    assert r.status_code == 200
    tekst = r.content.decode()
    assert "wr-field--invalid" in tekst
    assert re.search(r'name="weten" value="5"[^>]*checked', tekst)  # what was answered stays
    uitnodiging.refresh_from_db()
    assert uitnodiging.beantwoord_op is None


def test_answers_feed_the_indicator_with_the_response_rate(client, world, uitnodiging):
    client.post(reverse("ervaring", args=[uitnodiging.token]), ANTWOORDEN)
    vandaag = timezone.localdate()
    rijen = {(r.indicator, r.breakdown): r.waarde for r in
             bereken_rijen(Filter(world.den_helder, vandaag.replace(day=1), vandaag + datetime.timedelta(days=1)))}
    assert rijen[("clientervaring", "respons (procent)")] == 100.0
    assert rijen[("clientervaring", "rapportcijfer (gemiddeld)")] == 8.0
    assert rijen[("clientervaring", "zelfredzaamheid en participatie|redden|eens (procent)")] == 0.0


def test_team_can_choose_to_ask_at_evaluations_too(world, getekend, casus, teamleider_noord):
    evaluatie = Evaluatie.objects.get(casus=casus, gehouden_op__isnull=True)
    ervaringsinstelling_save(actor=teamleider_noord, team=world.team_noord, bij_evaluatie=True)
    evaluatie_hold(actor=world.medewerker, evaluatie=evaluatie, beoordelingen={}, verslag="ok", met_inwoner=True,
                     zrm=[], volgende_op=None)
    assert Clientervaring.objects.filter(casus=casus, aanleiding="evaluatie").count() == 1


def test_invitations_page_lists_own_team_only(client, world, uitnodiging, teamleider_noord):
    for user in (world.medewerker, teamleider_noord):  # the regisseur, and the team's leader
        login(client, user)
        r = client.get(reverse("monitor:ervaringen"))
        assert r.status_code == 200 and "Pieter" in r.content.decode()
        assert client.get(reverse("monitor:uitnodiging", args=[uitnodiging.pk])).status_code == 200
    # After afsluiten the circle narrows: a colleague of the same team no longer sees the resident.
    login(client, world.collega)  # (whose own name is Pieter Jansen too: look for the link instead)
    assert (
        reverse("monitor:uitnodiging", args=[uitnodiging.pk])
        not in client.get(reverse("monitor:ervaringen")).content.decode()
    )
    assert client.get(reverse("monitor:uitnodiging", args=[uitnodiging.pk])).status_code == 404
    login(client, world.andere_teamlid)  # team Zuid
    assert "Pieter" not in client.get(reverse("monitor:ervaringen")).content.decode()
    assert client.get(reverse("monitor:uitnodiging", args=[uitnodiging.pk])).status_code == 404
    login(client, world.buitenstaander)
    assert client.get(reverse("monitor:uitnodiging", args=[uitnodiging.pk])).status_code == 404


def test_a_survey_with_no_answer_at_all_is_not_a_response(client, world, uitnodiging):
    leeg = {veld: "0" for veld in ANTWOORDEN if veld != "rapportcijfer"}
    r = client.post(reverse("ervaring", args=[uitnodiging.token]), leeg)
    assert r.status_code == 200 and "Beantwoord minstens één vraag" in r.content.decode()
    uitnodiging.refresh_from_db()
    assert uitnodiging.beantwoord_op is None


def test_the_team_sees_answers_only_as_a_total_of_five_or_more(client, world, uitnodiging):
    client.post(reverse("ervaring", args=[uitnodiging.token]), ANTWOORDEN)
    login(client, world.medewerker)  # the team's own dashboard is otherwise unsuppressed
    rijen = client.get(reverse("monitor:export", args=["csv"]), {"team": world.team_noord.pk}).content.decode(
        "utf-8-sig"
    )
    ervaring = [r.split(";") for r in rijen.splitlines() if r.startswith("clientervaring;")]
    # Not a count but a share or an average: shown as not shown ("–"), never as "<5" (issue 13).
    assert ervaring and all(r[2] == "–" for r in ervaring if "rapportcijfer" in r[1] or "eens" in r[1])
    # The invitation stays on the list after answering: the list does not tell who answered.
    assert "Pieter" in client.get(reverse("monitor:ervaringen")).content.decode()
