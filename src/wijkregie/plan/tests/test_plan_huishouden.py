"""The plan page and its PDF name every member of the household: who, relation, age, the latest ZRM."""

import re
import shutil
import subprocess

import pytest

from wijkregie.core.models import AuditEvent
from wijkregie.core.tests.achtergrond_hulp import via_achtergrond
from wijkregie.plan import services
from wijkregie.plan.models import ZrmScore
from wijkregie.testing import login

from .huishouden import leefgebied, voeg_gezin_toe


@pytest.fixture
def gezin(world, casus):
    leden = voeg_gezin_toe(world, casus)
    services.zrm_scores_record(actor=world.medewerker, casus=casus, scores=[
        ZrmScore(persoon=leden[0], leefgebied=leefgebied(world, "Financiën"), niveau=2),
        ZrmScore(persoon=leden[2], leefgebied=leefgebied(world, "Financiën"), niveau=5),
        ZrmScore(persoon=leden[1], leefgebied=leefgebied(world, "Huiselijke relaties"), niveau=3)])
    return leden


@pytest.fixture
def plan(world, casus, gezin):
    return services.plan_create(actor=world.medewerker, casus=casus)


def _rij(content: str, kop: str) -> list[str]:
    """The cells of the table row headed `kop`, as text."""
    rij = re.search(rf'<th scope="row">{re.escape(kop)}</th>(.*?)</tr>', content, re.S)[1]
    return [re.sub(r"<[^>]+>|\s+", " ", c).strip() for c in re.findall(r"<td>(.*?)</td>", rij, re.S)]


def test_the_plan_page_lists_every_member_with_relation_age_and_latest_zrm(client, world, casus, gezin, plan):
    login(client, world.medewerker)
    content = client.get(f"/casussen/{casus.pk}/plan/").content.decode()
    assert _rij(content, "Pieter Jansen")[0] == "Hoofdbewoner"
    assert _rij(content, "Sara Jansen")[0] == "Partner"
    assert _rij(content, "Tim Jansen")[0] == "Kind" and _rij(content, "Tim Jansen")[1].endswith("jaar")
    # Columns in household order: Pieter (hoofdpersoon), Sara, Tim; only life domains someone was scored on.
    assert [c.split(" ")[0] for c in _rij(content, "Financiën")] == ["2", "niet", "5"]
    assert _rij(content, "Huiselijke relaties")[1].startswith("3 beperkt zelfredzaam")
    assert '<th scope="row">Huisvesting</th>' not in content


def test_every_member_shown_on_the_plan_page_is_audited(client, world, casus, gezin, plan):
    login(client, world.medewerker)
    client.get(f"/casussen/{casus.pk}/plan/")
    getoond = set(AuditEvent.objects.filter(object_type="plan.ondersteuningsplan", actie="R", object_id=str(plan.pk))
                  .values_list("client_id", flat=True))
    assert {gezin[1].pk, gezin[2].pk} <= getoond


def test_the_pdf_names_every_member_and_their_zrm(client, world, casus, gezin, plan, tmp_path):
    login(client, world.medewerker)
    response = via_achtergrond(client, f"/casussen/{casus.pk}/plan/{plan.versie}/pdf/")  # made by the worker
    assert response.status_code == 200
    if shutil.which("pdftotext") is None:
        pytest.fail("poppler-utils (pdftotext) is installed by make test")
    (tmp_path / "plan.pdf").write_bytes(response.content)
    tekst = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "plan.pdf"), "-"], capture_output=True, text=True
    ).stdout
    for persoon in gezin:
        assert persoon.naam in tekst
    assert "Partner" in tekst and "Kind" in tekst
    assert "Hoe het nu gaat" in tekst and "5 volledig" in tekst and "3 beperkt" in tekst
    for user in (world.collega, world.andere_teamlid, world.buitenstaander):
        login(client, user)
        assert client.get(f"/casussen/{casus.pk}/plan/{plan.versie}/pdf/").status_code == 404
