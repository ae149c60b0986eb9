"""CBS Beleidsinformatie Jeugd: each check refuses the delivery with a Dutch message naming traject and field
(never the value), and nothing is written: not the period's file, not the correction delivery."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from wijkregie.backoffice import cbs
from wijkregie.inwoners.models import Persoon

from .cbs_hulp import jeugd_toewijzing, kind, wijkteam_hulp

H1 = cbs.Periode(2026, 1)


def _weigert(world, tmp_path, traject: str, veld: str, tekst: str):
    lev = cbs.levering(world.den_helder, H1)
    assert not lev.in_orde
    meldingen = [str(f) for f in lev.fouten]
    assert f"Traject {traject}, veld {veld}: {tekst}" in meldingen, meldingen
    with pytest.raises(ValueError):
        lev.tekst()
    with pytest.raises(CommandError, match="Niets geschreven"):
        call_command("cbs", "jeugd", "--periode", "2026-1", "--out", str(tmp_path / "uit"), "--gemeente", "den-helder")
    assert not (tmp_path / "uit").exists() or not any((tmp_path / "uit").iterdir())
    return meldingen


def test_a_bsn_failing_the_elfproef_is_named_without_the_number(world, tmp_path):
    sem = kind(world)
    t = jeugd_toewijzing(world, sem)
    Persoon.objects.filter(pk=sem.pk).update(bsn="123456789")
    meldingen = _weigert(
        world, tmp_path, f"T{t.toewijzingnummer:09d}", "bsn", "het BSN klopt niet (de elfproef faalt)."
    )
    assert not any("123456789" in m for m in meldingen)


def test_a_missing_bsn_birth_date_or_postcode_is_named(world, tmp_path):
    sem = kind(world)
    t = jeugd_toewijzing(world, sem)
    Persoon.objects.filter(pk=sem.pk).update(bsn="", postcode="")
    meldingen = _weigert(world, tmp_path, f"T{t.toewijzingnummer:09d}", "bsn", "het BSN ontbreekt.")
    assert f"Traject T{t.toewijzingnummer:09d}, veld postcode: de postcode ontbreekt." in meldingen


def test_an_end_before_the_start_is_refused(world, tmp_path):
    t = jeugd_toewijzing(
        world,
        kind(world),
        ingangsdatum=datetime.date(2026, 3, 1),
        gestart_op=datetime.date(2026, 3, 10),
        gestopt_op=datetime.date(2026, 3, 5),
        reden_beeindiging="31",
    )
    _weigert(world, tmp_path, f"T{t.toewijzingnummer:09d}", "datum_einde", "de einddatum ligt voor de begindatum.")


def test_an_ended_traject_without_reden_is_refused(world, tmp_path):
    # The provider never sent its stop (307): the toewijzing's end passed without a reden beëindiging.
    t = jeugd_toewijzing(
        world, kind(world), ingangsdatum=datetime.date(2026, 1, 1), einddatum=datetime.date(2026, 4, 30)
    )
    _weigert(world, tmp_path, f"T{t.toewijzingnummer:09d}", "reden_beeindiging",
             "het traject is beëindigd, maar de reden beëindiging ontbreekt.")


def test_unknown_codes_are_refused(world, tmp_path):
    t = jeugd_toewijzing(world, kind(world), gestopt_op=datetime.date(2026, 4, 1), reden_beeindiging="99")
    _weigert(world, tmp_path, f"T{t.toewijzingnummer:09d}", "reden_beeindiging", "onbekende code (JZ588).")


def test_a_productcategorie_without_hulpvorm_is_refused(world, tmp_path):
    t = jeugd_toewijzing(world, kind(world), productcategorie="45")
    t.__class__.objects.filter(pk=t.pk).update(productcategorie="99")
    _weigert(world, tmp_path, f"T{t.toewijzingnummer:09d}", "hulpvorm",
             "onbekende code: productcategorie 99 staat niet in de tabel met hulpvormen.")


def test_jeugdwet_help_of_the_wijkteam_needs_its_child(world, tmp_path):
    regel = wijkteam_hulp(world, kind(world), voor_kind=False)
    # A signed plan refuses changes: marked Jeugdwet in the database, as an import of old data would.
    with connection.cursor() as c:
        c.execute("UPDATE plan_arrangementregel SET wet = 'jeugdwet' WHERE id = %s", [regel.pk])
    _weigert(world, tmp_path, f"W{regel.pk:09d}", "jeugdige",
             "geen jeugdige: kies bij deze afspraak in het plan het doel van de jeugdige.")


def test_an_error_in_the_correction_delivery_stops_both(world, tmp_path):
    # The period itself is clean; the herlevering of 2025-2 is not: nothing is written.
    jeugd_toewijzing(world, kind(world), ingangsdatum=datetime.date(2026, 2, 1))
    fout = jeugd_toewijzing(world, kind(world, "Lot", "Bakker"), ingangsdatum=datetime.date(2025, 8, 1),
                            gestopt_op=datetime.date(2025, 11, 30))
    assert cbs.levering(world.den_helder, H1).in_orde
    assert not cbs.levering(world.den_helder, H1.vorige, herlevering=True).in_orde
    with pytest.raises(CommandError):
        call_command("cbs", "jeugd", "--periode", "2026-1", "--out", str(tmp_path), "--gemeente", "den-helder")
    assert list(tmp_path.iterdir()) == []
    assert f"T{fout.toewijzingnummer:09d}" in {f.traject for f in cbs.levering(world.den_helder, H1.vorige).fouten}
