"""The dashboard keeps what it draws from a filter's figures as long as the figures are kept (issue 17: drawing the
figures, tables and charts was two thirds of the page's time): the same page again, a page of its own for another
suppression, language and nulmeting, and new figures drawn anew."""

import datetime
import re

from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from wijkregie.monitor.computation import berekend
from wijkregie.monitor.models import Nulmeting
from wijkregie.testing import login

from .conftest import maak_aanmeldingen


def _cijfers(pagina: str) -> str:
    """The page from its key figures to the end of the table of all indicators (what is kept)."""
    begin = re.search(r'aria-label="(Kerncijfers|Key figures)"', pagina).start()
    return pagina[begin:pagina.index("</table>", pagina.index('id="alle"'))]


def test_the_same_figures_give_the_same_page_drawn_once(client, world, cijfers, settings):
    settings.MONITOR_CACHE_SECONDEN = 300
    login(client, world.beleidsmedewerker)
    url = reverse("monitor:overzicht")
    eerste = client.get(url).content.decode()
    assert len(caches["paginas"]._cache) == 2  # the figures' part and the table: kept
    tweede = client.get(url).content.decode()
    assert _cijfers(tweede) == _cijfers(eerste) and "&lt;5" in _cijfers(eerste)


def test_each_suppression_language_and_nulmeting_has_its_own(client, world, cijfers, settings):
    settings.MONITOR_CACHE_SECONDEN = 300
    url = reverse("monitor:team", args=[world.team_noord.pk])
    login(client, world.beleidsmedewerker)  # aggregates only: small numbers hidden
    verborgen = client.get(url).content.decode()
    client.logout()
    login(client, world.medewerker)  # the team's own member: in full, the same figures
    volledig = client.get(url).content.decode()
    assert "&lt;5" in _cijfers(verborgen) and "&lt;5" not in _cijfers(volledig)
    assert ">3<" in _cijfers(volledig)  # the team's 3 e-mails
    client.post("/taal/", {"language": "en", "next": url})
    engels = client.get(url).content.decode()
    assert 'aria-label="Key figures"' in engels and 'aria-label="Kerncijfers"' not in engels
    # A nulmeting to compare with ("0": none): the table gains its columns.
    client.post("/taal/", {"language": "nl", "next": url})
    client.logout()
    login(client, world.beleidsmedewerker)
    periode = {"van": timezone.localdate().replace(day=1).strftime("%Y-%m"),
               "tot": timezone.localdate().strftime("%Y-%m")}
    vorige = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    assert client.post(reverse("monitor:nulmeting") + f"?van={vorige:%Y-%m}&tot={vorige:%Y-%m}",
                       {"naam": "Start"}).status_code == 302
    zonder = _cijfers(client.get(reverse("monitor:overzicht"), {**periode, "nulmeting": 0}).content.decode())
    met = _cijfers(client.get(reverse("monitor:overzicht"), {**periode, "nulmeting": Nulmeting.objects.get().pk})
                   .content.decode())
    assert "vergeleken met nulmeting ‘Start’" in met and "vergeleken met" not in zonder


def test_new_figures_are_drawn_anew(client, world, cijfers, settings):
    settings.MONITOR_CACHE_SECONDEN = 300
    login(client, world.medewerker)
    url = reverse("monitor:team", args=[world.team_noord.pk])
    voor = _cijfers(client.get(url).content.decode())
    maak_aanmeldingen(world.den_helder, world.team_noord, 4, kanaal="email")
    # The figures are recomputed when they expire (or by the scheduled precomputation): not before.
    assert _cijfers(client.get(url).content.decode()) == voor
    from wijkregie.monitor.forms import standaard_periode
    from wijkregie.monitor.scope import Filter

    van, tot = standaard_periode()
    berekend(Filter(gemeente=world.den_helder, van=van, tot=tot, team=world.team_noord), vernieuwen=True)
    na = _cijfers(client.get(url).content.decode())
    assert na != voor and ">7<" in na  # 3 + 4 e-mails
