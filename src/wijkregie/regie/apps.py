from django.apps import AppConfig


class RegieConfig(AppConfig):
    name = "wijkregie.regie"
    label = "regie"
    verbose_name = "Regie"

    def ready(self):
        from wijkregie.casus.views import casus_panelen

        from . import services  # noqa: F401  (plans the first evaluation when a plan is signed)
        from .views import contact_paneel

        casus_panelen.register(contact_paneel)
