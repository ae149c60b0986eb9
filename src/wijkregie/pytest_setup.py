"""Loaded with `-p wijkregie.pytest_setup` (pyproject.toml) before pytest-django reads the settings.

The environment the test run needs: production-like settings (two-factor enforced, DEBUG off) with a
fixed secret key and plain static storage (no collectstatic manifest in tests).
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("WIJKREGIE_STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
os.environ.setdefault("WIJKREGIE_REQUIRE_2FA", "1")
os.environ.setdefault("WIJKREGIE_HTTPS", "0")  # the test client speaks plain HTTP
# Uploaded documents are encrypted at rest (core/versleuteling.py); a fixed key for tests only.
os.environ.setdefault("WIJKREGIE_DOCUMENT_KEY", "aVj6SlWYa2fqBpk0s31SxodBboEluM5VDqxI77tniVY=")
os.environ.pop("WIJKREGIE_DEMO", None)
# Every statement kept per process is built again and compared on each use (core/querying.py): a cache key
# that misses an input fails the test that meets it.
os.environ.setdefault("WIJKREGIE_GECOMPILEERD_CONTROLE", "1")
# Playwright's sync API runs an event loop in the test thread; the ORM calls beside it are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# A data directory of the run's own, so tests never touch the demo database under var/.
if "WIJKREGIE_DATA_DIR" not in os.environ:
    import tempfile

    _data = tempfile.mkdtemp(prefix="wijkregie-test-")
    os.makedirs(os.path.join(_data, "static"))
    os.environ["WIJKREGIE_DATA_DIR"] = _data
