from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "wijkregie.monitor"
    label = "monitor"
    verbose_name = "Monitor"
