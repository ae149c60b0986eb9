import csv
import datetime

from django.core.management.base import BaseCommand, CommandError

from wijkregie.core.models import Gemeente
from wijkregie.monitor.computation import bereken_rijen
from wijkregie.monitor.scope import Filter
from wijkregie.organisatie.models import Team, Wijk


class Command(BaseCommand):
    help = ("Monitor: 'export' prints the indicators of a period (indicator,breakdown,value) to stdout; "
            "'vooraf' computes the dashboards' default figures ahead (run every few minutes, e.g. from a timer; "
            "--wachtrij queues it for the worker instead).")

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["export", "vooraf"])
        parser.add_argument("--gemeente", help="Short name of the gemeente, e.g. den-helder (export: required).")
        parser.add_argument("--from", dest="van", help="First day, YYYY-MM-DD (export).")
        parser.add_argument("--to", dest="tot", help="Day after the last day, YYYY-MM-DD (exclusive; export).")
        parser.add_argument("--wachtrij", action="store_true", help="vooraf: queue the task instead of running it now.")
        parser.add_argument("--format", default="csv", choices=["csv"])
        parser.add_argument("--wijk", help="Short name of a wijk, e.g. nieuw-den-helder.")
        parser.add_argument("--team", help="Short name of a team.")

    def handle(self, *args, actie, gemeente, van, tot, format, wijk=None, team=None, wachtrij=False, **options):
        if actie == "vooraf":
            from wijkregie.monitor.tasks import monitor_vooraf_berekenen, vooraf_berekenen

            if wachtrij:
                result = monitor_vooraf_berekenen.enqueue()
                self.stdout.write(f"Taak in de wachtrij gezet ({result.id}).")
            else:
                self.stdout.write(f"Monitor: {vooraf_berekenen(gemeente)} dashboards vooraf berekend.")
            return
        if not (gemeente and van and tot):
            raise CommandError("export vraagt --gemeente, --from en --to.")
        try:
            van_d, tot_d = datetime.date.fromisoformat(van), datetime.date.fromisoformat(tot)
        except ValueError as exc:
            raise CommandError(f"Ongeldige datum: {exc}") from None
        if tot_d <= van_d:
            raise CommandError("--to moet na --from liggen.")
        g = Gemeente.objects.filter(slug=gemeente).first()
        if g is None:
            raise CommandError(f"Onbekende gemeente: {gemeente}")
        w = Wijk.objects.filter(gemeente=g, slug=wijk).first() if wijk else None
        t = Team.objects.filter(gemeente=g, slug=team).first() if team else None
        if (wijk and w is None) or (team and t is None):
            raise CommandError(f"Onbekende {'wijk' if wijk and w is None else 'team'} in {g.naam}.")
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["indicator", "breakdown", "value"])
        # The command line is for the data steward: full figures, no suppression (that is the pages' job).
        for rij in bereken_rijen(Filter(gemeente=g, van=van_d, tot=tot_d, wijk=w, team=t)):
            writer.writerow(rij.als_tuple())
