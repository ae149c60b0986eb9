"""Never a crash on a foreign message: any example message with any element's content replaced is either
refused as unreadable (nothing kept) or kept with a retourcode and answered; the database stays consistent."""

import re
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wijkregie.backoffice import berichten
from wijkregie.backoffice.istandaard import lezen
from wijkregie.backoffice.models import Bericht, Richting

from .bericht_hulp import BERICHTEN, jw_toewijzing

VOORBEELDEN = sorted(p.name for p in BERICHTEN.glob("jw3*_geldig.xml"))
ELEMENTEN = [
    "Bsn",
    "ToewijzingNummer",
    "Begindatum",
    "Einddatum",
    "StatusAanlevering",
    "Categorie",
    "Code",
    "Ontvanger",
    "Afzender",
    "Identificatie",
    "Dagtekening",
    "ReferentieAanbieder",
    "RedenBeeindiging",
    "Volume",
    "GewensteIngangsdatum",
    "ToewijzingIngangsdatum",
    "BerichtCode",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(naam=st.sampled_from(VOORBEELDEN), element=st.sampled_from(ELEMENTEN),
       waarde=st.one_of(st.text(max_size=20), st.integers(-10, 10**12).map(str),
                        st.dates().map(lambda d: d.isoformat())))
def test_bericht_a_damaged_message_is_answered_or_refused_never_a_crash(world, naam, element, waarde):
    if not hasattr(world, "_toewijzing"):
        world._toewijzing = jw_toewijzing(world)
    inhoud = (BERICHTEN / naam).read_text()
    inhoud = re.sub(rf"(<(?:b:)?{element}>)[^<]*(</)", lambda m: m.group(1) + escape(waarde) + m.group(2), inhoud,
                    count=1)
    voor = Bericht.objects.count()
    try:
        uitkomst = berichten.bericht_importeren(inhoud=inhoud.encode(), gemeente=world.den_helder)
    except lezen.Onleesbaar:
        assert Bericht.objects.count() == voor  # nothing kept of what cannot be answered
        return
    assert uitkomst.bericht.retourcodes
    assert uitkomst.retour is not None and uitkomst.retour.richting == Richting.UIT and uitkomst.retour.inhoud
