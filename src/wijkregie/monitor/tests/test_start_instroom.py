"""The policy officer's start page and the monitor give one figure for the instroom per 1.000 inwoners,
by one definition (issue 13, fault 9: the start page said "132,5 per 1.000 inwoners", the wijkprofiel's
zorgvragen, where the monitor said "3,3 per 1.000 per jaar")."""

import re

from django.urls import reverse

from wijkregie.testing import login

from .conftest import maak_aanmeldingen


def _getal(tekst: str) -> str:
    return re.search(r'<span class="wr-figure">([\d.,]+)</span> aanmeldingen per 1.000 inwoners per jaar', tekst).group(
        1
    )


def test_the_start_page_shows_the_monitors_own_figure(client, world):
    maak_aanmeldingen(world.den_helder, world.team_noord, 12)
    login(client, world.beleidsmedewerker)
    start = client.get("/").content.decode()
    monitor = client.get(reverse("monitor:overzicht")).content.decode()
    rij = monitor[monitor.index("Instroom per 1.000 inwoners"):]
    waarde = re.search(r'<td class="wr-num">([\d.,]+)</td>', rij).group(1)
    assert _getal(start) == waarde
    assert "zoals in de monitor" in start
    # The wijkprofiel's count stays, named as such and without a rate of its own.
    assert "Volgens de wijkprofielen" in start and "per 1.000 inwoners)" not in start


def test_others_do_not_get_the_figure(client, world):
    login(client, world.medewerker)
    assert "aanmeldingen per 1.000 inwoners per jaar" not in client.get("/").content.decode()
