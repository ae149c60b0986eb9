from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    """The backoffice: beschikkingen on the plan's maatwerk requests, toewijzingen and the iWmo/iJw exchange."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "wijkregie.backoffice"
    verbose_name = _("backoffice")
