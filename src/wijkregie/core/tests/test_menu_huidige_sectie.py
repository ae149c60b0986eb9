"""The menu marks where the user is: only the aanmelding form is "Aanmelden"; an aanmelding's own pages
(triage, toedeling) are the bureaudienst's (issue 13, fault 7: the triage page highlighted "Aanmelden")."""

import re

from wijkregie.testing import login
from wijkregie.toegang.models import Aanmelding


def _huidig(content: str) -> list[str]:
    nav = content[content.index('class="wr-nav"'):content.index("</nav>")]
    return re.findall(r'aria-current="page">([^<]+)</a>', nav)


def test_triage_and_the_aanmelding_page_are_the_bureaudienst(client, world):
    a = Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Hulp", status="bureaudienst")
    login(client, world.bureaudienst)
    assert _huidig(client.get(f"/aanmeldingen/{a.pk}/triage/").content.decode()) == ["Bureaudienst"]
    assert _huidig(client.get(f"/aanmeldingen/{a.pk}/").content.decode()) == ["Bureaudienst"]
    assert _huidig(client.get("/aanmeldingen/nieuw/").content.decode()) == ["Aanmelden"]
    assert _huidig(client.get("/bureaudienst/").content.decode()) == ["Bureaudienst"]
