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
        from django.db.models.signals import post_delete, post_init, post_save

        from wijkregie.casus.models import Toestemming
        from wijkregie.inwoners.models import Lidmaatschap, Persoon

        from .models import Aanmelding
        from .selectors import TEAM_AANMELDINGEN

        TEAM_AANMELDINGEN.vergeten_bij(Toestemming, Lidmaatschap, Persoon, naam="toegang.team_aanmeldingen")

        def aanmelding_geladen(sender, instance, **kwargs):
            # Whether the rule could count it as read (a team's, without a casus); None when a field is deferred.
            velden = instance.__dict__
            instance._telde_team = (velden["team_id"] is not None and velden["casus_id"] is None
                                    if "team_id" in velden and "casus_id" in velden else None)

        def aanmelding_geschreven(sender, instance, created=False, **kwargs):
            # Only an aanmelding the rule may count now (a team's, without a casus) or counted before: forgetting
            # at every registration kept each registering browser off every kept answer for seconds
            # (core.routers.MEMORY_COOKIE), and the teams' consented casussen were read on every request again.
            # "Before" as loaded, not only as this process's own copies hold it (bevat): another process may have
            # shared an answer that counts it. A new one saved with its casus was never counted.
            telde = False if created else getattr(instance, "_telde_team", None)  # None: not known (deferred)
            if (instance.team_id is not None and instance.casus_id is None) or telde is not False \
                    or TEAM_AANMELDINGEN.bevat(instance.pk):
                TEAM_AANMELDINGEN.vergeet()
            instance._telde_team = instance.team_id is not None and instance.casus_id is None  # as saved

        post_init.connect(aanmelding_geladen, sender=Aanmelding, weak=False, dispatch_uid="toegang.aanmelding_geladen")
        for signal in (post_save, post_delete):
            signal.connect(aanmelding_geschreven, sender=Aanmelding, weak=False,
                           dispatch_uid=f"toegang.team_aanmeldingen.Aanmelding.{signal is post_save}")
