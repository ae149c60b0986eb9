import shutil
import subprocess

import pytest

from wijkregie.core.tests.achtergrond_hulp import via_achtergrond
from wijkregie.plan import services
from wijkregie.testing import login


def test_the_pdf_is_a_real_pdf_in_plain_dutch(client, world, casus, tmp_path):
    plan = services.plan_create(actor=world.medewerker, casus=casus)
    login(client, world.medewerker)
    # Made by the background worker (core/achtergrond.py): fetched through its job.
    response = via_achtergrond(client, f"/casussen/{casus.pk}/plan/{plan.versie}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.fail("poppler-utils (pdftotext) is installed by make test")
    (tmp_path / "plan.pdf").write_bytes(response.content)
    tekst = subprocess.run(["pdftotext", str(tmp_path / "plan.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Uw ondersteuningsplan" in tekst and "Pieter Jansen" in tekst and "bezwaar" in tekst
    for user in (world.andere_teamlid, world.buitenstaander):
        login(client, user)
        assert client.get(f"/casussen/{casus.pk}/plan/{plan.versie}/pdf/").status_code == 404
