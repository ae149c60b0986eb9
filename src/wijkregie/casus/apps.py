from django.apps import AppConfig


class CasusConfig(AppConfig):
    name = "wijkregie.casus"
    label = "casus"
    verbose_name = "Casus"
