from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "wijkregie.monitor"
    label = "monitor"
    verbose_name = "Monitor"

    def ready(self):
        from wijkregie.regie.views import start_panelen

        from . import services  # noqa: F401  (invites residents to the cliëntervaring when regie says so)
        from .views import start_paneel

        start_panelen.register(start_paneel)
