from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "wijkregie.plan"
    label = "plan"
    verbose_name = "Plan"

    def ready(self):
        from wijkregie.casus.views import casus_panelen

        from .views import plan_paneel

        casus_panelen.register(plan_paneel)
