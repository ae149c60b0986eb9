"""Small numbers (1–4) are not shown to aggregate viewers, in the page and in every export; a team's own
members see their own figures in full."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from wijkregie.core.tests.achtergrond_hulp import via_achtergrond
from wijkregie.testing import login


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_policy_officer_sees_small_cells_suppressed(client, world, cijfers):
    login(client, world.beleidsmedewerker)
    rijen = _csv(client.get(reverse("monitor:export", args=["csv"])))
    kanaal = {r[1]: r[2] for r in rijen if r[0] == "instroom_per_kanaal"}
    assert kanaal == {"telefoon": "7", "e-mail": "<5", "partner": "<5"}
    pagina = client.get(reverse("monitor:overzicht")).content.decode()
    assert "&lt;5" in pagina and "aantallen onder de 5" in pagina


def test_team_member_sees_own_team_in_full(client, world, cijfers):
    login(client, world.medewerker)
    rijen = _csv(client.get(reverse("monitor:export", args=["csv"]), {"team": world.team_noord.pk}))
    kanaal = {r[1]: r[2] for r in rijen if r[0] == "instroom_per_kanaal"}
    assert kanaal == {"telefoon": "7", "e-mail": "3"}
    # The wijk includes other teams' work: aggregate only, even for the team.
    pagina = client.get(reverse("monitor:wijk", args=[world.noord.pk])).content.decode()
    assert "aantallen onder de 5" in pagina


def test_xlsx_has_the_same_suppressed_values_and_the_definitions(client, world, cijfers):
    login(client, world.beleidsmedewerker)
    r = client.get(reverse("monitor:export", args=["xlsx"]))
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    boek = load_workbook(io.BytesIO(r.content))
    rijen = list(boek["Indicatoren"].iter_rows(values_only=True))
    assert rijen[0][:3] == ("indicator", "onderdeel_code", "waarde")
    kanaal = {r[1]: r[2] for r in rijen[1:] if r[0] == "instroom_per_kanaal"}
    assert kanaal == {"telefoon": 7, "e-mail": "<5", "partner": "<5"}
    assert {r[0] for r in boek["Definities"].iter_rows(min_row=2, values_only=True)} >= {
        "instroom_per_kanaal",
        "clientervaring",
    }


def test_report_pdf_is_a_pdf_and_audited(client, world, cijfers):
    from wijkregie.core.models import AuditEvent

    login(client, world.beleidsmedewerker)
    r = via_achtergrond(client, reverse("monitor:rapport"))  # made by the background worker
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(object_type="monitor.export", actor_id=world.beleidsmedewerker.pk).exists()


def test_a_single_small_cell_cannot_be_worked_out_from_the_total(client, world):
    from .conftest import maak_aanmeldingen

    maak_aanmeldingen(world.den_helder, world.team_noord, 9)
    maak_aanmeldingen(world.den_helder, world.team_noord, 6, kanaal="email")
    maak_aanmeldingen(world.den_helder, world.team_noord, 2, kanaal="partner")  # the only small cell
    login(client, world.beleidsmedewerker)
    kanaal = {
        r[1]: r[2] for r in _csv(client.get(reverse("monitor:export", args=["csv"]))) if r[0] == "instroom_per_kanaal"
    }
    # 17 questions are shown as a total; with only 'partner' hidden it would be 17 − 9 − 6.
    assert kanaal == {"telefoon": "9", "e-mail": "×", "partner": "<5"}


def test_the_total_itself_is_suppressed_when_small(client, world):
    from .conftest import maak_aanmeldingen

    maak_aanmeldingen(world.den_helder, world.team_noord, 3)
    login(client, world.beleidsmedewerker)
    pagina = client.get(reverse("monitor:overzicht")).content.decode()
    kaart = pagina[pagina.index('<span class="wr-figure">'):pagina.index(" aanmeldingen</li>")]
    assert "&lt;5</span>" in kaart and "minder dan 5" in kaart


def test_two_small_cells_that_add_up_to_a_small_number_take_a_third_along(client, world):
    from .conftest import maak_aanmeldingen

    maak_aanmeldingen(world.den_helder, world.team_noord, 9)
    maak_aanmeldingen(world.den_helder, world.team_noord, 7, kanaal="email")
    maak_aanmeldingen(world.den_helder, world.team_noord, 1, kanaal="partner")
    maak_aanmeldingen(world.den_helder, world.team_noord, 2, kanaal="inloop")
    login(client, world.beleidsmedewerker)
    kanaal = {
        r[1]: r[2] for r in _csv(client.get(reverse("monitor:export", args=["csv"]))) if r[0] == "instroom_per_kanaal"
    }
    # 1 + 2 = 3 could be told from the total; hiding e-mail (7) as well makes it 10.
    assert kanaal == {"telefoon": "9", "e-mail": "×", "partner": "<5", "inloop": "<5"}


def test_shares_that_give_away_a_small_numerator_are_hidden(client, world):
    from wijkregie.toegang.models import Aanmelding

    from .conftest import maak_aanmeldingen

    maak_aanmeldingen(world.den_helder, world.team_noord, 8)
    Aanmelding.objects.filter(pk=Aanmelding.objects.first().pk).update(status="voorkant")  # 1 of 8
    login(client, world.beleidsmedewerker)
    rijen = {(r[0], r[1]): r[2] for r in _csv(client.get(reverse("monitor:export", args=["csv"])))}
    assert rijen[("opgelost_aan_de_voorkant", "totaal")] == "–"  # a share: not shown, not "<5 %"
