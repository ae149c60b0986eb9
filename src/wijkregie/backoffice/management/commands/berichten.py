"""`wijkregie berichten import PATH... [--retour DIR]` and `wijkregie berichten export --since DATE --out DIR`.

For the exchange directory that the gemeente's gateway (GGk) fills and empties: the gateway does not
read the payload, this command does (docs/berichten.md).
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wijkregie.backoffice import berichten
from wijkregie.backoffice.istandaard.lezen import Onleesbaar
from wijkregie.core.models import Gemeente


class Command(BaseCommand):
    help = (
        "iWmo/iJw 3.2 messages. 'import PATH...' reads each file (or every .xml file of a directory), applies it "
        "whole or not at all, writes its retour message into --retour (default: the file's own directory) and "
        "prints one line per message; exit status 0 when every file was read (accepted or answered with a "
        "rejection), 1 when a file is not a readable iWmo/iJw message (named with the reason on standard error). "
        "'export --since DATE --out DIR' writes every 301/319 (and retour made in the pages) not yet sent. "
        "'demo' (demo mode only) gives the Den Helder demo an exchange: 301s, providers' starts and stops, a request."
    )

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["import", "export", "demo"])
        parser.add_argument("paden", nargs="*", metavar="PATH", help="Message files or directories (import).")
        parser.add_argument("--retour", help="Directory for the retour messages (import; default next to the input).")
        parser.add_argument("--since", help="Only messages made on or after this date, YYYY-MM-DD (export).")
        parser.add_argument("--out", help="Directory to write the messages to (export).")
        parser.add_argument("--gemeente", help="The gemeente's short name (default: the Ontvanger's CBS code).")

    def handle(self, *args, actie, paden, retour, since, out, gemeente, **opties):
        gemeente_obj = None
        if gemeente:
            gemeente_obj = Gemeente.objects.filter(slug=gemeente).first()
            if gemeente_obj is None:
                raise CommandError(f"Geen gemeente '{gemeente}'.")
        if actie == "import":
            return self._import(paden, retour, gemeente_obj)
        if actie == "demo":
            return self._demo(gemeente_obj)
        return self._export(since, out, gemeente_obj)

    def _bestanden(self, paden: list[str]) -> list[Path]:
        bestanden = []
        for pad in map(Path, paden):
            if pad.is_dir():
                bestanden.extend(sorted(p for p in pad.iterdir() if p.is_file() and p.suffix.lower() == ".xml"))
            else:
                bestanden.append(pad)
        return bestanden

    def _import(self, paden, retour, gemeente):
        if not paden:
            raise CommandError("Geef een of meer berichtbestanden of mappen.")
        onleesbaar = 0
        for pad in self._bestanden(paden):
            try:
                inhoud = pad.read_bytes()
                uitkomst = berichten.bericht_importeren(inhoud=inhoud, bestandsnaam=pad.name, gemeente=gemeente)
            except (OSError, Onleesbaar) as fout:
                onleesbaar += 1
                self.stderr.write(f"{pad}: niet leesbaar als iWmo/iJw-bericht: {fout}")
                continue
            regel = f"{pad}: {uitkomst.samenvatting}"
            if uitkomst.retour is not None:
                map_ = Path(retour) if retour else pad.parent
                map_.mkdir(parents=True, exist_ok=True)
                doel = map_ / uitkomst.retour.bestandsnaam
                berichten.retour_geschreven(uitkomst.retour, doel)
                regel += f" -> {doel}"
            self.stdout.write(regel)
        if onleesbaar:
            raise CommandError(f"{onleesbaar} bestand(en) niet leesbaar als iWmo/iJw-bericht.", returncode=1)

    def _demo(self, gemeente):
        from django.conf import settings

        from wijkregie.backoffice.demo_berichten import load_berichten

        if not settings.DEMO_MODE:
            raise CommandError("Demoberichten alleen in demomodus (WIJKREGIE_DEMO=1).")
        gemeente = gemeente or Gemeente.objects.filter(slug="den-helder").first()
        if gemeente is None:
            raise CommandError("Geen demogemeente: laad eerst de demo (wijkregie demo).")
        aantal = load_berichten(gemeente)
        self.stdout.write(
            f"{aantal} demoberichten aangemaakt." if aantal else "Demoberichten al aanwezig, niets gewijzigd."
        )

    def _export(self, since, out, gemeente):
        if not out:
            raise CommandError("Geef --out DIR.")
        sinds = None
        if since:
            try:
                sinds = datetime.date.fromisoformat(since)
            except ValueError:
                raise CommandError(f"--since '{since}' is geen datum (JJJJ-MM-DD).") from None
        geschreven = berichten.berichten_exporteren(map_=Path(out), sinds=sinds, gemeente=gemeente)
        for pad, bericht in geschreven:
            self.stdout.write(f"{pad}: {bericht.soort} {bericht.identificatie} aan {bericht.aanbieder_agb}")
        self.stdout.write(f"{len(geschreven)} bericht(en) geschreven naar {out}.")
