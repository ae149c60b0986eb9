"""The standard's rules on incoming messages (pure: no database), named by their rule ids.

The fixtures in berichten/ are example messages of every incoming type, valid and invalid; the
state they are checked against (our toewijzingen, what came before) is a plain `Stand`.
"""

import datetime
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wijkregie.backoffice.istandaard import codes as codes_module
from wijkregie.backoffice.istandaard import lezen, regels, retour, schemas
from wijkregie.backoffice.istandaard.regels import BekendeToewijzing, Stand, StartStand, StopStand

BERICHTEN = Path(__file__).parent / "berichten"
VANDAAG = datetime.date(2026, 12, 1)
JW = BekendeToewijzing(1001, "999900006", "12345678", "jw", "45", "45A01", datetime.date(2026, 11, 2),
                       datetime.date(2027, 6, 30), True)
WMO = BekendeToewijzing(2001, "999900018", "12345678", "wmo", "02", "", datetime.date(2026, 11, 2), None, True)
GESTART = (StartStand(datetime.date(2026, 11, 9)),)


def _stand(*toewijzingen, **velden) -> Stand:
    return Stand("0400", VANDAAG, {t.nummer: t for t in toewijzingen}, **velden)


def _beoordeel(naam: str, stand: Stand):
    gelezen = lezen.lees((BERICHTEN / naam).read_bytes())
    return gelezen, regels.beoordeel(gelezen, stand)


def _retour(gelezen, beoordeling):
    xml, fouten = retour.bouw_retour(gelezen, beoordeling, identificatie="R-1", dagtekening=VANDAAG)
    assert not fouten, fouten  # the iJw retours validate against their XSD (None: iWmo, no schema)
    return xml


@pytest.mark.parametrize("naam,stand", [
    ("jw305_start_geldig.xml", _stand(JW)),
    ("wmo305_start_geldig.xml", _stand(WMO)),
    ("jw307_stop_geldig.xml", _stand(replace(JW, starts=GESTART))),
    ("wmo307_stop_geldig.xml", _stand(replace(WMO, starts=GESTART))),
    ("jw315_verzoek_geldig.xml", _stand()),
    ("wmo315_verzoek_geldig.xml", _stand()),
    ("jw317_wijziging_geldig.xml", _stand(JW)),
    ("wmo317_wijziging_geldig.xml", _stand(WMO)),
])
def test_istandaard_OP065_a_valid_message_is_accepted_with_0200_and_no_client(naam, stand):
    gelezen, b = _beoordeel(naam, stand)
    assert b.geaccepteerd, b.redenen
    xml = _retour(gelezen, b)
    assert b"<RetourCode>0200</RetourCode>" in xml and b"<Client>" not in xml and b"<Bsn>" not in xml
    assert gelezen.soort.naam[-3:] in naam


def test_istandaard_OP286_a_message_failing_its_xsd_is_rejected_whole_with_0001():
    gelezen, b = _beoordeel("jw305_xsd_fout.xml", _stand(JW))
    assert gelezen.bericht is None and gelezen.schemafouten
    assert b.header == ["0001"] and "Begindatum" in b.redenen[0]
    xml = _retour(gelezen, b)
    assert b"<RetourCode>0001</RetourCode>" in xml and b"<Client>" not in xml


def test_istandaard_CS002_a_bsn_failing_the_elfproef_rejects_the_message():
    _, b = _beoordeel("jw305_bsn_elfproef.xml", _stand(JW))
    assert b.header == ["0001"] and b.redenen[0].startswith("CS002")


def test_istandaard_TR378_a_message_for_another_gemeente_gets_S300():
    gelezen, b = _beoordeel("jw305_andere_gemeente.xml", _stand(JW))
    assert b.header == ["S300"]
    _retour(gelezen, b)


def test_istandaard_TR019_an_unknown_toewijzingnummer_gets_9019_on_its_product():
    gelezen, b = _beoordeel("jw305_onbekend_toewijzingnummer.xml", _stand(JW))
    assert b.producten == [["9019"]] and not b.header
    xml = _retour(gelezen, b)
    # OP065: the client is returned with its classes, the header has no remark.
    assert xml.count(b"<RetourCode>0200</RetourCode>") == 2 and b"<RetourCode>9019</RetourCode>" in xml


def test_istandaard_TR019_a_product_never_assigned_cannot_be_linked():
    _, b = _beoordeel("jw305_product_niet_toegewezen.xml", _stand(JW))
    assert b.producten == [["9019"]]


def test_istandaard_TR019_a_toewijzing_of_another_client_or_provider_cannot_be_linked():
    _, b = _beoordeel("jw305_start_geldig.xml", _stand(replace(JW, bsn="999900031")))
    assert b.producten == [["9019"]]
    _, b = _beoordeel("jw305_start_geldig.xml", _stand(replace(JW, aanbieder_agb="87654321")))
    assert b.producten == [["9019"]]


def test_istandaard_TR056_the_same_message_twice_gets_9056():
    _, b = _beoordeel("jw305_start_geldig.xml", _stand(JW, ontvangen={("12345678", "JW305", "S305-1")}))
    assert b.header == ["9056"]


def test_istandaard_TR074_the_same_start_twice_gets_9074():
    _, b = _beoordeel("jw305_start_geldig.xml", _stand(replace(JW, starts=GESTART)))
    assert b.producten == [["9074"]]


def test_istandaard_TR326_a_new_start_while_one_runs_gets_9326():
    _, b = _beoordeel("jw305_start_geldig.xml", _stand(replace(JW, starts=(StartStand(datetime.date(2026, 11, 3)),))))
    assert b.producten == [["9326"]]
    # After a stop on that start, a new start is allowed (OP379).
    gestopt = replace(JW, starts=(StartStand(datetime.date(2026, 11, 3)),),
                      stops=(StopStand(datetime.date(2026, 11, 3), datetime.date(2026, 11, 5), "20"),))
    _, b = _beoordeel("jw305_start_geldig.xml", _stand(gestopt))
    assert b.geaccepteerd


def test_istandaard_TR382_a_stop_without_its_start_gets_9069():
    gelezen, b = _beoordeel("jw307_stop_geldig.xml", _stand(JW))
    assert b.producten == [["9069"]]
    _retour(gelezen, b)


def test_istandaard_TR415_a_second_final_stop_gets_9415():
    gestopt = replace(
        JW, starts=GESTART, stops=(StopStand(datetime.date(2026, 11, 9), datetime.date(2026, 11, 20), "31"),)
    )
    _, b = _beoordeel("jw307_stop_geldig.xml", _stand(gestopt))
    assert b.producten == [["9415"]]


def test_istandaard_TR018_dates_out_of_order_reject_the_stop():
    _, b = _beoordeel("jw307_datums_omgekeerd.xml", _stand(replace(JW, starts=GESTART)))
    assert b.header == ["0001"] and b.redenen[0].startswith("TR018")


def test_istandaard_CS003_a_request_ending_before_it_starts_is_rejected():
    _, b = _beoordeel("jw315_datums_omgekeerd.xml", _stand())
    assert b.header == ["0001"] and b.redenen[0].startswith("CS003")


def test_istandaard_TR135_a_dagtekening_in_the_future_gets_8848():
    gelezen = lezen.lees((BERICHTEN / "jw305_start_geldig.xml").read_bytes())
    stand = Stand("0400", datetime.date(2026, 11, 19), {1001: JW})
    assert regels.beoordeel(gelezen, stand).header == ["8848"]


def test_istandaard_TR347_a_reused_referentie_gets_9347():
    _, b = _beoordeel("jw315_verzoek_geldig.xml", _stand(referenties={("12345678", "VOT-2026-001")}))
    assert b.producten == [["9347"]]


def test_istandaard_TR374_a_second_open_request_for_the_client_gets_9374():
    _, b = _beoordeel("jw315_verzoek_geldig.xml", _stand(open_verzoeken={("12345678", "999900006")}))
    assert b.client == ["9374"]
    _, b = _beoordeel("jw317_wijziging_geldig.xml", _stand(JW, open_verzoeken={("12345678", "999900006")}))
    assert b.verzoek == ["9374"]


def test_istandaard_TR304_a_317_for_a_client_without_toewijzing_gets_8187():
    gelezen, b = _beoordeel("jw317_wijziging_geldig.xml", _stand(WMO))
    assert b.client == ["8187"]
    _retour(gelezen, b)


def test_istandaard_TR351_and_TR349_an_unknown_te_wijzigen_product():
    gelezen, b = _beoordeel("jw317_onbekende_toewijzing.xml", _stand(JW))
    assert b.verzoek == ["9349"] and b.producten == [["9351"]]
    xml = _retour(gelezen, b)
    assert b"<RetourCode>9351</RetourCode>" in xml and b"<RetourCode>9349</RetourCode>" in xml


def test_istandaard_TR350_an_ongewijzigd_product_that_is_not_current():
    niet_actueel = replace(JW, actueel=False)
    extra = replace(JW, nummer=1002, categorie="46")
    gelezen = lezen.lees((BERICHTEN / "jw317_wijziging_geldig.xml").read_bytes().replace(
        b"<TeWijzigenProducten>", b"<OngewijzigdeProducten><OngewijzigdProduct><ToewijzingNummer>1002"
        b"</ToewijzingNummer></OngewijzigdProduct></OngewijzigdeProducten><TeWijzigenProducten>"))
    b = regels.beoordeel(gelezen, _stand(niet_actueel, replace(extra, actueel=False)))
    assert b.producten[0] == ["9350"] and b.producten[1] == ["9351"]


def test_istandaard_TR357_a_change_from_the_past_must_start_at_the_toewijzing():
    gelezen = lezen.lees((BERICHTEN / "jw317_wijziging_geldig.xml").read_bytes().replace(
        b"<GewensteIngangsdatum>2027-01-04", b"<GewensteIngangsdatum>2026-11-10"))
    b = regels.beoordeel(gelezen, _stand(JW))
    assert b.producten == [["9357"]]


def test_istandaard_whole_or_nothing_the_sibling_of_a_rejected_class_is_not_assessed():
    inhoud = (BERICHTEN / "jw305_start_geldig.xml").read_bytes()
    tweede = inhoud.split(b"<StartProduct>")[1].split(b"</StartProduct>")[0].replace(b">1001<", b">9999<")
    inhoud = inhoud.replace(b"</StartProduct>", b"</StartProduct><StartProduct>" + tweede + b"</StartProduct>", 1)
    gelezen = lezen.lees(inhoud)
    b = regels.beoordeel(gelezen, _stand(JW))
    assert b.producten == [[], ["9019"]] and not b.geaccepteerd
    header, client, _, producten = b.voor_retour()
    assert producten == [["0233"], ["9019"]] and client == ["0200"]
    _retour(gelezen, b)


@pytest.mark.parametrize("naam", ["geen_xml.xml", "onbekend_bericht.xml"])
def test_istandaard_a_file_that_is_no_message_is_unreadable_with_a_reason(naam):
    with pytest.raises(lezen.Onleesbaar) as fout:
        lezen.lees((BERICHTEN / naam).read_bytes())
    assert str(fout.value)


def test_istandaard_a_doctype_is_refused_before_parsing():
    with pytest.raises(lezen.Onleesbaar, match="DOCTYPE"):
        lezen.lees(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')


def test_istandaard_our_own_message_type_is_not_an_incoming_message():
    from wijkregie.backoffice.istandaard.gegevens import Antwoordbericht
    from wijkregie.backoffice.istandaard.opbouw import bouw_319

    with pytest.raises(lezen.Onleesbaar, match="JW319"):
        lezen.lees(bouw_319(Antwoordbericht("jw", "0400", "12345678", "1", VANDAAG, "R", "2")))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_istandaard_foreign_bytes_never_crash_the_reader(inhoud):
    try:
        gelezen = lezen.lees(inhoud)
    except lezen.Onleesbaar:
        return
    regels.beoordeel(gelezen, _stand(JW))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 4000), st.sampled_from(["Begindatum", "Bsn", "ToewijzingNummer", "StatusAanlevering",
                                               "Categorie", "Ontvanger", "Afzender", "Identificatie"]),
       st.text(max_size=15))
def test_istandaard_a_damaged_message_is_read_or_refused_never_a_crash(_, element, waarde):
    """Any element's content replaced by anything: a retourcode or Onleesbaar, never an exception."""
    import re
    from xml.sax.saxutils import escape

    inhoud = (BERICHTEN / "jw305_start_geldig.xml").read_text()
    inhoud = re.sub(
        rf"(<(?:b:)?{element}>)[^<]*(</)", lambda m: m.group(1) + escape(waarde) + m.group(2), inhoud, count=1
    )
    try:
        gelezen = lezen.lees(inhoud.encode())
    except lezen.Onleesbaar:
        return
    b = regels.beoordeel(gelezen, _stand(JW))
    retour.bouw_retour(gelezen, b, identificatie="R-1", dagtekening=VANDAAG)


@pytest.mark.parametrize("naam,stand", [
    ("wmo305_start_geldig.xml", _stand()),  # rejected (9019): the client is returned with its classes
    ("wmo307_stop_geldig.xml", _stand(WMO)),  # rejected (9069)
    ("wmo315_verzoek_geldig.xml", _stand(referenties={("12345678", "VOT-W-001")})),  # 9347
    ("wmo317_wijziging_geldig.xml", _stand()),  # 8187
])
def test_istandaard_the_wmo_retours_have_the_structure_of_the_jw_retours(naam, stand):
    """No XSD exists here for WMO306/308/316/318: built in the iWmo namespace to the iJw retour's structure.
    Mapped back to iJw (namespace, berichtcode, codes of the other law's lists) it must pass the JW XSD."""
    import re

    gelezen, b = _beoordeel(naam, stand)
    assert not b.geaccepteerd and not b.header
    xml, fouten = retour.bouw_retour(gelezen, b, identificatie="R-1", dagtekening=VANDAAG)
    assert fouten is None  # not validated: there is no schema
    nummer = gelezen.soort.nummer + 1
    jw = xml.decode()
    jw = jw.replace(f"iwmo/3_2/wmo{nummer}/schema", f"ijw/3_2/jw{nummer}/schema")
    jw = jw.replace("iwmo/3_2/basisschema/schema", "ijw/3_2/basisschema/schema").replace("1.0.0", "0.1.0")
    jw = re.sub(r"<BerichtCode>\d+</BerichtCode>",
                f"<BerichtCode>{codes_module.soort('jw', nummer).code}</BerichtCode>", jw)
    jw = re.sub(r"(Categorie>)\d+(<)", r"\g<1>45\2", jw).replace("<RedenBeeindiging>23<", "<RedenBeeindiging>31<")
    assert schemas.valideer(codes_module.soort("jw", nummer), jw.encode()) == []
