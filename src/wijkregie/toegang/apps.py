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

        # The teams' consented aanmeldingen kept for a few seconds (selectors.TEAM_AANMELDINGEN) are forgotten
        # whenever this process writes anything their rule reads.
        from django.db.models.signals import post_delete, post_save

        from wijkregie.casus.models import Toestemming
        from wijkregie.inwoners.models import Lidmaatschap, Persoon

        from .models import Aanmelding
        from .selectors import TEAM_AANMELDINGEN

        TEAM_AANMELDINGEN.vergeten_bij(Toestemming, Lidmaatschap, Persoon, naam="toegang.team_aanmeldingen")

        def aanmelding_geschreven(sender, instance, **kwargs):
            # Only an aanmelding the rule may count now (a team's, without a casus) or counted before: forgetting
            # at every registration kept each registering browser off every kept answer for seconds
            # (core.routers.MEMORY_COOKIE), and the teams' consented casussen were read on every request again.
            # Any team's aanmelding, with or without a casus: one that just got its casus was counted in an answer
            # another process may have shared, which this process's own copies (bevat) do not show.
            if instance.team_id is not None or TEAM_AANMELDINGEN.bevat(instance.pk):
                TEAM_AANMELDINGEN.vergeet()

        for signal in (post_save, post_delete):
            signal.connect(aanmelding_geschreven, sender=Aanmelding, weak=False,
                           dispatch_uid=f"toegang.team_aanmeldingen.Aanmelding.{signal is post_save}")
