"""Each indicator counts what its definition says, within the filter, and nothing of another gemeente."""

import datetime

import pytest
from django.utils import timezone

from wijkregie.casus.models import Casus
from wijkregie.casus.services import casus_open
from wijkregie.monitor.computation import bereken_rijen, trend
from wijkregie.monitor.definitions import INDICATOREN
from wijkregie.monitor.models import Clientervaring
from wijkregie.monitor.scope import Filter
from wijkregie.organisatie.models import Leefgebied, Teamlid
from wijkregie.plan.models import Doel, ZrmScore
from wijkregie.regie.models import Afsluiting, Doelbeoordeling, Evaluatie, Regie, Schaling
from wijkregie.testing import make_getekend_plan, make_persoon
from wijkregie.toegang.models import Aanmelding, AanmeldingStatus, Triage

MAART = (datetime.date(2025, 3, 1), datetime.date(2025, 4, 1))


def _t(dag, uur=10):
    return timezone.make_aware(datetime.datetime(2025, 3, dag, uur))


def _aanmelding(gemeente, dag, *, kanaal="telefoon", team=None, contact_na=None, status=AanmeldingStatus.TOEGEDEELD,
                persoon=None, postcode="", aard=None, uitkomst=None):
    a = Aanmelding.objects.create(
        gemeente=gemeente,
        kanaal=kanaal,
        vraag="vraag",
        ontvangen_op=_t(dag),
        team=team,
        status=status,
        persoon=persoon,
        postcode=postcode,
        eerste_contact_op=_t(dag) + datetime.timedelta(days=contact_na) if contact_na is not None else None,
    )
    if aard:
        Triage.objects.create(gemeente=gemeente, aanmelding=a, aard=aard, uitkomst=uitkomst or "kortdurend")
    return a


def _waarden(f):
    return {(r.indicator, r.breakdown): r.waarde for r in bereken_rijen(f)}


@pytest.fixture
def instroom(world):
    dh, noord = world.den_helder, world.team_noord
    inwoner_noord = make_persoon(world, "Anna", "de Boer", wijk=world.noord)
    _aanmelding(dh, 2, kanaal="telefoon", team=noord, contact_na=1, aard="informatie", uitkomst="opgelost",
                status=AanmeldingStatus.VOORKANT, persoon=inwoner_noord)
    _aanmelding(dh, 3, kanaal="telefoon", team=noord, contact_na=2, aard="meervoudig_met", uitkomst="specialistisch",
                postcode="1784AB")
    _aanmelding(dh, 4, kanaal="email", team=world.team_zuid, contact_na=3, postcode="1787CD")
    _aanmelding(dh, 5, kanaal="partner", team=world.team_zuid, contact_na=10, aard="enkelvoudig_zonder")
    _aanmelding(dh, 6, kanaal="email")  # not yet triaged, no contact
    Aanmelding.objects.create(
        gemeente=dh, kanaal="email", vraag="april", ontvangen_op=_t(31) + datetime.timedelta(days=2)
    )
    _aanmelding(world.voorbeeld, 2, kanaal="telefoon", team=world.team_dorp, contact_na=0, aard="informatie")


def test_instroom_aard_voorkant_en_wachttijd_of_a_period(world, instroom):
    w = _waarden(Filter(world.den_helder, *MAART))
    assert {k[1]: v for k, v in w.items() if k[0] == "instroom_per_kanaal"} == {
        "telefoon": 2,
        "e-mail": 2,
        "partner": 1,
    }
    assert w[("aard_van_de_vraag", "niet gecategoriseerd")] == 2
    assert w[("aard_van_de_vraag", "meervoudige vraag|ondersteuningsplan=ja|indicatie=ja")] == 1
    assert w[("opgelost_aan_de_voorkant", "totaal")] == 20.0
    assert w[("directe_specialistische_verwijzingen", "aantal")] == 1
    assert w[("directe_specialistische_verwijzingen", "procent")] == round(100 / 3, 1)
    assert w[("wachttijd_eerste_contact", "mediaan")] == 2.5  # 1, 2, 3, 10 days
    assert ("wachttijd_eerste_contact", "p90") not in w  # four waits: the p90 would be one resident's own
    # Den Helder's two test wijken have 12.508 + 14.702 inhabitants: 5 questions in March, per year.
    assert w[("instroom_per_1000_inwoners", "per jaar")] == round(5000 / 27210 / (31 / 365.25), 1)


def test_filters_narrow_by_team_wijk_and_phase(world, instroom):
    dh = world.den_helder
    team = _waarden(Filter(dh, *MAART, team=world.team_noord))
    assert sum(v for k, v in team.items() if k[0] == "instroom_per_kanaal") == 2
    assert team[("instroom_per_1000_inwoners", "per jaar")] == round(2000 / 12508 / (31 / 365.25), 1)
    # Wijk: the person's wijk, or for unregistered residents the postcode's.
    noord = _waarden(Filter(dh, *MAART, wijk=world.noord))
    assert sum(v for k, v in noord.items() if k[0] == "instroom_per_kanaal") == 2
    zuid = _waarden(Filter(dh, *MAART, wijk=world.zuid))
    assert sum(v for k, v in zuid.items() if k[0] == "instroom_per_kanaal") == 1
    # Team Noord's locatie was in model B in 2025 (A until mid-2021).
    assert sum(v for k, v in _waarden(Filter(dh, *MAART, fase="B")).items() if k[0] == "instroom_per_kanaal") == 2
    assert not [k for k in _waarden(Filter(dh, *MAART, fase="A")) if k[0] == "instroom_per_kanaal"]


def test_another_gemeente_counts_only_its_own(world, instroom):
    w = _waarden(Filter(world.voorbeeld, *MAART))
    assert {k[1]: v for k, v in w.items() if k[0] == "instroom_per_kanaal"} == {"telefoon": 1}


@pytest.fixture
def verloop(world):
    """One casus with a signed Wmo plan, a regisseur, scalings, an evaluation, ZRM scores, and a closure."""
    dh = world.den_helder
    persoon = make_persoon(world, "Pieter", "Jansen", wijk=world.noord)
    casus = casus_open(actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker,
                       huishouden=persoon.lidmaatschappen.first().huishouden, hoofdpersoon=persoon)
    plan = make_getekend_plan(world, casus)
    Casus.objects.filter(pk=casus.pk).update(geopend_op=_t(1) - datetime.timedelta(days=59), afgesloten_op=_t(10))
    Regie.objects.filter(casus=casus).delete()
    Regie.objects.create(
        gemeente=dh,
        casus=casus,
        houder="medewerker",
        medewerker=world.medewerker,
        uitleg_aan_inwoner="u",
        van=_t(1) - datetime.timedelta(days=59),
        tot=_t(10),
    )
    Schaling.objects.create(
        gemeente=dh, casus=casus, richting="op", naar="specialistisch", reden="r", op=datetime.date(2025, 3, 5)
    )
    Schaling.objects.create(
        gemeente=dh, casus=casus, richting="af", naar="netwerk", reden="r", op=datetime.date(2025, 3, 8)
    )
    Afsluiting.objects.create(
        gemeente=dh, casus=casus, reden="01", op=_t(10), heropend_op=_t(10) + datetime.timedelta(days=200)
    )
    fin = Leefgebied.objects.get(gemeente=dh, naam="Financiën")
    wonen = Leefgebied.objects.get(gemeente=dh, naam="Huisvesting")
    for gebied, niveaus in ((fin, [1, 2, 4]), (wonen, [3, 2])):
        for i, niveau in enumerate(niveaus):
            ZrmScore.objects.create(gemeente=dh, casus=casus, persoon=persoon, leefgebied=gebied, niveau=niveau,
                                    datum=datetime.date(2025, 1, 10) + datetime.timedelta(days=30 * i))
    doel = Doel.objects.filter(plan=plan).first()
    for dag, behaald in ((2, "deels"), (9, "ja")):
        ev = Evaluatie.objects.create(gemeente=dh, casus=casus, plan=plan, gepland_op=datetime.date(2025, 3, dag),
                                      gehouden_op=datetime.date(2025, 3, dag))
        Doelbeoordeling.objects.create(gemeente=dh, evaluatie=ev, doel=doel, behaald=behaald)
    for i, (cijfer, snel) in enumerate([(8, 5), (6, 2), (9, 4), (7, None), (10, 4)]):
        Clientervaring.objects.create(gemeente=dh, casus=casus, aanleiding="afsluiting", bron=f"test:{i}",
                                      uitgenodigd_op=_t(10), geldig_tot=datetime.date(2025, 5, 1),
                                      beantwoord_op=_t(12), rapportcijfer=cijfer, snel=snel)
    Clientervaring.objects.create(gemeente=dh, casus=casus, aanleiding="afsluiting", bron="test:open",
                                  uitgenodigd_op=_t(10), geldig_tot=datetime.date(2025, 5, 1))
    return casus


def test_casus_indicators(world, verloop):
    w = _waarden(Filter(world.den_helder, *MAART))
    assert w[("doorlooptijd", "mediaan")] == 68.0
    assert w[("op_en_afschalingen", "op|specialistisch")] == 1
    assert w[("op_en_afschalingen", "af|netwerk")] == 1
    assert w[("heropeningen_binnen_12_maanden", "procent")] == 100.0
    # Financiën 1 → 4 (+3), Huisvesting 3 → 2 (−1): the series whose last score lies in March count.
    assert w[("zrm_voortgang", "Financiën")] == 3
    assert ("zrm_voortgang", "Huisvesting") not in w  # its last score was in February
    assert w[("doelrealisatie", "ja")] == 50.0 and w[("doelrealisatie", "deels")] == 50.0
    assert w[("clientervaring", "rapportcijfer (gemiddeld)")] == 8.0
    assert w[("clientervaring", "toegankelijkheid|snel|eens (procent)")] == 75.0  # 3 of 4 answered
    assert w[("clientervaring", "respons (procent)")] == round(500 / 6, 1)
    februari = _waarden(Filter(world.den_helder, datetime.date(2025, 2, 1), datetime.date(2025, 3, 1)))
    assert februari[("zrm_voortgang", "Huisvesting")] == -1


def test_caseload_counts_running_cases_per_regisseur_and_fte(world, verloop):
    # Closed on 10 March: running at the end of February, not at the end of March.
    februari = _waarden(
        Filter(world.den_helder, datetime.date(2025, 2, 1), datetime.date(2025, 3, 1), team=world.team_noord)
    )
    assert februari[("caseload", "lopende casussen")] == 1
    assert februari[("caseload", "gemiddeld per regisseur")] == 1.0
    uren = sum(t.uren_per_week for t in Teamlid.objects.filter(team=world.team_noord))
    assert februari[("caseload", "per fte")] == round(1 / (float(uren) / 36), 1)
    assert _waarden(Filter(world.den_helder, *MAART))[("caseload", "lopende casussen")] == 0


def test_law_filter_follows_the_plan(world, verloop):
    assert _waarden(Filter(world.den_helder, *MAART, wet="wmo"))[("doorlooptijd", "mediaan")] == 68.0
    assert ("doorlooptijd", "mediaan") not in _waarden(Filter(world.den_helder, *MAART, wet="jeugdwet"))


def test_p90_is_the_nearest_rank_from_ten_waits_on(world):
    for dag in range(1, 11):  # waits of 1 … 10 days
        _aanmelding(world.den_helder, 1, contact_na=dag)
    w = _waarden(Filter(world.den_helder, *MAART))
    assert w[("wachttijd_eerste_contact", "p90")] == 9.0 and w[("wachttijd_eerste_contact", "mediaan")] == 5.5


def test_reopening_later_does_not_rewrite_an_earlier_period(world, verloop):
    februari = Filter(world.den_helder, datetime.date(2025, 2, 1), datetime.date(2025, 3, 1))
    voor = (_waarden(Filter(world.den_helder, *MAART)), _waarden(februari))
    # The casus is reopened in September: its current state says 'open', but March's closure stays.
    Casus.objects.filter(pk=verloop.pk).update(status="vraagverheldering", afgesloten_op=None)
    na = (_waarden(Filter(world.den_helder, *MAART)), _waarden(februari))
    assert voor == na
    assert na[0][("caseload", "lopende casussen")] == 0 and na[0][("doorlooptijd", "mediaan")] == 68.0


def test_procesregie_does_not_count_as_a_regisseur(world, verloop):
    Regie.objects.create(gemeente=world.den_helder, casus=verloop, soort="procesregie", houder="medewerker",
                         medewerker=world.collega, uitleg_aan_inwoner="u", van=_t(1) - datetime.timedelta(days=50))
    februari = _waarden(Filter(world.den_helder, datetime.date(2025, 2, 1), datetime.date(2025, 3, 1)))
    assert februari[("caseload", "gemiddeld per regisseur")] == 1.0


def test_the_phase_filter_keeps_zrm_series_whole(world, verloop):
    from wijkregie.organisatie.models import LocatieFase

    # Team Noord's locatie moves from model A to B on 1 February 2025; the Financiën series runs Jan–Mar.
    LocatieFase.objects.filter(locatie=world.team_noord.locatie).delete()
    LocatieFase.objects.create(gemeente=world.den_helder, locatie=world.team_noord.locatie, model="A",
                               geldig_van=datetime.date(2024, 1, 1), geldig_tot=datetime.date(2025, 1, 31))
    LocatieFase.objects.create(gemeente=world.den_helder, locatie=world.team_noord.locatie, model="B",
                               geldig_van=datetime.date(2025, 2, 1))
    assert _waarden(Filter(world.den_helder, *MAART, fase="B"))[("zrm_voortgang", "Financiën")] == 3


def test_trend_gives_every_month_of_the_period(world, instroom):
    maanden = trend(Filter(world.den_helder, datetime.date(2025, 1, 1), datetime.date(2025, 5, 1)))
    assert [m["maand"] for m in maanden] == [datetime.date(2025, m, 1) for m in (1, 2, 3, 4)]
    assert [m["aanmeldingen"] for m in maanden] == [0, 0, 5, 1]
    assert maanden[2]["wachttijd"] == 2.5 and maanden[2]["voorkant"] == 20.0


def test_every_indicator_has_a_definition_and_rows_only_use_defined_codes(world, instroom, verloop):
    assert all(i.definitie and i.eenheid and i.bron for i in INDICATOREN.values())
    assert {r.indicator for r in bereken_rijen(Filter(world.den_helder, *MAART))} <= set(INDICATOREN)


def test_the_number_of_queries_does_not_grow_with_the_data(world, instroom, verloop, django_assert_max_num_queries):
    f = Filter(world.den_helder, *MAART, wijk=world.noord)
    with django_assert_max_num_queries(20) as eerst:
        bereken_rijen(f)
    for dag in range(1, 28):
        _aanmelding(world.den_helder, dag, team=world.team_noord, contact_na=2, postcode="1784AA", aard="informatie")
    with django_assert_max_num_queries(len(eerst.captured_queries)):
        bereken_rijen(f)
