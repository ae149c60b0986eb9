"""The Den Helder demo gives the CBS pages something to show: jeugdhulp of the wijkteam and Jeugdwet
toewijzingen in the last half year, a clean delivery, and Wmo figures; loading it twice adds nothing."""

import io

import pytest
from django.core.management import call_command

from wijkregie.backoffice import cbs
from wijkregie.backoffice.demo import load_jeugdhulp
from wijkregie.core.models import Gemeente


@pytest.fixture
def demo(empty_database, settings):
    settings.DEMO_MODE = True
    call_command("demo", "--households", "300", stdout=io.StringIO())


def test_the_demo_delivers_jeugdhulp_for_the_last_half_year(demo, tmp_path):
    den_helder = Gemeente.objects.get(slug="den-helder")
    periode = cbs.Periode.laatst_afgesloten()
    lev = cbs.levering(den_helder, periode)
    assert lev.in_orde, [str(f) for f in lev.fouten]
    bronnen = {t.bron for t in lev.trajecten}
    assert bronnen == {"wijkteam", "toewijzing"}, bronnen
    assert all(cbs.levering(den_helder, p).in_orde for p in (periode.vorige, periode.volgende))
    call_command("cbs", "jeugd", "--periode", periode.code, "--out", str(tmp_path), "--gemeente", "den-helder",
                 stdout=io.StringIO())
    assert len(list(tmp_path.iterdir())) == 2
    assert any(c.aantal for c in cbs.wmo_cijfers(den_helder, periode) if c.onderdeel == "clienten")
    assert load_jeugdhulp(den_helder) == 0
