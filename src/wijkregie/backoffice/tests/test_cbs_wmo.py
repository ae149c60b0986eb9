"""The Wmo figures of the Gemeentelijke Monitor Sociaal Domein: aggregates per half year for the
beleidsmedewerker, small numbers suppressed, never a person."""

import datetime

from wijkregie.backoffice import cbs
from wijkregie.testing import login

from .cbs_hulp import kind, wmo_toewijzing

H1 = cbs.Periode(2026, 1)


def _cijfers(world):
    return {(c.onderdeel, c.uitsplitsing): c for c in cbs.wmo_cijfers(world.den_helder, H1)}


def test_it_counts_residents_with_a_maatwerkvoorziening_in_force_in_the_period(world):
    namen = ["Anna", "Bram", "Cor", "Dirk", "Eva", "Fien"]
    for i, naam in enumerate(namen):
        p = kind(world, naam, "Groot", geboortedatum=datetime.date(1955 + i, 1, 1))
        wmo_toewijzing(world, p, ingangsdatum=datetime.date(2026, 3, 1) if i < 5 else datetime.date(2025, 3, 1))
    oud = kind(world, "Gijs", "Oud", geboortedatum=datetime.date(1940, 1, 1))
    wmo_toewijzing(world, oud, ingangsdatum=datetime.date(2024, 1, 1), einddatum=datetime.date(2025, 12, 31))
    c = _cijfers(world)
    assert c[("clienten", "totaal")].getoond == "6"  # Gijs' ended before the period
    assert c[("nieuw", "totaal")].getoond == "5"
    assert c[("productcategorie", "02")].getoond == "6"
    assert c[("aantal_voorzieningen", "1")].getoond == "6"
    assert c[("leeftijd", "65-74")].aantal == 6 and c[("leeftijd", "65-74")].getoond == "6"
    assert c[("beeindigd", "totaal")].getoond == "0"


def test_small_numbers_are_suppressed_and_cannot_be_worked_out(world):
    for i, naam in enumerate(["Anna", "Bram", "Cor", "Dirk", "Eva", "Fien", "Gijs"]):
        geboren = datetime.date(1970, 1, 1) if i < 6 else datetime.date(1945, 1, 1)
        wmo_toewijzing(world, kind(world, naam, "Groot", geboortedatum=geboren))
    c = _cijfers(world)
    assert c[("clienten", "totaal")].getoond == "7"
    # One resident of 75+: "< 5"; the 6 of 18–64 would give it away by subtraction, so it is hidden too.
    assert c[("leeftijd", "75+")].getoond == "< 5"
    assert c[("leeftijd", "18-64")].getoond == "×"
    assert c[("leeftijd", "0-17")].getoond == "0"


def test_the_beleidsmedewerker_sees_the_figures_and_no_person(client, world):
    anna = kind(world, "Anna", "Groot", geboortedatum=datetime.date(1950, 1, 1))
    wmo_toewijzing(world, anna)
    login(client, world.beleidsmedewerker)
    pagina = client.get("/backoffice/cbs/wmo/?periode=2026-1")
    tekst = pagina.content.decode()
    assert pagina.status_code == 200
    assert "Inwoners met een Wmo-maatwerkvoorziening" in tekst and "&lt; 5" in tekst
    assert "Anna" not in tekst and "Groot" not in tekst and anna.bsn not in tekst
    csv = client.get("/backoffice/cbs/wmo/cijfers.csv?periode=2026-1")
    assert csv.status_code == 200 and 'filename="gmsd_wmo_0400_2026-1.csv"' in csv["Content-Disposition"]
    regels = csv.content.decode().split("\r\n")
    assert "0400;2026-1;clienten;totaal;< 5" in regels and anna.bsn not in csv.content.decode()


def test_only_policy_and_backoffice_see_the_figures(client, world):
    for user in (world.medewerker, world.kcc, world.privacyfunctionaris, world.beheerder):
        login(client, user)
        assert client.get("/backoffice/cbs/wmo/").status_code == 404, user
        assert client.get("/backoffice/cbs/wmo/cijfers.csv").status_code == 404, user
    wmo_toewijzing(world, kind(world, "Anna", "Groot", geboortedatum=datetime.date(1950, 1, 1)))
    login(client, world.buitenstaander)  # beleidsmedewerker of Voorbeeldgemeente: its own (empty) figures
    assert "0400" not in client.get("/backoffice/cbs/wmo/cijfers.csv?periode=2026-1").content.decode()
