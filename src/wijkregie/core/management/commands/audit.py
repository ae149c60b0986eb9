from django.core.management.base import BaseCommand, CommandError

from wijkregie.core.audit import audit_verify


class Command(BaseCommand):
    help = "Audit trail tools. 'verify' recomputes every hash chain and reports the first broken event."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action: str, **options):
        result = audit_verify()
        if result.ok:
            self.stdout.write(f"Auditlog intact: {result.events} gebeurtenissen gecontroleerd.")
            return
        event = result.broken_event
        where = f"gebeurtenis id={event.pk} (keten {event.chain}, volgnummer {event.seq})" if event else "onbekende gebeurtenis"
        raise CommandError(
            f"Auditlog NIET intact: {where}: {result.reason}. {result.events} gebeurtenissen ervoor waren in orde."
        )
