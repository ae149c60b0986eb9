"""Every breakdown of an indicator reads in words, with its unit, as its definition says (issue 18: the
labels came from matching on the text of the codes; now each indicator's definition carries them)."""

from django.utils import translation

from wijkregie.monitor.definitions import (
    INDICATOREN,
    LOPENDE_CASUSSEN,
    NIET_GECATEGORISEERD,
    PER_FTE,
    aard_breakdown,
    schaling_breakdown,
)
from wijkregie.monitor.figures import Rij
from wijkregie.monitor.presentation import cellen
from wijkregie.monitor.survey import RAPPORTCIJFER, RESPONS, VRAGEN, stelling


def test_structured_codes_read_as_their_parts():
    rijen = [
        Rij("op_en_afschalingen", schaling_breakdown("op", "veilig_thuis"), 2, 2),
        Rij("aard_van_de_vraag", aard_breakdown("meervoudig_met"), 7, 7),
        Rij("aard_van_de_vraag", NIET_GECATEGORISEERD, 3, 3),
        Rij("clientervaring", stelling("kwaliteit", "samen"), 80.0, 10),
        Rij("clientervaring", RAPPORTCIJFER, 7.5, 10),
        Rij("caseload", PER_FTE, 12.5, 40),
    ]
    with translation.override("nl"):
        uit = {(c.indicator, c.breakdown): (c.label, c.eenheid) for c in cellen(rijen, onderdrukken=False)}
    assert uit[("op_en_afschalingen", "op|veilig_thuis")] == ("Opschalen → Veilig Thuis", "aantal")
    assert uit[("aard_van_de_vraag", aard_breakdown("meervoudig_met"))] == (
        "Meervoudige vraag, plan met indicatie",
        "aantal",
    )
    assert uit[("aard_van_de_vraag", NIET_GECATEGORISEERD)] == ("Niet gecategoriseerd", "aantal")
    assert uit[("clientervaring", stelling("kwaliteit", "samen"))] == (
        "Kwaliteit: De medewerker en ik hebben samen naar oplossingen gezocht. — (helemaal) eens (%)", "%")
    assert uit[("clientervaring", RAPPORTCIJFER)] == ("Rapportcijfer (gemiddeld)", "cijfer (1–10)")
    assert uit[("caseload", PER_FTE)] == ("Per fte", "casussen per fte")


def test_every_listed_breakdown_has_words_of_its_own():
    for i in INDICATOREN.values():  # a listed code has a translatable label ("totaal" is also "total")
        for code, onderdeel in i.onderdelen.items():
            assert onderdeel.label is not None and str(onderdeel.label), (i.code, code)
    survey = INDICATOREN["clientervaring"].onderdelen
    assert {RESPONS, RAPPORTCIJFER} | {stelling(o, v) for v, o, _t in VRAGEN} <= set(survey)


def test_a_count_reads_less_than_five_and_a_share_of_the_same_indicator_does_not():
    rijen = [Rij("directe_specialistische_verwijzingen", "aantal", 3, 3),
             Rij("directe_specialistische_verwijzingen", "procent", 30.0, 3),
             Rij("caseload", LOPENDE_CASUSSEN, 4, 4)]
    teken = {c.breakdown: c.teken for c in cellen(rijen, onderdrukken=True)}
    assert teken == {"aantal": "<5", "procent": "–", LOPENDE_CASUSSEN: "<5"}
