from django.apps import AppConfig


class InwonersConfig(AppConfig):
    name = "wijkregie.inwoners"
    label = "inwoners"
    verbose_name = "Inwoners"

    def ready(self):
        from . import search  # noqa: F401  (post_migrate: the SQLite full-text index)
