from django.apps import AppConfig


class OrganisatieConfig(AppConfig):
    name = "wijkregie.organisatie"
    label = "organisatie"
    verbose_name = "Organisatie"

    def ready(self):
        from .models import Organisatie, Voorziening
        from .selectors import VRIJE_VOORZIENINGEN

        VRIJE_VOORZIENINGEN.vergeten_bij(Voorziening, Organisatie, naam="organisatie.vrije_voorzieningen")
