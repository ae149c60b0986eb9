from django.core.management.base import BaseCommand

from wijkregie.regie.tasks import herinneringen_aanmaken, herinneringen_maken


class Command(BaseCommand):
    help = "Queues the reminder task (run daily, e.g. from cron); --direct makes them at once."

    def add_arguments(self, parser):
        parser.add_argument(
            "--direct", action="store_true", help="Make the reminders now instead of queueing the task."
        )

    def handle(self, *args, direct: bool, **options):
        if direct:
            self.stdout.write(f"{herinneringen_aanmaken()} nieuwe herinneringen.")
        else:
            result = herinneringen_maken.enqueue()
            self.stdout.write(
                f"Taak in de wachtrij gezet ({result.id}); een worker (wijkregie db_worker) voert hem uit."
            )
