from django.apps import AppConfig


class OrganisatieConfig(AppConfig):
    name = "wijkregie.organisatie"
    label = "organisatie"
    verbose_name = "Organisatie"
