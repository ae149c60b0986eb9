"""Outside demo mode an account is activated once, through a link; the password alone opens nothing.

Issue 14, item 6, tried as an attacker would: with the first password of a fresh account, an
authenticator of one's own could be enrolled and every page was open.
"""

import base64
import datetime
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkregie.core.accounts import activatie_issue
from wijkregie.core.models import Accountactivatie, AuditEvent
from wijkregie.organisatie.models import Medewerker
from wijkregie.testing import TEST_WACHTWOORD, login

NIEUW = {
    "username": "nina", "first_name": "Nina", "last_name": "Nieuw", "rollen": ["medewerker"], "is_active": "on",
}
WACHTWOORD = "eigen-gekozen-wachtwoord-42"


def _link(content: str) -> str:
    match = re.search(r"/account/activeren/[A-Za-z0-9_-]{20,}/", content)
    assert match, "geen activeringslink op de pagina"
    return match.group(0)


def _code_van_pagina(content: str) -> str:
    sleutel = re.search(r'class="wr-key">([A-Z2-7=]+)<', content).group(1)
    return f"{TOTP(base64.b32decode(sleutel)).token():06d}"


def _urls(resolver=None, prefix=""):
    """Every URL of the URL conf with made-up arguments, and its view."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _urls(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            if route.startswith("^") or "(?P" in route:
                continue  # the admin's regex catch-alls
            url = "/" + re.sub(r"<(?:int:)?[a-z_]+>", "1", re.sub(r"<(?:slug|str|path):[a-z_]+>", "x", re.sub(
                r"<uuid:[a-z_]+>", "00000000-0000-4000-8000-000000000000", route)))
            yield url, entry.callback


def test_a_fresh_account_reaches_no_page_with_the_password_alone(client, world):
    fresh = world.collega  # a first password, no authenticator yet
    response = client.post("/inloggen/", {"username": "collega", "password": TEST_WACHTWOORD})
    assert response.status_code == 200 and "nog niet geactiveerd" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(omschrijving__contains="account niet geactiveerd", resultaat="geweigerd").exists()

    # Even with a session as if the password had let it in: every page that is not for anyone waits.
    client.force_login(fresh)
    checked = 0
    for url, view in _urls():
        beleid = getattr(view, "toegangsbeleid", None) or {}
        if beleid.get("publiek") or getattr(view, "login_required", True) is False:
            continue
        response = client.get(url)
        if url.startswith("/api/v1/"):
            assert response.status_code in (401, 403), url  # keys, never sessions
            continue
        assert response.status_code == 302 and response.url == "/inloggen/tweestaps/", (url, response.status_code)
        checked += 1
    assert checked > 50

    # And the second step offers no way to enrol an authenticator, whatever is posted.
    page = client.get("/inloggen/tweestaps/").content.decode()
    assert "Sleutel:" not in page and "data:image/svg" not in page
    for code in ("000000", "123456"):
        assert client.post("/inloggen/tweestaps/", {"code": code}).status_code == 403
    assert not TOTPDevice.objects.filter(user=fresh).exists()
    assert client.get("/").url == "/inloggen/tweestaps/"


def test_a_new_account_is_activated_once_through_its_link(client, world):
    login(client, world.beheerder)
    form = client.get("/beheer/medewerkers/nieuw/").content.decode()
    assert 'name="wachtwoord"' not in form  # the beheerder types no password outside demo mode
    response = client.post("/beheer/medewerkers/nieuw/", NIEUW)
    assert response.status_code == 200
    link = _link(response.content.decode())
    nina = Medewerker.objects.get(username="nina")
    assert not nina.has_usable_password()
    activatie = Accountactivatie.objects.get(medewerker=nina)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in activatie.token_hash and len(activatie.token_hash) == 64  # stored hashed
    assert AuditEvent.objects.filter(actor="beheer", object_id=str(nina.pk),
                                     omschrijving__startswith="activeringslink uitgegeven").count() == 1

    persoon = client.__class__()
    response = persoon.get(link)
    assert response.status_code == 302 and response.url == "/account/activeren/"  # the token leaves the address
    page = persoon.get("/account/activeren/").content.decode()
    assert "nina" in page and "wr-key" in page
    # A wrong code: a Dutch error at the field, nothing spent.
    response = persoon.post("/account/activeren/", {"new_password1": WACHTWOORD, "new_password2": WACHTWOORD,
                                                    "code": "000000"})
    assert "Deze code klopt niet" in response.content.decode()
    activatie.refresh_from_db()
    assert activatie.gebruikt_op is None and not Medewerker.objects.get(pk=nina.pk).has_usable_password()
    # django-otp throttles a device after a wrong code (seconds, doubling); the person waits a moment.
    TOTPDevice.objects.filter(user=nina).update(throttling_failure_count=0, throttling_failure_timestamp=None)

    response = persoon.post("/account/activeren/", {"new_password1": WACHTWOORD, "new_password2": WACHTWOORD,
                                                    "code": _code_van_pagina(page)})
    assert response.status_code == 302 and response.url == "/"
    assert persoon.get("/").status_code == 200  # logged in, both steps
    nina.refresh_from_db()
    assert nina.check_password(WACHTWOORD)
    assert TOTPDevice.objects.filter(user=nina, confirmed=True).count() == 1
    assert AuditEvent.objects.filter(actor="nina", omschrijving__startswith="account geactiveerd").exists()

    # The link works once.
    ander = client.__class__()
    response = ander.get(link)
    assert response.status_code == 410 and "al gebruikt, verlopen of onbekend" in response.content.decode()
    assert ander.get("/account/activeren/").status_code == 410
    assert TOTPDevice.objects.filter(user=nina).count() == 1


def test_an_expired_link_is_refused(client, world, monkeypatch):
    token = activatie_issue(actor=world.beheerder, medewerker=world.collega)
    later = timezone.now() + datetime.timedelta(hours=73)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client.get(f"/account/activeren/{token}/")
    assert response.status_code == 410
    assert "wr-key" not in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world.collega).exists()


def test_a_link_opened_but_expired_before_it_is_submitted_is_refused(client, world, monkeypatch):
    token = activatie_issue(actor=world.beheerder, medewerker=world.collega)
    page = client.get(f"/account/activeren/{token}/", follow=True).content.decode()
    later = timezone.now() + datetime.timedelta(hours=73)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client.post("/account/activeren/", {"new_password1": WACHTWOORD, "new_password2": WACHTWOORD,
                                                   "code": _code_van_pagina(page)})
    assert response.status_code == 410
    assert not TOTPDevice.objects.filter(user=world.collega, confirmed=True).exists()
    assert not Medewerker.objects.get(pk=world.collega.pk).check_password(WACHTWOORD)


def test_a_new_link_replaces_the_old_one(client, world):
    eerste = activatie_issue(actor=world.beheerder, medewerker=world.collega)
    tweede = activatie_issue(actor=world.beheerder, medewerker=world.collega)
    assert client.get(f"/account/activeren/{eerste}/").status_code == 410
    assert client.get(f"/account/activeren/{tweede}/").status_code == 302


def test_an_unknown_link_is_refused_and_audited(client, db):
    response = client.get("/account/activeren/verzonnen-token-van-een-aanvaller/")
    assert response.status_code == 410
    assert AuditEvent.objects.filter(
        omschrijving__startswith="activeringslink ongeldig", resultaat="geweigerd"
    ).exists()


@pytest.mark.parametrize("fout", ["kort", "anders"])
def test_a_weak_or_mismatched_password_gets_a_dutch_error_and_spends_nothing(client, world, fout):
    token = activatie_issue(actor=world.beheerder, medewerker=world.collega)
    page = client.get(f"/account/activeren/{token}/", follow=True).content.decode()
    tweede = "kort" if fout == "kort" else WACHTWOORD + "x"
    response = client.post("/account/activeren/", {"new_password1": "kort" if fout == "kort" else WACHTWOORD,
                                                   "new_password2": tweede, "code": _code_van_pagina(page)})
    content = response.content.decode()
    assert response.status_code == 200
    assert ("te kort" in content) if fout == "kort" else ("komen niet overeen" in content)
    assert Accountactivatie.objects.get(medewerker=world.collega).gebruikt_op is None
