from django.apps import AppConfig


class ToegangConfig(AppConfig):
    name = "wijkregie.toegang"
    label = "toegang"
    verbose_name = "Toegang"

    def ready(self):
        from wijkregie.inwoners.selectors import dossierregel

        from .selectors import aanmelding_beleid_invoer, personen_via_aanmelding_q

        dossierregel(personen_via_aanmelding_q, invoer=aanmelding_beleid_invoer)

        from wijkregie.inwoners.views import persoon_panelen

        from .views import aanmeldingen_paneel

        persoon_panelen.register(aanmeldingen_paneel)
