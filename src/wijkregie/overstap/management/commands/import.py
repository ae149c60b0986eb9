"""`wijkregie import PATH [--dry-run] --als GEBRUIKER`: an existing caseload from XLSX or CSV (docs/overstap.md).

Exit code 0 when the file is (or would be) imported whole, 1 when anything is wrong: then nothing changed.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from wijkregie.organisatie.models import Medewerker
from wijkregie.overstap.services import caseload_check, caseload_import
from wijkregie.overstap.sjabloon import sjabloon_csv, sjabloon_xlsx, voorbeeld_van


class Command(BaseCommand):
    help = "Leest een bestaande caseload in uit een XLSX- of CSV-bestand: alles of niets."

    def add_arguments(self, parser):
        parser.add_argument("pad", nargs="?", help="Het XLSX- of CSV-bestand.")
        parser.add_argument("--dry-run", action="store_true", help="Alleen controleren: er verandert niets.")
        parser.add_argument("--als", metavar="GEBRUIKER",
                            help="Gebruikersnaam van de functioneel beheerder die inleest (het auditlog noemt hem).")
        parser.add_argument("--sjabloon", metavar="PAD",
                            help="Schrijf het lege sjabloon (met een voorbeeldhuishouden) naar PAD (.csv of .xlsx).")

    def handle(self, *args, pad, dry_run, als, sjabloon, **options):
        translation.activate("nl")
        if sjabloon:
            doel = Path(sjabloon)
            gebruiker = Medewerker.objects.filter(username=als).first() if als else None
            voorbeeld = voorbeeld_van(gebruiker.gemeente_id if gebruiker else None)
            doel.write_bytes(
                sjabloon_xlsx(**voorbeeld) if doel.suffix.lower() == ".xlsx" else sjabloon_csv(**voorbeeld)
            )
            self.stdout.write(f"Sjabloon geschreven naar {doel}.")
            if not pad:
                return
        if not pad:
            raise CommandError("Geef het bestand dat ingelezen moet worden.")
        if not als:
            raise CommandError("Geef met --als de gebruikersnaam van de functioneel beheerder die inleest.")
        actor = Medewerker.objects.filter(username=als, is_active=True).first()
        if actor is None or not actor.has_perm("organisatie.beheren"):
            raise CommandError(f"‘{als}’ is geen actieve functioneel beheerder.")
        try:
            data = Path(pad).read_bytes()
        except OSError as exc:
            raise CommandError(f"Het bestand kan niet worden gelezen: {exc.strerror}.") from exc
        if dry_run:
            rapport = caseload_check(actor=actor, data=data)
        else:
            rapport = caseload_import(actor=actor, data=data)
        for opmerking in rapport.opmerkingen:
            self.stdout.write(f"Let op: {opmerking}")
        for m in rapport.meldingen:
            waar = "Bestand" if m.rij is None else f"Rij {m.rij}"
            if m.kolom:
                waar += f", kolom ‘{m.kolom}’"
            self.stdout.write(f"{waar}: {m.tekst}")
        if not rapport.ok:
            raise CommandError(f"{len(rapport.meldingen)} fout(en) in {rapport.rijen} rijen: er is niets ingelezen.")
        telling = ", ".join(f"{n} {soort}" for soort, n in rapport.telling.items())
        if dry_run:
            self.stdout.write(f"Geen fouten in {rapport.rijen} rijen. Zonder --dry-run worden ingelezen: {telling}.")
        else:
            self.stdout.write(self.style.SUCCESS(
                f"Ingelezen in {rapport.seconden:.1f} s: {telling} ({rapport.rijen} rijen)."))
