from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverstapConfig(AppConfig):
    """The move from another system: an existing caseload imported from a spreadsheet, whole or not at all.
    It writes through the services of every phase, so it sits above them (beside monitor)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "wijkregie.overstap"
    verbose_name = _("overstap")
