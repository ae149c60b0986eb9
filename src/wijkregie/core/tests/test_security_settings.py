"""Settings come from the environment; the safe value is the default."""

import os
import subprocess
import sys


def _settings(env: dict, expr: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items()
            if k not in {"SECRET_KEY", "WIJKREGIE_DEMO", "DATABASE_URL", "DEBUG", "WIJKREGIE_HTTPS", "WIJKREGIE_REQUIRE_2FA"}}
    code = f"import django; django.setup(); from django.conf import settings; print({expr})"
    return subprocess.run(
        [sys.executable, "-c", code], env={**base, "DJANGO_SETTINGS_MODULE": "wijkregie.config.settings", **env},
        capture_output=True, text=True, timeout=60,
    )


def test_a_secret_key_is_required_outside_demo_mode():
    result = _settings({}, "settings.SECRET_KEY")
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_demo_mode_keeps_a_generated_key(tmp_path):
    env = {"WIJKREGIE_DEMO": "1", "WIJKREGIE_DATA_DIR": str(tmp_path)}
    first = _settings(env, "settings.SECRET_KEY").stdout
    assert first.strip() and first == _settings(env, "settings.SECRET_KEY").stdout
    assert (tmp_path / "demo_secret_key").stat().st_mode & 0o077 == 0


def test_debug_is_off_and_two_factor_on_by_default():
    result = _settings({"SECRET_KEY": "x"}, "settings.DEBUG, settings.REQUIRE_2FA")
    assert result.stdout.strip() == "False True"


def test_https_turns_on_secure_cookies_and_hsts():
    result = _settings(
        {"SECRET_KEY": "x", "WIJKREGIE_HTTPS": "1"},
        "settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS > 0",
    )
    assert result.stdout.strip() == "True True True"


def test_sqlite_runs_with_wal_busy_timeout_and_immediate_transactions(tmp_path):
    result = _settings(
        {"SECRET_KEY": "x", "WIJKREGIE_DATA_DIR": str(tmp_path)}, "settings.DATABASES['default']['OPTIONS']"
    )
    assert "'transaction_mode': 'IMMEDIATE'" in result.stdout
    assert "journal_mode=WAL" in result.stdout and "busy_timeout=5000" in result.stdout


def test_database_url_selects_postgresql():
    result = _settings(
        {"SECRET_KEY": "x", "DATABASE_URL": "postgresql://wr:geheim%21@db.example:5433/wijkregie?sslmode=require"},
        "[settings.DATABASES['default'][k] for k in ('ENGINE', 'NAME', 'USER', 'PASSWORD', 'HOST', 'PORT', 'OPTIONS')]",
    )
    assert result.stdout.strip() == (
        "['django.db.backends.postgresql', 'wijkregie', 'wr', 'geheim!', 'db.example', '5433', {'sslmode': 'require'}]"
    )


def test_every_response_carries_a_strict_csp(client, db):
    response = client.get("/inloggen/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Request-ID"]


def test_sqlite_urls_are_understood_and_bad_urls_refused(tmp_path):
    absolute = _settings({"SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path}/een%20db.sqlite3"},
                         "settings.DATABASES['default']['NAME']")
    assert absolute.stdout.strip() == f"{tmp_path}/een db.sqlite3"
    for url, message in [
        ("sqlite3:///x.db", "not supported"),
        ("mysql://h/db", "not supported"),
        ("postgresql://h:notaport/db", "invalid port"),
        ("postgresql://h/db?sslmod=require", "unknown options"),
        ("postgresql://h/", "names no database"),
    ]:
        result = _settings({"SECRET_KEY": "x", "DATABASE_URL": url}, "settings.DATABASES")
        assert result.returncode != 0 and message in result.stderr, url


def test_https_is_the_default_outside_demo_mode():
    assert _settings({"SECRET_KEY": "x"}, "settings.SESSION_COOKIE_SECURE").stdout.strip() == "True"
    result = _settings({"WIJKREGIE_DEMO": "1", "WIJKREGIE_DATA_DIR": "/tmp"}, "settings.SESSION_COOKIE_SECURE, settings.REQUIRE_2FA")
    assert result.stdout.strip() == "False False"


def test_argon2_is_the_configured_password_hasher():
    result = _settings({"SECRET_KEY": "x"}, "settings.PASSWORD_HASHERS[0]")
    assert result.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_an_installation_made_by_make_run_in_demo_mode_keeps_its_mode_for_the_commands(tmp_path):
    # `make run` leaves var/demomodus: `wijkregie audit verify` and the other README commands then work
    # without WIJKREGIE_DEMO=1, and WIJKREGIE_DEMO=0 still turns demo mode off.
    (tmp_path / "demomodus").touch()
    env = {"WIJKREGIE_DATA_DIR": str(tmp_path)}
    assert _settings(env, "settings.DEMO_MODE").stdout.strip() == "True"
    assert _settings(env, "settings.SECRET_KEY").returncode == 0
    uit = _settings({**env, "WIJKREGIE_DEMO": "0"}, "settings.SECRET_KEY")
    assert uit.returncode != 0 and "SECRET_KEY is required" in uit.stderr
