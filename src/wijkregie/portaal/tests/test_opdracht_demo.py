"""`wijkregie portaal demo` makes the demo's documented login for the huisartsenpraktijk (once, demo mode
only); `wijkregie portaal gebruiker` makes an account and prints its activation link once."""

import io

import pytest
from django.core.management import CommandError, call_command

from wijkregie.portaal.models import PortaalGebruiker
from wijkregie.portaal.services import activatie_find, wachtwoord_check


def test_the_demo_login_is_the_practices(world, settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError):
        call_command("portaal", "demo", stdout=io.StringIO())
    settings.DEMO_MODE = True
    for _ in range(2):  # idempotent
        out = io.StringIO()
        call_command("portaal", "demo", stdout=out)
    gebruiker = PortaalGebruiker.objects.get()
    assert gebruiker.organisatie.soort == "huisarts" and "'praktijk'" in out.getvalue()
    assert wachtwoord_check("praktijk", "demo-wijkregie") == gebruiker
    assert sorted(gebruiker.scopes) == ["plan_lezen", "signaleren", "verwijzen", "voorstellen"]


def test_an_account_for_an_organisation(world, settings):
    settings.REQUIRE_2FA = True
    out = io.StringIO()
    call_command("portaal", "gebruiker", "--organisatie", "de-wering", "--gebruikersnaam", "w.jansen",
                 "--naam", "W. Jansen", "--scope", "verwijzen", stdout=out)
    link = out.getvalue().strip()
    assert link.startswith("/portaal/activeren/?t=")
    gebruiker = activatie_find(link.split("t=")[1])
    assert gebruiker is not None and gebruiker.organisatie == world.wering and gebruiker.scopes == ["verwijzen"]
    assert wachtwoord_check("w.jansen", "") is None  # no password until activated
