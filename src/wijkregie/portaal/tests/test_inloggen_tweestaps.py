"""Logging in to the portal: the password, then the TOTP second step (set up at the first login, each code
once), five failures block the account a quarter, logging out ends only the portal's session. A staff
account cannot log in here, and a portal user's password does not open the staff login."""

import base64
import re

from django.urls import reverse
from django_otp.oath import TOTP

from wijkregie.core.models import AuditEvent
from wijkregie.testing import TEST_WACHTWOORD

from .conftest import WACHTWOORD


def _inloggen(client, naam="assistent", wachtwoord=WACHTWOORD):
    return client.post(reverse("portaal:inloggen"), {"gebruikersnaam": naam, "wachtwoord": wachtwoord})


def test_password_then_authenticator_code(client, world, assistent, settings):
    settings.REQUIRE_2FA = True
    assert _inloggen(client, wachtwoord="fout").status_code == 200
    response = _inloggen(client)
    assert response.status_code == 302 and response["Location"].startswith(reverse("portaal:tweestaps"))
    # Between the steps no page opens.
    assert client.get(reverse("portaal:start"))["Location"] == reverse("portaal:tweestaps")

    inhoud = client.get(reverse("portaal:tweestaps")).content.decode()
    sleutel = re.search(r'class="wr-key">([A-Z2-7=]+)<', inhoud).group(1)
    totp = TOTP(base64.b32decode(sleutel))
    code = f"{(totp.token() + 1) % 1_000_000:06d}"
    assert "klopt niet" in client.post(reverse("portaal:tweestaps"), {"code": code}).content.decode()
    goed = f"{totp.token():06d}"
    response = client.post(reverse("portaal:tweestaps"), {"code": goed})
    assert response.status_code == 302
    start = client.get(reverse("portaal:start"))
    assert start.status_code == 200 and "Huisartsenpraktijk Julianadorp" in start.content.decode()
    assert "no-store" in start["Cache-Control"]
    assert AuditEvent.objects.filter(object_type="sessie", omschrijving="portaal: tweede stap gelukt",
                                     chain=f"g{world.den_helder.pk}:portaal{assistent.pk}").exists()

    # Logged out, and in again: the app is set up (no key shown), and the same code does not work twice.
    client.post(reverse("portaal:uitloggen"))
    assert client.get(reverse("portaal:start")).status_code == 302
    _inloggen(client)
    assert "wr-key" not in client.get(reverse("portaal:tweestaps")).content.decode()
    assert "klopt niet" in client.post(reverse("portaal:tweestaps"), {"code": goed}).content.decode()


def test_five_failures_block_the_account(client, assistent, settings):
    settings.REQUIRE_2FA = True
    for _ in range(5):
        _inloggen(client, wachtwoord="fout")
    response = _inloggen(client)
    assert response.status_code == 200 and "geblokkeerd" in response.content.decode()
    assert client.get(reverse("portaal:start")).status_code == 302
    assert AuditEvent.objects.filter(object_type="sessie", resultaat="mislukt").count() == 5


def test_staff_and_portal_accounts_do_not_cross(client, world, assistent):
    # A medewerker's name and password are not a portal account.
    response = _inloggen(client, naam=world.medewerker.username, wachtwoord=TEST_WACHTWOORD)
    assert response.status_code == 200 and "kennen we niet" in response.content.decode()
    # A portal user's name and password do not open the staff application.
    from django.http import HttpRequest

    assert not client.login(request=HttpRequest(), username="assistent", password=WACHTWOORD)
    response = client.post(reverse("core:login"), {"username": "assistent", "password": WACHTWOORD})
    assert response.status_code == 200 and not response.wsgi_request.user.is_authenticated


def test_an_idle_portal_session_ends(client, assistent, settings):
    from wijkregie.portaal import sessie

    from .helpers import portaal_login

    portaal_login(client, assistent)
    assert client.get(reverse("portaal:start")).status_code == 200
    session = client.session
    session[sessie.ACTIEF] -= settings.SESSION_COOKIE_AGE + 1
    session.save()
    assert client.get(reverse("portaal:start")).status_code == 302
    assert sessie.GEBRUIKER not in client.session
