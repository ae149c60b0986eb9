from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortaalConfig(AppConfig):
    """The partner portal: the partner API's rules as pages, for partners without their own software."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "wijkregie.portaal"
    verbose_name = _("partnerportaal")
