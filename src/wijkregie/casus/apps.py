from django.apps import AppConfig


class CasusConfig(AppConfig):
    name = "wijkregie.casus"
    label = "casus"
    verbose_name = "Casus"

    def ready(self):
        from wijkregie.inwoners.selectors import dossierregel

        from .selectors import beleid_invoer, personen_via_casus_q

        dossierregel(personen_via_casus_q, invoer=beleid_invoer)

        from wijkregie.inwoners.views import persoon_panelen

        from .views import casussen_paneel, toestemming_paneel

        persoon_panelen.register(toestemming_paneel)
        persoon_panelen.register(casussen_paneel)

        # The teams' consented casussen kept for a few seconds (selectors.TEAM_TOESTEMMING) are forgotten
        # whenever this process writes anything the consent rule reads.
        from django.db.models.signals import post_delete, post_save

        from wijkregie.inwoners.models import Lidmaatschap, Persoon

        from .models import Casus, Toestemming
        from .selectors import TEAM_TOESTEMMING

        for model in (Casus, Toestemming, Lidmaatschap, Persoon):
            for signal in (post_save, post_delete):
                signal.connect(TEAM_TOESTEMMING.vergeet, sender=model, weak=False,
                               dispatch_uid=f"casus.team_toestemming.{model.__name__}.{signal is post_save}")
