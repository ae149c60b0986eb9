from django.core.management.base import BaseCommand, CommandError

from wijkregie.core.backup import BackupFout, backup_terugzetten, weigering_vastleggen


class Command(BaseCommand):
    help = (
        "Restores a back-up made by 'wijkregie backup' into a NEW, empty database of the same version (run "
        "'wijkregie migrate' first) and its document directory. The whole file is checked first (signature, "
        "checksums, version); a damaged or foreign file is refused and nothing changes. Afterwards the row "
        "count of every table is compared with the manifest and the audit chains are verified."
    )

    def add_arguments(self, parser):
        parser.add_argument("pad", metavar="PATH")

    def handle(self, *args, pad: str, **options):
        try:
            result = backup_terugzetten(pad)
        except BackupFout as exc:
            weigering_vastleggen(str(exc))
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Back-up teruggezet: {sum(result.tabellen.values())} rijen in {len(result.tabellen)} tabellen, gelijk aan "
            f"het manifest; {result.bestanden} documenten."
        )
        if result.audit_intact:
            self.stdout.write("Auditlog intact (controleer ook met 'wijkregie audit verify').")
        else:
            raise CommandError(f"Teruggezet, maar het auditlog is NIET intact: {result.audit_reden}")
