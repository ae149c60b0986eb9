"""Activating a portal account by its one-time link (own password, authenticator enrolled), then logging
in: the password, then the TOTP second step (each code once); five failures block the account a quarter,
an idle session ends, logging out ends only the portal's session. A staff
account cannot log in here, and a portal user's password does not open the staff login."""

import base64
import re
import time

from django.urls import reverse
from django_otp.oath import TOTP

from wijkregie.core.models import AuditEvent
from wijkregie.portaal.services import activatie_issue, gebruiker_create
from wijkregie.testing import TEST_WACHTWOORD

from .conftest import WACHTWOORD

NIEUW = "een-eigen-gekozen-wachtwoord"


def _inloggen(client, naam="assistent", wachtwoord=WACHTWOORD):
    return client.post(reverse("portaal:inloggen"), {"gebruikersnaam": naam, "wachtwoord": wachtwoord})


def test_activation_then_password_and_code(client, world, praktijk, settings):
    settings.REQUIRE_2FA = True
    gebruiker = gebruiker_create(organisatie=praktijk, gebruikersnaam="nieuw", naam="Nina Nieuw",
                                scopes=["verwijzen"])
    # Before activation there is no password to log in with, and no authenticator to enrol at login.
    assert "kennen we niet" in _inloggen(client, naam="nieuw", wachtwoord="geraden-wachtwoord").content.decode()
    token = activatie_issue(gebruiker=gebruiker, door=world.beheerder)
    assert token not in gebruiker.activatie_hash

    # The link's token leaves the address bar at once.
    response = client.get(f"{reverse('portaal:activeren')}?t={token}")
    assert response.status_code == 302 and response["Location"] == reverse("portaal:activeren")
    inhoud = client.get(reverse("portaal:activeren")).content.decode()
    sleutel = re.search(r'class="wr-key">([A-Z2-7=]+)<', inhoud).group(1)
    totp = TOTP(base64.b32decode(sleutel))
    fout = f"{(totp.token() + 1) % 1_000_000:06d}"
    response = client.post(reverse("portaal:activeren"), {"wachtwoord1": "kort", "wachtwoord2": "kort", "code": fout})
    assert "te kort" in response.content.decode() or "12 tekens" in response.content.decode()
    response = client.post(reverse("portaal:activeren"), {"wachtwoord1": NIEUW, "wachtwoord2": NIEUW, "code": fout})
    assert "klopt niet" in response.content.decode()
    goed = f"{totp.token():06d}"
    response = client.post(reverse("portaal:activeren"), {"wachtwoord1": NIEUW, "wachtwoord2": NIEUW, "code": goed})
    assert response.status_code == 302 and client.get(reverse("portaal:start")).status_code == 200
    # The link works once.
    client.post(reverse("portaal:uitloggen"))
    client.get(f"{reverse('portaal:activeren')}?t={token}")
    assert client.get(reverse("portaal:activeren")).status_code == 410
    assert AuditEvent.objects.filter(object_type="sessie", omschrijving="portaal: account geactiveerd").exists()

    # Logging in: the password, then the app's code; between the steps no page opens; a code works once.
    response = _inloggen(client, naam="nieuw", wachtwoord=NIEUW)
    assert response.status_code == 302 and response["Location"].startswith(reverse("portaal:tweestaps"))
    assert client.get(reverse("portaal:start"))["Location"] == reverse("portaal:tweestaps")
    assert "wr-key" not in client.get(reverse("portaal:tweestaps")).content.decode()  # nothing to enrol here
    assert "klopt niet" in client.post(reverse("portaal:tweestaps"), {"code": goed}).content.decode()
    gebruiker.refresh_from_db()
    while totp.t() <= gebruiker.totp_laatste_t:
        time.sleep(0.5)
    assert client.post(reverse("portaal:tweestaps"), {"code": f"{totp.token():06d}"}).status_code == 302
    start = client.get(reverse("portaal:start"))
    assert start.status_code == 200 and "Huisartsenpraktijk Julianadorp" in start.content.decode()
    assert "no-store" in start["Cache-Control"]
    assert AuditEvent.objects.filter(object_type="sessie", omschrijving="portaal: tweede stap gelukt",
                                     chain=f"g{world.den_helder.pk}:portaal{gebruiker.pk}").exists()


def test_an_account_made_with_a_password_but_not_activated_is_refused(client, praktijk, settings):
    settings.REQUIRE_2FA = True
    gebruiker_create(organisatie=praktijk, gebruikersnaam="demo", naam="Demo", scopes=["verwijzen"],
                    wachtwoord=WACHTWOORD)
    response = _inloggen(client, naam="demo")
    assert response.status_code == 200 and "nog niet geactiveerd" in response.content.decode()
    assert client.get(reverse("portaal:start")).status_code == 302


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
