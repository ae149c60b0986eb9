from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "wijkregie.core"
    label = "core"
    verbose_name = "Kern"

    def ready(self):
        from . import keuzewaarden, signals  # noqa: F401

        keuzewaarden.registreer()
