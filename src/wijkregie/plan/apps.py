from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "wijkregie.plan"
    label = "plan"
    verbose_name = "Plan"
