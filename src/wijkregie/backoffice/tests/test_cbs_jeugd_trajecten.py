"""CBS Beleidsinformatie Jeugd: which jeugdhulptrajecten a verslagperiode holds, with what."""

import datetime

from wijkregie.backoffice import cbs
from wijkregie.regie.models import Afsluiting

from .cbs_hulp import jeugd_toewijzing, kind, wijkteam_hulp

H1 = cbs.Periode(2026, 1)


def test_it_holds_the_toewijzingen_and_wijkteam_help_that_ran_in_the_period(world):
    sem = kind(world)
    erin = jeugd_toewijzing(world, sem, ingangsdatum=datetime.date(2025, 11, 1), einddatum=datetime.date(2027, 1, 1),
                            gestart_op=datetime.date(2025, 11, 3))
    voor = jeugd_toewijzing(world, kind(world, "Lot", "Bakker"), ingangsdatum=datetime.date(2025, 1, 1),
                            einddatum=datetime.date(2025, 12, 31), gestopt_op=datetime.date(2025, 12, 31),
                            reden_beeindiging="31")
    na = jeugd_toewijzing(world, kind(world, "Ties", "Smit"), ingangsdatum=datetime.date(2026, 7, 1))
    regel = wijkteam_hulp(world, kind(world, "Noor", "Mulder"), ingangsdatum=datetime.date(2026, 3, 1))
    trajecten = {t.traject: t for t in cbs.jeugd_trajecten(world.den_helder, H1)}
    assert set(trajecten) == {f"T{erin.toewijzingnummer:09d}", f"W{regel.pk:09d}"}
    assert f"T{voor.toewijzingnummer:09d}" not in trajecten and f"T{na.toewijzingnummer:09d}" not in trajecten
    t = trajecten[f"T{erin.toewijzingnummer:09d}"]
    assert (t.bsn, t.geboortedatum, t.postcode) == (sem.bsn, sem.geboortedatum, "1784AB")
    assert (t.hulpvorm, t.verwijzer, t.begin, t.einde, t.reden) == ("32", "01", datetime.date(2025, 11, 3), None, "")
    w = trajecten[f"W{regel.pk:09d}"]
    assert (w.hulpvorm, w.verwijzer, w.begin, w.bron) == ("31", "01", datetime.date(2026, 3, 1), "wijkteam")
    # The same period of another gemeente holds none of them.
    assert cbs.jeugd_trajecten(world.voorbeeld, H1) == []


def test_an_ended_traject_carries_its_end_and_reden(world):
    gestopt = jeugd_toewijzing(world, kind(world), ingangsdatum=datetime.date(2026, 1, 10),
                               gestopt_op=datetime.date(2026, 4, 30), reden_beeindiging="32")
    door_gemeente = jeugd_toewijzing(world, kind(world, "Lot", "Bakker"), ingangsdatum=datetime.date(2025, 6, 1),
                                     einddatum=datetime.date(2026, 3, 31), status="beeindigd", reden_wijziging="05")
    na_de_periode = jeugd_toewijzing(world, kind(world, "Ties", "Smit"), ingangsdatum=datetime.date(2026, 2, 1),
                                     gestopt_op=datetime.date(2026, 8, 15), reden_beeindiging="31")
    volgens_plan = wijkteam_hulp(world, kind(world, "Noor", "Mulder"), ingangsdatum=datetime.date(2026, 1, 5),
                                 einddatum=datetime.date(2026, 3, 31))
    trajecten = {t.traject: t for t in cbs.jeugd_trajecten(world.den_helder, H1)}
    assert (
        trajecten[f"T{gestopt.toewijzingnummer:09d}"].einde,
        trajecten[f"T{gestopt.toewijzingnummer:09d}"].reden,
    ) == (datetime.date(2026, 4, 30), "32")
    # Ended by the gemeente (reden wijziging 05, verkorting): JZ588 36, as JZ588's own table pairs them.
    assert trajecten[f"T{door_gemeente.toewijzingnummer:09d}"].reden == "36"
    # Ended after the period: running at its end, so no end and no reden yet.
    laat = trajecten[f"T{na_de_periode.toewijzingnummer:09d}"]
    assert (laat.einde, laat.reden) == (None, "")
    w = trajecten[f"W{volgens_plan.pk:09d}"]
    assert (w.einde, w.reden) == (datetime.date(2026, 3, 31), "31")


def test_the_wijkteams_help_ends_with_the_casus_closing_reason(world):
    noor = kind(world, "Noor", "Mulder")
    regel = wijkteam_hulp(world, noor, ingangsdatum=datetime.date(2026, 1, 5))
    casus = regel.plan.casus
    Afsluiting.objects.create(gemeente=world.den_helder, casus=casus, reden="03",
                              op=datetime.datetime(2026, 5, 20, 12, tzinfo=datetime.UTC))
    (t,) = cbs.jeugd_trajecten(world.den_helder, H1)
    assert (t.einde, t.reden) == (datetime.date(2026, 5, 20), "32")  # 03 eenzijdig door de cliënt → JZ588 32


def test_help_for_an_adult_or_the_whole_household_is_no_jeugdhulp(world):
    wijkteam_hulp(world, kind(world, "Anna", "Groot", geboortedatum=datetime.date(1980, 1, 1)))
    wijkteam_hulp(world, kind(world, "Bo", "Klein"), voor_kind=False)
    assert cbs.jeugd_trajecten(world.den_helder, H1) == []


def test_jeugdbescherming_is_left_to_the_gecertificeerde_instelling(world):
    jeugd_toewijzing(world, kind(world), productcategorie="48")
    assert cbs.jeugd_trajecten(world.den_helder, H1) == []


def test_periods_are_half_years_and_refuse_other_input():
    assert (H1.begin, H1.einde, H1.vorige.code) == (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), "2025-2")
    assert cbs.Periode.uit_code("2025-2").einde == datetime.date(2025, 12, 31)
    for fout in ("2026-3", "2026", "26-1", "2026-1x"):
        try:
            cbs.Periode.uit_code(fout)
        except ValueError as e:
            assert "2026-1 (januari t/m juni)" in str(e)
        else:
            raise AssertionError(fout)


def test_a_new_plan_version_does_not_double_the_wijkteams_help(world):
    from wijkregie.plan import services as plan_services
    from wijkregie.plan.models import Arrangementregel, Ondersteuningsplan

    regel = wijkteam_hulp(world, kind(world, "Noor", "Mulder"), ingangsdatum=datetime.date(2026, 1, 5))
    getekend = Ondersteuningsplan.objects.get(pk=regel.plan_id)
    nieuw = plan_services.plan_new_version(actor=world.medewerker, plan=getekend)
    kopie = Arrangementregel.objects.get(plan=nieuw, soort="kortdurend")
    kopie.einddatum = datetime.date(2026, 4, 30)  # the new version agrees an end
    kopie.save()
    nieuw.akkoord_wijze, nieuw.akkoord_op = "mondeling", datetime.date.today()
    nieuw.save()
    plan_services.plan_sign(actor=world.medewerker, plan=nieuw)
    (t,) = cbs.jeugd_trajecten(world.den_helder, H1)
    assert (t.traject, t.einde, t.reden) == (f"W{regel.pk:09d}", datetime.date(2026, 4, 30), "31")
