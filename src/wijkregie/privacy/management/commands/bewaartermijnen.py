from django.core.management.base import BaseCommand

from wijkregie.organisatie.models import Wet
from wijkregie.privacy.bewaartermijnen import (
    bewaartermijnen_dagelijks,
    bewaartermijnen_overzicht,
    bewaartermijnen_toepassen,
)


class Command(BaseCommand):
    help = (
        "Retention (docs/bewaartermijnen.md): destroys every closed file whose term has passed and that no legal "
        "hold keeps, leaving one count-only audit event per gemeente. --dry-run lists what the next run would "
        "destroy (numbers of casussen only) and changes nothing; --wachtrij queues the daily task for the worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list what would be destroyed.")
        parser.add_argument("--wachtrij", action="store_true", help="Queue the task (run daily from cron).")

    def handle(self, *args, dry_run: bool = False, wachtrij: bool = False, **options):
        if wachtrij:
            result = bewaartermijnen_dagelijks.enqueue()
            self.stdout.write(
                f"Taak in de wachtrij gezet ({result.id}); een worker (wijkregie db_worker) voert hem uit."
            )
            return
        if dry_run:
            vervallen = bewaartermijnen_overzicht()
            te_vernietigen = [v for v in vervallen if not v.blokkade]
            self.stdout.write(
                f"Proefrun: {len(te_vernietigen)} casussen zouden worden vernietigd, "
                f"{len(vervallen) - len(te_vernietigen)} blijven door een bewaarblokkade. Er verandert niets."
            )
            for v in vervallen:
                wetten = ", ".join(str(Wet(w).label) for w in v.wetten)
                status = "bewaarblokkade" if v.blokkade else "vernietigen"
                self.stdout.write(
                    f"  gemeente {v.gemeente_id} casus {v.casus_id}: {wetten}; laatste wijziging "
                    f"{v.laatste_wijziging:%d-%m-%Y}, termijn verstreken {v.vervalt_op:%d-%m-%Y}: {status}"
                )
            return
        uitslagen = bewaartermijnen_toepassen()
        casussen = sum(u.casussen for u in uitslagen.values())
        self.stdout.write(f"Vernietigd: {casussen} casussen, {sum(u.personen for u in uitslagen.values())} personen; "
                          f"{sum(u.bewaard for u in uitslagen.values())} bewaard omdat ze nog in gebruik zijn.")
