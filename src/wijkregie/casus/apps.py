from django.apps import AppConfig


class CasusConfig(AppConfig):
    name = "wijkregie.casus"
    label = "casus"
    verbose_name = "Casus"

    def ready(self):
        from wijkregie.inwoners.selectors import dossierregel

        from .selectors import personen_via_casus_q

        dossierregel(personen_via_casus_q)

        from wijkregie.inwoners.views import persoon_panelen

        from .views import casussen_paneel, toestemming_paneel

        persoon_panelen.register(toestemming_paneel)
        persoon_panelen.register(casussen_paneel)
