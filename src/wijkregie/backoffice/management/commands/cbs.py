"""`wijkregie cbs jeugd --periode 2026-1 --out DIR` and `wijkregie cbs wmo --periode 2026-1 --out DIR`.

jeugd: the Beleidsinformatie Jeugd file of the period and the correction delivery (herlevering) of the period
before, checked first; written only when every check passes (whole or nothing), exit status 0 only then.
The checks name trajecten and fields, never a BSN. wmo: the GMSD Wmo figures (aggregates, suppressed) as CSV.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wijkregie.backoffice import cbs
from wijkregie.backoffice.views_cbs import DOEL_JEUGD, GRONDSLAG_JEUGD
from wijkregie.core.audit import AuditActie, audit_disclosure
from wijkregie.core.models import Gemeente


class Command(BaseCommand):
    help = (
        "CBS deliveries. 'jeugd --periode YYYY-1|YYYY-2 --out DIR': the Beleidsinformatie Jeugd file of the period "
        "(1 = January-June, 2 = July-December) and the correction delivery of the period before; the checks run "
        "first and nothing is written when one fails (exit status 1, one line per error). 'wmo --periode ... "
        "--out DIR': the Wmo figures of the Gemeentelijke Monitor Sociaal Domein (aggregates, small numbers "
        "suppressed). --gemeente SLUG when the installation has more than one gemeente."
    )

    def add_arguments(self, parser):
        parser.add_argument("soort", choices=["jeugd", "wmo"])
        parser.add_argument("--periode", required=True, help="YYYY-1 (January-June) or YYYY-2 (July-December).")
        parser.add_argument("--out", required=True, help="Directory to write the file(s) to.")
        parser.add_argument("--gemeente", help="The gemeente's short name (slug); needed when there is more than one.")
        parser.add_argument("--zonder-herlevering", action="store_true",
                            help="jeugd: only the period's file, not the correction delivery of the period before.")

    def handle(self, *args, soort, periode, out, gemeente, zonder_herlevering, **opties):
        try:
            p = cbs.Periode.uit_code(periode)
        except ValueError as fout:
            raise CommandError(str(fout)) from None
        g = self._gemeente(gemeente)
        map_ = Path(out)
        if soort == "wmo":
            cijfers = cbs.wmo_cijfers(g, p)
            map_.mkdir(parents=True, exist_ok=True)
            pad = map_ / f"gmsd_wmo_{g.cbs_code}_{p.code}.csv"
            pad.write_text(cbs.wmo_csv(g.cbs_code or "", p, cijfers), encoding="utf-8")
            self.stdout.write(f"{pad}: {len(cijfers)} cijfers (kleine aantallen onderdrukt)")
            return
        leveringen = [cbs.levering(g, p)] if zonder_herlevering else cbs.leveringen(g, p)
        fouten = 0
        for lev in leveringen:
            soort_tekst = "herlevering" if lev.herlevering else "levering"
            self.stdout.write(f"{soort_tekst} {lev.periode.code}: {len(lev.trajecten)} trajecten, "
                              f"{len(lev.fouten)} fouten")
            for fout in lev.fouten:
                self.stderr.write(f"  {soort_tekst} {lev.periode.code}: {fout}")
            fouten += len(lev.fouten)
        if fouten:
            raise CommandError(f"Niets geschreven: de controle vond {fouten} fouten.", returncode=1)
        map_.mkdir(parents=True, exist_ok=True)
        with transaction.atomic():
            for lev in leveringen:
                audit_disclosure(actor=None, client_ids=lev.persoon_ids, actie=AuditActie.READ, gemeente_id=g.pk,
                                 object_type="backoffice.cbs_jeugd", grondslag=GRONDSLAG_JEUGD, doel=DOEL_JEUGD,
                                 omschrijving=f"CBS jeugd {lev.bestandsnaam} (opdrachtregel): bsn, geboortedatum, "
                                              "geslacht, postcode, traject")
            for lev in leveringen:
                pad = map_ / lev.bestandsnaam
                pad.write_bytes(lev.inhoud())
                self.stdout.write(f"geschreven: {pad} ({len(lev.trajecten)} trajecten)")

    def _gemeente(self, slug: str | None) -> Gemeente:
        if slug:
            g = Gemeente.objects.filter(slug=slug).first()
            if g is None:
                raise CommandError(f"Geen gemeente '{slug}'.")
            return g
        gemeenten = list(Gemeente.objects.all()[:2])
        if len(gemeenten) != 1:
            raise CommandError("Noem de gemeente met --gemeente SLUG." if gemeenten else "Er is geen gemeente.")
        return gemeenten[0]
