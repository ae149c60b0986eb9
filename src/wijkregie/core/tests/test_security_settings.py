"""Settings come from the environment; the safe value is the default.

settings.py is read as a pure function of the environment: `_settings(env)` runs the module's code in this
process with only `env` (plus the run's PATH-like basics) in os.environ and returns its names; the settings
Django already loaded for the test run are not touched. (Before, each case started a Python process: 40 s.)
"""

import os
import runpy
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured

import wijkregie.config

SETTINGS_PY = Path(wijkregie.config.__file__).with_name("settings.py")
# What the test run itself sets (pytest_setup.py) and the cases below decide for themselves.
_DECIDED = {"SECRET_KEY", "WIJKREGIE_DEMO", "DATABASE_URL", "DEBUG", "WIJKREGIE_HTTPS", "WIJKREGIE_REQUIRE_2FA"}


def _settings(env: dict) -> dict:
    base = {k: v for k, v in os.environ.items() if k not in _DECIDED}
    with mock.patch.dict(os.environ, {**base, **env}, clear=True):
        return runpy.run_path(str(SETTINGS_PY))


def _refused(env: dict) -> str:
    with pytest.raises(ImproperlyConfigured) as exc:
        _settings(env)
    return str(exc.value)


def test_a_secret_key_is_required_outside_demo_mode():
    assert "SECRET_KEY is required" in _refused({})


def test_demo_mode_keeps_a_generated_key(tmp_path):
    env = {"WIJKREGIE_DEMO": "1", "WIJKREGIE_DATA_DIR": str(tmp_path)}
    first = _settings(env)["SECRET_KEY"]
    assert first and first == _settings(env)["SECRET_KEY"]
    assert (tmp_path / "demo_secret_key").stat().st_mode & 0o077 == 0


def test_debug_is_off_and_two_factor_on_by_default():
    s = _settings({"SECRET_KEY": "x"})
    assert (s["DEBUG"], s["REQUIRE_2FA"]) == (False, True)


def test_https_turns_on_secure_cookies_and_hsts():
    s = _settings({"SECRET_KEY": "x", "WIJKREGIE_HTTPS": "1"})
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"] and s["SECURE_HSTS_SECONDS"] > 0


def test_sqlite_runs_with_wal_busy_timeout_and_immediate_transactions(tmp_path):
    options = _settings({"SECRET_KEY": "x", "WIJKREGIE_DATA_DIR": str(tmp_path)})["DATABASES"]["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"] and "busy_timeout=5000" in options["init_command"]


def test_database_url_selects_postgresql():
    db = _settings({"SECRET_KEY": "x",
                    "DATABASE_URL": "postgresql://wr:geheim%21@db.example:5433/wijkregie?sslmode=require"})["DATABASES"]
    assert [db["default"][k] for k in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS")] == [
        "django.db.backends.postgresql", "wijkregie", "wr", "geheim!", "db.example", "5433",
        {"sslmode": "require", "server_side_binding": True, "prepare_threshold": 2}]


def test_prepared_statements_can_be_turned_off_for_a_pooler():
    """PgBouncer in transaction mode hands a connection's prepared statements to another client: 0 prepares none."""
    env = {"SECRET_KEY": "x", "DATABASE_URL": "postgresql://wr@db.example/wijkregie"}
    assert _settings({**env, "DATABASE_PREPARE_THRESHOLD": "0"})["DATABASES"]["default"]["OPTIONS"][
        "prepare_threshold"] is None
    assert _settings({**env, "DATABASE_PREPARE_THRESHOLD": "5"})["DATABASES"]["default"]["OPTIONS"][
        "prepare_threshold"] == 5


def test_every_response_carries_a_strict_csp(client, db):
    response = client.get("/inloggen/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Request-ID"]


def test_sqlite_urls_are_understood_and_bad_urls_refused(tmp_path):
    absolute = _settings({"SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path}/een%20db.sqlite3"})
    assert absolute["DATABASES"]["default"]["NAME"] == f"{tmp_path}/een db.sqlite3"
    for url, message in [
        ("sqlite3:///x.db", "not supported"),
        ("mysql://h/db", "not supported"),
        ("postgresql://h:notaport/db", "invalid port"),
        ("postgresql://h/db?sslmod=require", "unknown options"),
        ("postgresql://h/", "names no database"),
    ]:
        assert message in _refused({"SECRET_KEY": "x", "DATABASE_URL": url}), url


def test_https_is_the_default_outside_demo_mode(tmp_path):
    assert _settings({"SECRET_KEY": "x"})["SESSION_COOKIE_SECURE"] is True
    demo = _settings({"WIJKREGIE_DEMO": "1", "WIJKREGIE_DATA_DIR": str(tmp_path)})
    assert (demo["SESSION_COOKIE_SECURE"], demo["REQUIRE_2FA"]) == (False, False)


def test_argon2_is_the_configured_password_hasher():
    assert _settings({"SECRET_KEY": "x"})["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_an_installation_made_by_make_run_in_demo_mode_keeps_its_mode_for_the_commands(tmp_path):
    # `make run` leaves var/demomodus: `wijkregie audit verify` and the other README commands then work
    # without WIJKREGIE_DEMO=1, and WIJKREGIE_DEMO=0 still turns demo mode off.
    (tmp_path / "demomodus").touch()
    env = {"WIJKREGIE_DATA_DIR": str(tmp_path)}
    demo = _settings(env)
    assert demo["DEMO_MODE"] is True and demo["SECRET_KEY"]
    assert "SECRET_KEY is required" in _refused({**env, "WIJKREGIE_DEMO": "0"})
