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
        from wijkregie.inwoners.models import Lidmaatschap, Persoon

        from .models import Casus, Toestemming
        from .selectors import TEAM_TOESTEMMING

        TEAM_TOESTEMMING.vergeten_bij(Casus, Toestemming, Lidmaatschap, Persoon, naam="casus.team_toestemming")
