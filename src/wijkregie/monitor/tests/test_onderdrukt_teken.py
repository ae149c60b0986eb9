"""A suppressed value reads as suppressed (issue 13, fault 9): a count under 5 is "<5", but an average,
median or percentage resting on fewer than 5 records is "–" (not shown) with its explanation, never "<5",
which in a column of percentages reads as "less than 5 %"."""

import csv
import io

from django.urls import reverse

from wijkregie.monitor.figures import Rij
from wijkregie.monitor.presentation import NIET_GETOOND, cellen
from wijkregie.testing import login
from wijkregie.toegang.models import Aanmelding

from .conftest import maak_aanmeldingen


def test_counts_read_less_than_five_and_shares_and_averages_read_not_shown(world):
    uit = {(c.indicator, c.breakdown): c for c in cellen([
        Rij("instroom_per_kanaal", "e-mail", 3, 3),
        Rij("opgelost_aan_de_voorkant", "totaal", 25.0, 4),
        Rij("zrm_voortgang", "Financiën", 1.5, 2),
        Rij("wachttijd_eerste_contact", "mediaan", 2.0, 3),
        Rij("caseload", "lopende casussen", 4, 4),
        Rij("caseload", "gemiddeld per regisseur", 2.0, 4),
    ], onderdrukken=True)}
    assert uit[("instroom_per_kanaal", "e-mail")].teken == "<5"
    assert uit[("caseload", "lopende casussen")].teken == "<5"
    for sleutel in (("opgelost_aan_de_voorkant", "totaal"), ("zrm_voortgang", "Financiën"),
                    ("wachttijd_eerste_contact", "mediaan"), ("caseload", "gemiddeld per regisseur")):
        assert uit[sleutel].teken == NIET_GETOOND and "minder dan 5 dossiers" in uit[sleutel].uitleg, sleutel


def test_the_dashboard_and_the_csv_show_a_small_share_as_not_shown(client, world):
    maak_aanmeldingen(world.den_helder, world.team_noord, 8)
    Aanmelding.objects.filter(pk=Aanmelding.objects.first().pk).update(status="voorkant")  # 1 of 8
    login(client, world.beleidsmedewerker)
    pagina = client.get(reverse("monitor:overzicht")).content.decode()
    kaart = pagina[pagina.index("opgelost aan de voorkant</li>") - 300:pagina.index("opgelost aan de voorkant</li>")]
    assert "&lt;5" not in kaart and "–</span>" in kaart and "niet getoond: berust op minder dan 5 dossiers" in kaart
    assert "staat er als – (niet getoond)" in pagina  # the legend explains the sign
    rijen = list(
        csv.reader(
            io.StringIO(client.get(reverse("monitor:export", args=["csv"])).content.decode("utf-8-sig")), delimiter=";"
        )
    )
    waarden = {(r[0], r[1]): r[2] for r in rijen[1:]}
    assert waarden[("opgelost_aan_de_voorkant", "totaal")] == "–"
    assert "<5" not in {
        v
        for (code, _b), v in waarden.items()
        if code in ("opgelost_aan_de_voorkant", "zrm_voortgang", "doelrealisatie", "heropeningen_binnen_12_maanden")
    }
