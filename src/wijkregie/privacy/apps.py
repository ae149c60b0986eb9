from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """The privacy officer's desk (the audit trail in Dutch terms, the review queue, the inzage) and
    break-the-glass for medewerkers."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "wijkregie.privacy"
    verbose_name = _("privacy")
