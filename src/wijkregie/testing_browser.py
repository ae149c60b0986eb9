"""Helpers for the Playwright tests: log in through both steps, and check a page with axe.

A page that fails its check is saved as a screenshot in test-screenshots/. To look at every checked page (what
looks wrong to a person is wrong), run the browser tests with WIJKREGIE_SCREENSHOTS=1 (or a directory): a full-page
screenshot costs about a third of a second, too much for every page of every run.
"""

import os
import time
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP
from playwright.sync_api import Error as PlaywrightError

from wijkregie.testing import TEST_WACHTWOORD

_axe = Axe()
_SCHERMAFDRUKKEN = os.environ.get("WIJKREGIE_SCREENSHOTS", "")
#: Every checked page is saved when WIJKREGIE_SCREENSHOTS is set ("1" or a directory), else only a failing one.
ALLE_SCHERMAFDRUKKEN = _SCHERMAFDRUKKEN not in ("", "0")
SHOTS = Path(_SCHERMAFDRUKKEN if _SCHERMAFDRUKKEN not in ("", "0", "1") else "test-screenshots")


def screenshot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# What axe's script dies of when the page it runs in is being replaced by the next one.
_TUSSEN_TWEE_PAGINAS = ("Execution context was destroyed", "reading 'documentElement'")


def _axe_run(page):
    """Axe on the page. A test that clicks a link and checks at once can catch the browser between two pages:
    the click returns when the navigation starts, and axe's script dies with the page being left. Then the
    page arrived at is checked (it failed CI runs under load: the context destroyed, or the document gone)."""
    try:
        return _axe.run(page)
    except PlaywrightError as error:
        if not any(teken in str(error) for teken in _TUSSEN_TWEE_PAGINAS):
            raise
        page.wait_for_load_state("load")
        return _axe.run(page)


def check_page(page, name: str) -> None:
    """Axe finds nothing serious or critical on the page; a failing page is saved to look at."""
    # A click that navigates returns once the new page has started: axe runs on the page when it has loaded.
    page.wait_for_load_state()
    if ALLE_SCHERMAFDRUKKEN:
        screenshot(page, name)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in _axe_run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    if violations and not ALLE_SCHERMAFDRUKKEN:
        screenshot(page, name)
    assert not violations, f"{name}: {violations}"


def log_in(page, base: str, username: str, *, via_form: bool = False, naar: str = "/") -> None:
    """The person is logged in (both steps) and on the page `naar` (a path; the start page by default): a test
    that begins elsewhere goes there at once instead of loading the start page first.

    By default the session is made on the server, as `testing.login` does for the test client, and handed to
    the browser as its cookie: logging in through the form costs seconds per test, and waiting for a fresh
    authenticator time step up to 30 s. The form itself is walked with `via_form=True` (the smoke test does) and
    tested in core/tests/test_login.py and the activation tests.
    """
    if via_form:
        _log_in_via_form(page, base, username)
        if naar != "/":
            page.goto(f"{base}{naar}")
        return
    from django.conf import settings
    from django.test import Client

    from wijkregie.organisatie.models import Medewerker
    from wijkregie.testing import login

    client = login(Client(), Medewerker.objects.get(username=username))
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": base,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    page.goto(f"{base}{naar}")
    assert page.url == f"{base}{naar}", f"{username} is not logged in: {page.url}"


def _log_in_via_form(page, base: str, username: str) -> None:
    """Both steps, as the person does them. An account not yet activated gets its authenticator first,
    as its activation would give it (the activation page itself: core/tests/test_account_activatie_browser.py):
    outside demo mode a password alone enrols nothing."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from wijkregie.organisatie.models import Medewerker
    from wijkregie.testing import totp_device

    device = totp_device(Medewerker.objects.get(username=username))
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(TEST_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/inloggen/tweestaps/")
    page.get_by_label("Code uit uw authenticator-app").wait_for()
    # The app's code, in a time step not used yet (a code works once).
    device = TOTPDevice.objects.get(pk=device.pk)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    while totp.t() <= device.last_t:
        time.sleep(0.5)
    code = totp.token()
    page.get_by_label("Code uit uw authenticator-app").fill(f"{code:06d}")
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(f"{base}/")


class Teller:
    """Counts the clicks and filled fields of one registration, as a user would do them."""

    def __init__(self, page):
        self.page, self.clicks, self.fields = page, 0, 0

    def fill(self, locator, value):
        locator.fill(value)
        self.fields += 1

    def check(self, locator):
        locator.check()
        self.clicks += 1

    def click(self, locator):
        locator.click()
        self.clicks += 1

    def select(self, locator, **kw):
        locator.select_option(**kw)
        self.fields += 1
