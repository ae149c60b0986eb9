from django.apps import AppConfig


class ToegangConfig(AppConfig):
    name = "wijkregie.toegang"
    label = "toegang"
    verbose_name = "Toegang"
