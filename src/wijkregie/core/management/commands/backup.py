from django.core.management.base import BaseCommand, CommandError

from wijkregie.core.backup import BackupFout, backup_maken


class Command(BaseCommand):
    help = (
        "Writes a back-up of the whole installation to PATH (a .tar.gz): one JSON file per table, the uploaded "
        "documents as stored (encrypted), and a manifest signed with AUDIT_KEY holding the row count of every "
        "table, a checksum of every file and the head of every audit chain. SQLite and PostgreSQL alike "
        "(docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("pad", metavar="PATH")

    def handle(self, *args, pad: str, **options):
        try:
            result = backup_maken(pad)
        except BackupFout as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Back-up geschreven naar {result.pad}: {sum(result.tabellen.values())} rijen in {len(result.tabellen)} "
            f"tabellen, {result.bestanden} documenten, {result.gebeurtenissen} auditgebeurtenissen."
        )
