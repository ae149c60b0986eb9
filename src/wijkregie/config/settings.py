"""wijkregie settings: one file, every value from the environment with a documented default.

The table of variables is in docs/operations.md. Defaults are safe for production except where
WIJKREGIE_DEMO=1 relaxes them for a local demo (generated secret key, two-factor not enforced).
"""

import hashlib
import os
import secrets
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import wijkregie

BASE_DIR = Path(__file__).resolve().parents[3]
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


WAAR = {"1", "true", "yes", "on", "ja", "aan"}
ONWAAR = {"0", "false", "no", "off", "nee", "uit"}


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no setting. An unknown word is refused: WIJKREGIE_REQUIRE_2FA=flase must not quietly mean
    "off" (issue 18)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    word = value.strip().lower()
    if word in WAAR:
        return True
    if word in ONWAAR:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a yes/no value: use one of "
                               f"{', '.join(sorted(WAAR))} or {', '.join(sorted(ONWAAR))}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value or not value.strip():
        return default
    try:
        return int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


VERSION = wijkregie.__version__

# WIJKREGIE_DATA_DIR (default <repo>/var): the embedded SQLite database, the demo secret, static files.
DATA_DIR = Path(env("WIJKREGIE_DATA_DIR", str(BASE_DIR / "var")))

# WIJKREGIE_DEMO (default off): a local demo. Generates and keeps a secret key under the data
# directory and does not force two-factor login, so the demo accounts work at once. `make run` in demo
# mode leaves the file `demomodus` in the data directory, so that the `wijkregie` commands the README
# shows work on that installation without repeating the variable; WIJKREGIE_DEMO=0 still turns it off.
DEMO_MODE = env_bool("WIJKREGIE_DEMO", default=(DATA_DIR / "demomodus").exists())

# DEBUG (default off): never on in production, it shows settings and data in error pages.
DEBUG = env_bool("DEBUG")


def _secret_key() -> str:
    key = env("SECRET_KEY")
    if key:
        return key
    if not DEMO_MODE:
        raise ImproperlyConfigured(
            "SECRET_KEY is required. Set it in the environment, or set WIJKREGIE_DEMO=1 for a local demo."
        )
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "demo_secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


# SECRET_KEY (required outside demo mode).
SECRET_KEY = _secret_key()

# AUDIT_KEY (default: derived from SECRET_KEY): the key of the audit trail's HMAC chain. Keep it
# outside the database; changing it makes `wijkregie audit verify` fail for existing events.
AUDIT_KEY = env("AUDIT_KEY") or hashlib.sha256(f"wijkregie-audit:{SECRET_KEY}".encode()).hexdigest()

# WIJKREGIE_AUDIT_CHECKPOINT_DIR (default WIJKREGIE_DATA_DIR/audit-controlepunten): where `wijkregie audit
# verify` and the daily task keep the signed checkpoint of every audit chain (docs/audit.md). It must
# lie outside the database and should not be writable by whoever administers the database.
AUDIT_CHECKPOINT_DIR = Path(env("WIJKREGIE_AUDIT_CHECKPOINT_DIR", str(DATA_DIR / "audit-controlepunten")))

# ALLOWED_HOSTS (default "127.0.0.1,localhost"): comma-separated host names.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
# CSRF_TRUSTED_ORIGINS (default empty): origins such as https://wijkregie.denhelder.nl behind a proxy.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.postgres",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "wijkregie.core",
    "wijkregie.organisatie",
    "wijkregie.inwoners",
    "wijkregie.casus",
    "wijkregie.toegang",
    "wijkregie.plan",
    "wijkregie.regie",
    "wijkregie.monitor",
    "wijkregie.backoffice",
    "wijkregie.overstap",
    "wijkregie.privacy",
    "wijkregie.api",
    "wijkregie.portaal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "wijkregie.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wijkregie.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "wijkregie.core.middleware.NoStoreForLoggedInMiddleware",
    "wijkregie.core.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "wijkregie.core.middleware.TwoFactorRequiredMiddleware",
    "wijkregie.core.middleware.SessionIdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that a locked-out login is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

# WIJKREGIE_BENCH (default off): the application runs under `make bench`. It only adds a response
# header with the number of SQL queries of the request (bench/README.md); the bench data generator
# refuses to write into a database unless this is on, so it can never fill a real deployment.
BENCH_MODE = env_bool("WIJKREGIE_BENCH")
if BENCH_MODE:
    # First, so that the count covers every query: session, user, roles, the view and its audit event.
    MIDDLEWARE.insert(0, "wijkregie.core.middleware.QueryCountMiddleware")

# WIJKREGIE_GECOMPILEERD_CONTROLE (default off; on in the tests): a statement kept per process under a key
# (core/querying.py, issue 17) is built again on every use and compared with the kept one, so that a key that
# misses an input fails a test instead of answering a page from another state. It costs the saving it checks.
GECOMPILEERD_CONTROLE = env_bool("WIJKREGIE_GECOMPILEERD_CONTROLE")

ROOT_URLCONF = "wijkregie.config.urls"
WSGI_APPLICATION = "wijkregie.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wijkregie.core.context_processors.shell",
            ],
            # Django's `date` filter and `url` tag with their answers kept (core/templatetags/bewaard.py, issue 17).
            "builtins": ["wijkregie.core.templatetags.bewaard"],
            # {% load i18n %}: Django's library, a constant text's translation kept (core/templatetags/i18n_bewaard.py);
            # {% load static %}: Django's library, a constant path's link kept (core/templatetags/static_bewaard.py).
            "libraries": {"i18n": "wijkregie.core.templatetags.i18n_bewaard",
                          "static": "wijkregie.core.templatetags.static_bewaard"},
        },
    },
]
# Django warns (templates.W003) that two modules answer to {% load i18n %} and {% load static %}: Django's and ours
# above, which take their place on purpose. core/tests/test_system_checks.py keeps the warning for any other name.
SILENCED_SYSTEM_CHECKS = ["templates.W003"]


# DATABASE_URL (default empty: embedded SQLite in WIJKREGIE_DATA_DIR/wijkregie.sqlite3).
#   postgresql://user:password@host:5432/name?sslmode=require   PostgreSQL 15+
#   sqlite:////absolute/path.sqlite3   or   sqlite:///relative/to/the/repository.sqlite3
POSTGRES_OPTIONS = {
    "sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "application_name", "target_session_attrs",
    "options",
}


def _sqlite(name: str) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": name,
        # Measured (RECIPES.md): IMMEDIATE turns 'database is locked' under concurrent
        # read-then-write transactions from ~28 % of transactions into none.
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 5,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
            ),
        },
        "TEST": {"NAME": env("WIJKREGIE_TEST_SQLITE", "") or None},
    }


def _prepare_threshold() -> int | None:
    """DATABASE_PREPARE_THRESHOLD (default 2): after how many runs on a connection a statement is prepared;
    0 prepares none (psycopg's None)."""
    return env_int("DATABASE_PREPARE_THRESHOLD", 2) or None


def _database(url: str) -> dict:
    if not url:
        return _sqlite(str(DATA_DIR / "wijkregie.sqlite3"))
    parts = urlparse(url)
    if parts.scheme == "sqlite":
        if not url.startswith("sqlite:///") or len(url) <= len("sqlite:///"):
            raise ImproperlyConfigured(
                "DATABASE_URL for SQLite is sqlite:////absolute/path or sqlite:///relative/path."
            )
        path = Path(unquote(url[len("sqlite:///"):]))
        return _sqlite(str(path if path.is_absolute() else BASE_DIR / path))
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL scheme {parts.scheme!r} is not supported (use postgresql:// or sqlite:///)."
        )
    options = dict(parse_qsl(parts.query))
    unknown = set(options) - POSTGRES_OPTIONS
    if unknown:
        raise ImproperlyConfigured(f"DATABASE_URL has unknown options: {', '.join(sorted(unknown))}.")
    try:
        port = parts.port
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL has an invalid port: {exc}") from None
    name = unquote(parts.path[1:])
    if not name:
        raise ImproperlyConfigured("DATABASE_URL names no database (postgresql://host/<name>).")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": unquote(parts.hostname or ""),
        "PORT": str(port or ""),
        "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        # Parameters bound by the server, and a statement a connection has run twice prepared there:
        # PostgreSQL then plans the simple statements once (a generic plan) instead of on every
        # request, and the rest as before. The database's CPU per request fell 17 % on the bench's casework
        # mix (docs/scaling.md, issue 17). A pooler in transaction mode (PgBouncer) needs
        # DATABASE_PREPARE_THRESHOLD=0, which prepares nothing.
        "OPTIONS": {"server_side_binding": True, "prepare_threshold": _prepare_threshold(), **options},
    }


DATABASES = {"default": _database(env("DATABASE_URL"))}

# --- Read replica (issue 17; core/routers.py, docs/scaling.md) -----------------------------------------------
# WIJKREGIE_REPLICA_URL (default empty: no replica): a PostgreSQL streaming replica of DATABASE_URL, written the
# same way. Reads marked `replica_reads` (the monitor, exports, person search) go there while its replay lag is
# at most WIJKREGIE_REPLICA_MAX_LAG seconds (default 3, as CommCare), never in a request that wrote, nor for
# WIJKREGIE_REPLICA_AFTER_WRITE seconds (default 5) after the same browser wrote. Inert on SQLite. In tests the
# replica alias mirrors the test database. The router and its middleware are harmless without a replica.
DATABASE_ROUTERS = ["wijkregie.core.routers.ReplicaRouter"]
REPLICA_MAX_LAG = env_int("WIJKREGIE_REPLICA_MAX_LAG", 3)
REPLICA_AFTER_WRITE = env_int("WIJKREGIE_REPLICA_AFTER_WRITE", 5)
if env("WIJKREGIE_REPLICA_URL"):
    DATABASES["replica"] = {**_database(env("WIJKREGIE_REPLICA_URL")), "TEST": {"MIRROR": "default"}}
MIDDLEWARE.append("wijkregie.core.routers.PrimaryAfterWriteMiddleware")
# --- end of the read replica ----------------------------------------------------------------------------------
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisatie.Medewerker"
AUTHENTICATION_BACKENDS = [
    # axes first: it refuses a locked-out login before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "wijkregie.core.backends.WijkregieModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "core:login"

# WIJKREGIE_REQUIRE_2FA (default on outside demo mode): every staff account logs in with TOTP.
REQUIRE_2FA = env_bool("WIJKREGIE_REQUIRE_2FA", not DEMO_MODE)
OTP_TOTP_ISSUER = "wijkregie"

# SESSION_IDLE_MINUTES (default 30): a session ends after this long without a request, so a
# laptop left open at a kitchen table does not stay logged in.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
# Django's database sessions, read by a statement written once (core/sessies.py, issue 17).
SESSION_ENGINE = "wijkregie.core.sessies"
SESSION_SAVE_EVERY_REQUEST = False  # SessionIdleTimeoutMiddleware refreshes the expiry once a minute
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# WIJKREGIE_HTTPS (default on, off in demo mode): served over HTTPS (directly or behind a proxy that
# sets X-Forwarded-Proto). Secure cookies, HSTS and the redirect to HTTPS.
HTTPS = env_bool("WIJKREGIE_HTTPS", not DEMO_MODE)
# WIJKREGIE_DOCUMENT_KEY: the Fernet key(s) that encrypt uploaded documents at rest, comma-separated, the
# first encrypts (rotation: put the new key first). Required outside demo mode; read where it is used
# (core/versleuteling.py), so that a rotation needs no restart of the settings; demo mode derives one
# from SECRET_KEY.

# WIJKREGIE_PROXY_COUNT (default 0): trusted reverse proxies in front of the application. With 1,
# the client address is taken from X-Forwarded-For (audit trail, lockout); with 0 it is ignored, so
# a client cannot forge its address.
PROXY_COUNT = env_int("WIJKREGIE_PROXY_COUNT", 0)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Strict Content-Security-Policy: only our own scripts and styles, no inline code, no eval.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}

# Lockout (django-axes): AXES_FAILURE_LIMIT failures (default 5) for a username from one address
# lock that combination for AXES_COOLOFF_MINUTES (default 15).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Besides: AXES_IP_FAILURE_LIMIT failures (default 20) from one address over any usernames refuse that
# address for the same cool-off (core.views.login; one office behind one router makes a few typos a day).
AXES_IP_FAILURE_LIMIT = env_int("AXES_IP_FAILURE_LIMIT", 20)
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if PROXY_COUNT else ["REMOTE_ADDR"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_VERBOSE = False
# axes' own log lines name the username; keep them out of application logs.
AXES_ENABLE_ACCESS_FAILURE_LOG = False

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "WIJKREGIE_STATICFILES_STORAGE", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Application logs carry no personal data: no request bodies, no query strings (a search term can
# be a name or a BSN). Who did what with which client is in the audit trail, not in the logs.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "wijkregie.core.logging.NoPersonalDataFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_personal_data"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # WeasyPrint narrates every layout step at INFO; only its warnings matter in operations.
        "weasyprint": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "fontTools": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

FORM_RENDERER = "wijkregie.core.renderers.FormRenderer"

# Dashboards: the indicators of one filter are computed once per this many seconds and then served
# from the cache (per process; see docs/operations.md). 0 computes on every request.
MONITOR_CACHE_SECONDEN = int(env("WIJKREGIE_MONITOR_CACHE_SECONDEN", "300"))
# One cache for all app processes on this machine (files under WIJKREGIE_DATA_DIR/cache), so a figure
# computed by one gunicorn worker serves the others: the monitor's aggregates, and the counters of logins,
# searches and API calls (with the ids of the residents a user was shown this hour). No names, no case notes.
CACHE_DIR = env("WIJKREGIE_CACHE_DIR", str(DATA_DIR / "cache"))
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": CACHE_DIR,
    },
    # Answers the processes share for a few seconds (core.querying.KortGeheugen: ids of the teams' consented
    # casussen and aanmeldingen, each file overwritten at the next read): a directory of its own, because a
    # file cache prunes a random third of its files when it holds too many, and that must never reach the
    # counters above.
    "kortgeheugen": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.path.join(CACHE_DIR, "kortgeheugen"),
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # Parts of pages drawn from aggregates only (the monitor's dashboards: no personal data), kept per server
    # process: apart from the shared cache above, whose pruning must not reach its login and search counters.
    "paginas": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "wijkregie-paginas",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}

# Uploaded documents (signed consent forms): under the data directory, never served as static files;
# only a view that checks access may hand them out.
MEDIA_ROOT = DATA_DIR / "documenten"
MEDIA_URL = "/documenten/"
FILE_UPLOAD_PERMISSIONS = 0o600

# Background work (reminders) with django-tasks and its database backend: no broker, both databases.
# A worker runs them: `wijkregie db_worker` (make run starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# EVALUATIE_INTERVAL_WEKEN (default 13): a signed plan is evaluated with the resident this often.
EVALUATIE_INTERVAL_WEKEN = env_int("EVALUATIE_INTERVAL_WEKEN", 13)

# Limits on harvesting residents through search (docs/toegangsbeleid.md): per user and hour, at most
# WIJKREGIE_ZOEKLIMIET_PER_UUR searches (default 300: the live search asks at every pause in typing) and
# WIJKREGIE_RESULTATENLIMIET_PER_UUR distinct residents shown in results (default 600); beyond either the
# search is refused and the privacy officer alerted.
# The counters (a user id and a number, no resident data) live in the shared cache above.
ZOEKLIMIET_PER_UUR = env_int("WIJKREGIE_ZOEKLIMIET_PER_UUR", 300)
RESULTATENLIMIET_PER_UUR = env_int("WIJKREGIE_RESULTATENLIMIET_PER_UUR", 600)
# WIJKREGIE_WEIGERINGENLIMIET_PER_UUR (default 30): refused requests for existing objects per user and
# hour before the privacy officer is signalled (someone walking ids, docs/toegangsbeleid.md).
WEIGERINGENLIMIET_PER_UUR = env_int("WIJKREGIE_WEIGERINGENLIMIET_PER_UUR", 30)

# The partner API (/api/v1/, docs/api.md): Django REST framework with the OpenAPI document by
# drf-spectacular. Keys, scopes, errors and limits are the api app's own (api/views.py PartnerView);
# these are the defaults for anything else DRF serves (the schema view).
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["wijkregie.api.authentication.SleutelAuthenticatie"],
    "DEFAULT_PERMISSION_CLASSES": ["wijkregie.api.authentication.HeeftScope"],
    "DEFAULT_PARSER_CLASSES": ["wijkregie.api.problemen.BegrensdeJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "wijkregie.api.problemen.probleem_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "wijkregie partner-API",
    "DESCRIPTION": "Verwijzen, vroegsignaleren en het gedeelde plan lezen, voor partnerorganisaties van het "
                   "sociaal wijkteam. Zie docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PUBLIC": True,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"VerwijzerEnum": "wijkregie.toegang.models.Verwijzer",
                            "SignaalBronEnum": "wijkregie.toegang.models.SignaalBron"},
}
# WIJKREGIE_API_LIMIET_PER_UUR (default 600): requests per partner key and hour; beyond it 429.
API_LIMIET_PER_UUR = env_int("WIJKREGIE_API_LIMIET_PER_UUR", 600)
# WIJKREGIE_API_MAX_KB (default 64): the largest request body the API reads; beyond it 413.
API_MAX_BODY = env_int("WIJKREGIE_API_MAX_KB", 64) * 1024
