from django.core.management.base import BaseCommand, CommandError

from wijkregie.core.audit import audit_controleren, audit_verify


class Command(BaseCommand):
    help = (
        "Audit trail tools. 'verify' recomputes every hash chain, checks each chain's signed head and the "
        "checkpoint outside the database (WIJKREGIE_AUDIT_CHECKPOINT_DIR), reports the first broken chain "
        "and moves the checkpoint forward when all is intact. Exit status 1 when broken."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])
        parser.add_argument(
            "--wachtrij", action="store_true",
            help="Queue the check as a background task (audit_controleren; run daily) instead of running it now.",
        )

    def handle(self, *args, action: str, wachtrij: bool = False, **options):
        if wachtrij:
            result = audit_controleren.enqueue()
            self.stdout.write(
                f"Taak in de wachtrij gezet ({result.id}); een worker (wijkregie db_worker) voert hem uit."
            )
            return
        result = audit_verify(checkpoint=True)
        if result.ok:
            self.stdout.write(
                f"Auditlog intact: {result.events} gebeurtenissen gecontroleerd; controlepunt bijgewerkt."
            )
            return
        event = result.broken_event
        where = f" (gebeurtenis id={event.pk}, volgnummer {event.seq})" if event else ""
        raise CommandError(
            f"Auditlog NIET intact: {result.reason}{where}. {result.events} gebeurtenissen ervoor waren in orde."
        )
