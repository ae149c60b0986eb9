import csv
import datetime

from django.core.management.base import BaseCommand, CommandError

from wijkregie.core.models import Gemeente
from wijkregie.monitor.indicators import bereken


class Command(BaseCommand):
    help = "Monitor: 'export' prints the indicators of a period (indicator,breakdown,value) to stdout."

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["export"])
        parser.add_argument("--gemeente", required=True, help="Short name of the gemeente, e.g. den-helder.")
        parser.add_argument("--from", dest="van", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="tot", required=True, help="Day after the last day, YYYY-MM-DD (exclusive).")
        parser.add_argument("--format", default="csv", choices=["csv"])

    def handle(self, *args, actie, gemeente, van, tot, format, **options):
        try:
            van_d, tot_d = datetime.date.fromisoformat(van), datetime.date.fromisoformat(tot)
        except ValueError as exc:
            raise CommandError(f"Ongeldige datum: {exc}") from None
        if tot_d <= van_d:
            raise CommandError("--to moet na --from liggen.")
        g = Gemeente.objects.filter(slug=gemeente).first()
        if g is None:
            raise CommandError(f"Onbekende gemeente: {gemeente}")
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["indicator", "breakdown", "value"])
        for rij in bereken(g, van_d, tot_d):
            writer.writerow(rij)
