from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wijkregie.backoffice.demo import load_beschikkingen
from wijkregie.backoffice.demo_berichten import load_berichten
from wijkregie.core.models import Gemeente
from wijkregie.monitor.demo import load_ervaringen
from wijkregie.monitor.pilot import load_pilot
from wijkregie.organisatie.demo import DEMO_ACCOUNTS, DEMO_WACHTWOORD, load_den_helder
from wijkregie.organisatie.models import Rol
from wijkregie.plan.demo import load_plannen
from wijkregie.privacy.demo import load_privacy
from wijkregie.regie.demo import load_regie
from wijkregie.toegang.demo import load_toegang


class Command(BaseCommand):
    help = "Loads the Den Helder demo (idempotent) and prints the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2014, help="Seed for the synthetic names (default 2014).")
        parser.add_argument(
            "--if-empty", action="store_true",
            help="Load only when the database holds no gemeente yet (what 'make run' does at every start).",
        )
        parser.add_argument(
            "--pilot",
            action="store_true",
            help=(
                "Also load the 2014 pilot period (78 questions, seed 004 Tabel 6 and 7); "
                "loads the base demo first if needed."
            ),
        )
        parser.add_argument(
            "--households", type=int, default=1000,
            help="Synthetic households for Den Helder (default 1000; the real gemeente has 27.196).",
        )

    def handle(self, *args, seed: int, if_empty: bool, households: int, pilot: bool, **options):
        if not settings.DEMO_MODE:
            # The demo accounts share a published password: never in a real deployment.
            raise CommandError("De demo kan alleen in demomodus worden geladen (WIJKREGIE_DEMO=1).")
        if if_empty and Gemeente.objects.exists():
            self.stdout.write("De database bevat al gegevens; de demo is niet opnieuw geladen.")
        else:
            result = load_den_helder(seed=seed)
            created = result.created + load_toegang(result.gemeente, households=households, seed=seed)
            created += load_plannen(result.gemeente, seed=seed)
            created += load_regie(result.gemeente, seed=seed)
            created += load_beschikkingen(result.gemeente, seed=seed)
            created += load_berichten(result.gemeente, seed=seed)  # the providers' answers to those toewijzingen
            created += load_ervaringen(result.gemeente, seed=seed)
            created += load_privacy(result.gemeente, seed=seed)
            verb = f"{created} records aangemaakt" if created else "al aanwezig, niets gewijzigd"
            self.stdout.write(f"Demo gemeente {result.gemeente.naam}: {verb}.")
        if pilot:
            gemeente = Gemeente.objects.get(slug="den-helder")
            n = load_pilot(gemeente, seed=seed)
            self.stdout.write(f"Pilot 2014: {n} aanmeldingen geladen." if n else "Pilot 2014: al aanwezig.")
        self.stdout.write(f"Demo-accounts (wachtwoord: {DEMO_WACHTWOORD}):")
        for username, _first, _last, rollen, *_rest in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<22} {', '.join(str(Rol(r).label) for r in rollen)}")
        self.stdout.write(f"  {'buiten':<22} Voorbeeldgemeente: ziet niets van Den Helder")
