from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    """The backoffice: beschikkingen on the plan's maatwerk requests, toewijzingen and the iWmo/iJw exchange."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "wijkregie.backoffice"
    verbose_name = _("backoffice")

    def ready(self):
        # The backoffice sits above casus and regie: it adds its parts to their pages, they never import it.
        from wijkregie.casus.views import casus_panelen
        from wijkregie.regie.views import start_kaarten

        from .views import casus_paneel, start_kaart

        casus_panelen.register(casus_paneel)
        start_kaarten.register(start_kaart)
