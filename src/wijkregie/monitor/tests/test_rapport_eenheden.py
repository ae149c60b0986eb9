"""Every figure in the management report (PDF) and in the dashboard's table carries its unit (issue 13,
fault 9: the doorlooptijd stood there without "dagen")."""

import datetime
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkregie.casus.models import Casus
from wijkregie.core.tests.achtergrond_hulp import via_achtergrond
from wijkregie.regie.models import Afsluiting
from wijkregie.testing import login, make_persoon

from .conftest import maak_aanmeldingen


@pytest.fixture
def afgesloten(world):
    nu = timezone.now()
    for i in range(6):
        casus = Casus.objects.get(hoofdpersoon=make_persoon(world, f"Af{i}", "Gesloten", team=world.team_noord))
        Casus.objects.filter(pk=casus.pk).update(geopend_op=nu - datetime.timedelta(days=60), status="afgesloten")
        Afsluiting.objects.create(
            gemeente=world.den_helder, casus=casus, reden="01", op=nu - datetime.timedelta(days=20)
        )
    maak_aanmeldingen(world.den_helder, world.team_noord, 6)


def test_the_pdf_gives_the_doorlooptijd_in_days(client, world, afgesloten, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.fail("poppler-utils (pdftotext) is installed by make test")
    login(client, world.beleidsmedewerker)
    # Made by the background worker (core/achtergrond.py): fetched through its job.
    (tmp_path / "rapport.pdf").write_bytes(via_achtergrond(client, reverse("monitor:rapport")).content)
    tekst = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "rapport.pdf"), "-"], capture_output=True, text=True
    ).stdout
    regel = next(r for r in tekst.splitlines() if r.strip().startswith("Doorlooptijd"))
    assert "40" in regel and regel.rstrip().endswith("dagen"), regel
    assert "Eenheid" in tekst


def test_the_dashboard_table_has_a_unit_column(client, world, afgesloten):
    login(client, world.beleidsmedewerker)
    pagina = client.get(reverse("monitor:overzicht")).content.decode()
    tabel = pagina[pagina.index('id="alle"'):]
    assert '<th scope="col">Eenheid</th>' in tabel
    rij = tabel[tabel.index(">Doorlooptijd</a>"):]
    assert "<td>dagen</td>" in rij[:rij.index("</tr>")]
