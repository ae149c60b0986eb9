"""Logging in to the portal in tests: both steps, as the portal's session expects them (the login pages
themselves are tested in test_inloggen_tweestaps.py)."""

import time

from wijkregie.portaal import sessie


def portaal_login(client, gebruiker):
    client.logout()
    session = client.session
    session[sessie.GEBRUIKER] = gebruiker.pk
    session[sessie.GEVERIFIEERD] = True
    session[sessie.ACTIEF] = int(time.time())
    session.save()
    return client
