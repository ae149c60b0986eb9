"""Test set-up and personas (DESIGN.md): who is who in every test.

Den Helder has two teams, Noord and Zuid; Voorbeeldgemeente is the other tenant. Tests run with
two-factor login enforced, as in production: `login(client, user)` passes both steps.
"""

import pytest

from wijkregie.testing import World, build_world, login

__all__ = ["login"]

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is the production hasher (tested on its own); hashing in every fixture costs seconds.
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _empty_cache():
    # Dashboard figures are cached per filter; a figure from an earlier test must never answer this one.
    from django.core.cache import cache, caches

    from wijkregie.casus.selectors import TEAM_TOESTEMMING
    from wijkregie.toegang.selectors import TEAM_AANMELDINGEN

    cache.clear()
    caches["paginas"].clear()  # and the dashboards' parts drawn from them
    caches["kortgeheugen"].clear()  # and the answers the processes share for seconds
    # Likewise the teams' consented casussen kept for seconds: each test's database is its own (rolled back).
    TEAM_TOESTEMMING.vergeet()
    TEAM_AANMELDINGEN.vergeet()
    # And where this process's next seal starts: ids an earlier test saw mean nothing in this one.
    from wijkregie.core import audit

    audit._Mark.after, audit._Mark.full_at = 0, None


@pytest.fixture(scope="session")
def _world_once(django_db_setup, django_db_blocker):
    # Built before the first test's transaction opens (session fixtures come first), so it is committed and
    # every later test that rolls back shares it instead of building its own (about 60 inserts each).
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        build_world()


@pytest.fixture
def world(_world_once, db) -> World:
    return build_world()


@pytest.fixture
def empty_database(db):
    """No world: the database as a fresh installation has it, for a test of what a command builds from nothing
    (the demo). Flushed inside this test's transaction, so the shared world is back for the next test."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def medewerker(world):
    """Medewerker of team Noord (Den Helder)."""
    return world.medewerker


@pytest.fixture
def collega(world):
    """A colleague in the same team Noord."""
    return world.collega


@pytest.fixture
def andere_teamlid(world):
    """A medewerker of team Zuid, same gemeente."""
    return world.andere_teamlid


@pytest.fixture
def buitenstaander(world):
    """A medewerker (and functional admin and privacy officer) of another gemeente: sees nothing of Den Helder."""
    return world.buitenstaander


@pytest.fixture
def backoffice(world):
    return world.backoffice


@pytest.fixture
def privacyfunctionaris(world):
    return world.privacyfunctionaris


@pytest.fixture
def beleidsmedewerker(world):
    return world.beleidsmedewerker


@pytest.fixture
def beheerder(world):
    return world.beheerder


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium; Playwright cannot download its own browser here. Outside hosts are
    # unreachable, so Chromium is told not to try.
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
        ],
    }


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']}"


@pytest.fixture
def casus(world):
    """An allocated casus of team Noord for the Jansen household, with Sanne as medewerker."""
    from wijkregie.casus.services import casus_open
    from wijkregie.testing import make_persoon

    persoon = make_persoon(world, "Pieter", "Jansen", geboortedatum="1980-03-12")
    return casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                      huishouden=persoon.lidmaatschappen.first().huishouden, hoofdpersoon=persoon)


@pytest.fixture
def getekend(world, casus):
    """The casus with a signed plan (one goal, one Wmo maatwerk line): it is in uitvoering."""
    from wijkregie.testing import make_getekend_plan

    plan = make_getekend_plan(world, casus)
    casus.refresh_from_db()
    return plan


@pytest.fixture
def teamleider_noord(world):
    from wijkregie.organisatie.models import Rol
    from wijkregie.testing import make_medewerker

    return make_medewerker(world.den_helder, "teamleider", Rol.TEAMLEIDER, Rol.MEDEWERKER, org=world.wering,
                           team=world.team_noord)
