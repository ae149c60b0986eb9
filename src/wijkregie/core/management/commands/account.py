from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wijkregie.core.accounts import ACTIVATIE_GELDIG, activatie_issue, tweestaps_opnieuw


class Command(BaseCommand):
    help = (
        "Account activation for the technical administrator (the first functioneel beheerder of a new "
        "installation, or one who lost their phone). 'activeren USERNAME' prints a one-time activation path "
        "(valid 72 hours); 'tweestaps-opnieuw USERNAME' also removes the account's authenticators first. "
        "Both are audited. Functional admins do this on the medewerker's page instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["activeren", "tweestaps-opnieuw"])
        parser.add_argument("gebruikersnaam")

    def handle(self, *args, actie: str, gebruikersnaam: str, **options):
        try:
            medewerker = get_user_model().objects.get(username=gebruikersnaam)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Er is geen account met gebruikersnaam {gebruikersnaam!r}.") from None
        if not medewerker.is_active:
            raise CommandError(f"Het account {gebruikersnaam!r} is niet actief; zet het eerst op actief.")
        if actie == "tweestaps-opnieuw":
            token = tweestaps_opnieuw(actor=None, medewerker=medewerker, grondslag="technisch beheer")
        else:
            token = activatie_issue(actor=None, medewerker=medewerker, grondslag="technisch beheer")
        uren = int(ACTIVATIE_GELDIG.total_seconds() // 3600)
        self.stdout.write(
            f"Activeringslink voor {gebruikersnaam} (één keer te gebruiken, {uren} uur geldig); zet het adres "
            f"van de installatie ervoor:\n/account/activeren/{token}/"
        )
