from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "wijkregie.monitor"
    label = "monitor"
    verbose_name = "Monitor"

    def ready(self):
        from . import services  # noqa: F401  (invites residents to the cliëntervaring when regie says so)
