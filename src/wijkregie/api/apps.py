from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The partner API (issue 15): keys per partner organisation, referrals, early signals and the
    plan a household consented to share, under /api/v1/ (docs/api.md)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "wijkregie.api"
    label = "api"
    verbose_name = _("partner-API")

    def ready(self):
        from wijkregie.casus.views import casus_panelen

        from . import schema  # noqa: F401  (registers the OpenAPI extension of the key authentication)
        from .team import voorstellen_paneel

        casus_panelen.register(voorstellen_paneel)
