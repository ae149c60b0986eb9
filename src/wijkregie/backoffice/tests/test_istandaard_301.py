"""Outgoing WMO301/JW301 and 319: every message built validates against its XSD, whatever the toewijzing's shape."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wijkregie.backoffice.istandaard import codes, opbouw, schemas
from wijkregie.backoffice.istandaard.gegevens import (
    Adres,
    Antwoordbericht,
    Client,
    Omvang,
    ToegewezenProduct,
    Toewijzingsbericht,
)
from wijkregie.core.bsn import test_bsns

BSNS = [b for _, b in zip(range(20), test_bsns())]
CATEGORIE = {"wmo": ["01", "02", "06", "18"], "jw": ["31", "35", "45", "55"]}


def _bericht(standaard="jw", **product) -> Toewijzingsbericht:
    velden = dict(toewijzingnummer=1001, categorie=CATEGORIE[standaard][0], code="45A01",
                  toewijzingsdatum=datetime.datetime(2026, 12, 1, 9, 30), ingangsdatum=datetime.date(2026, 12, 7),
                  einddatum=datetime.date(2027, 6, 30), omvang=Omvang(3, "04", "2"))
    velden.update(product)
    return Toewijzingsbericht(standaard, "0400", "12345678", "7", datetime.date(2026, 12, 1),
                              Client(BSNS[0], "Bakker", "de", "Sanne Maria", datetime.date(2012, 3, 4)),
                              Adres("Middenweg", "12a", "1782 BC", "Den Helder", "0223 123456"),
                              (ToegewezenProduct(**velden),))


def _geldig(standaard: str, nummer: int, xml: bytes) -> None:
    fouten = schemas.valideer(codes.soort(standaard, nummer), xml)
    assert fouten == [], fouten


@pytest.mark.parametrize("standaard", ["wmo", "jw"])
def test_istandaard_301_of_an_inspanningsgerichte_toewijzing_is_valid(standaard):
    xml = opbouw.bouw_301(_bericht(standaard, categorie=CATEGORIE[standaard][1]))
    _geldig(standaard, 301, xml)
    root = ET.fromstring(xml)
    assert root.tag == f"{{{codes.soort(standaard, 301).namespace}}}Bericht"
    assert root.findtext(f"{{{codes.soort(standaard, 301).namespace}}}Header/"
                         f"{{{codes.soort(standaard, 301).namespace}}}Afzender") == "0400"  # Den Helder (CBS)


def test_istandaard_301_outputgericht_and_aspecifiek_shapes_are_valid():
    # Outputgericht: eenheid 82 stuks (output), frequentie 6 totaal binnen geldigheidsduur.
    _geldig("jw", 301, opbouw.bouw_301(_bericht(omvang=Omvang(1, "82", "6"))))
    # Aspecifiek (category only): no Omvang without a code (CD080).
    xml = opbouw.bouw_301(_bericht(code="", omvang=Omvang(3, "04", "2"), einddatum=None))
    _geldig("jw", 301, xml)
    assert b"Omvang" not in xml
    # A change (OP033x1): RedenWijziging and an earlier einddatum; a removal: einddatum = ingangsdatum, 13.
    _geldig("jw", 301, opbouw.bouw_301(_bericht(reden_wijziging="05", einddatum=datetime.date(2027, 1, 31))))
    _geldig("jw", 301, opbouw.bouw_301(_bericht(reden_wijziging="13", einddatum=datetime.date(2026, 12, 7))))
    # In answer to a 315 (TR379): ReferentieAanbieder filled.
    _geldig("wmo", 301, opbouw.bouw_301(_bericht("wmo", referentie_aanbieder="VOT-W-001")))


def test_istandaard_301_the_schema_check_can_fail():
    """The validation is not a formality: a 301 with a product category of the other law fails its XSD."""
    xml = opbouw.bouw_301(_bericht("wmo", categorie="45"))
    fouten = schemas.valideer(codes.soort("wmo", 301), xml)
    assert fouten and "Categorie" in fouten[0].pad


def test_istandaard_301_unknown_birth_date_and_odd_addresses():
    b = _bericht()
    b = Toewijzingsbericht(b.standaard, b.gemeentecode, b.aanbieder_agb, b.identificatie, b.dagtekening,
                           Client(BSNS[1], "Van der Heijden-Oosterhuis " * 12, "van der", "", None),
                           Adres("Burgemeester Ritmeester Bakkerstraat", "122-bis", "1781ab", "Den Helder", ""),
                           b.producten)
    xml = opbouw.bouw_301(b)
    _geldig("jw", 301, xml)
    assert b"<ijw:DatumGebruik>3</ijw:DatumGebruik>" in xml


@settings(max_examples=40, deadline=None)
@given(
    standaard=st.sampled_from(["wmo", "jw"]),
    bsn=st.sampled_from(BSNS),
    # Any text a person may type, control characters and noncharacters included: cleaned, never invalid XML.
    achternaam=st.text(st.characters(codec="utf-8"), min_size=1, max_size=60)
    .filter(lambda s: any(ch.isalnum() for ch in s)),
    voornamen=st.text(alphabet="abcdefghijklmnopqrstuvwxyzéëï ABCDEFGHIJ", max_size=40),
    huisnummer=st.text(alphabet="0123456789abc -", max_size=8),
    postcode=st.text(alphabet="0123456789ABCDEFab ", max_size=8),
    telefoon=st.text(alphabet="0123456789+-() ", max_size=20),
    aantal=st.integers(1, 4),
    volume=st.integers(1, 99_999_999),
    eenheid=st.sampled_from(["01", "04", "14", "16", "82", "83", "84"]),
    frequentie=st.sampled_from(["1", "2", "4", "6"]),
    nummer=st.integers(0, 999_999_999),
    dagen=st.integers(0, 800),
)
def test_istandaard_301_any_toewijzing_shape_validates(standaard, bsn, achternaam, voornamen, huisnummer, postcode,
                                                       telefoon, aantal, volume, eenheid, frequentie, nummer, dagen):
    ingang = datetime.date(2026, 1, 1) + datetime.timedelta(days=dagen)
    producten = tuple(
        ToegewezenProduct(toewijzingnummer=(nummer + i) % 1_000_000_000, categorie=CATEGORIE[standaard][i],
                          code="" if i % 2 else "AB12", toewijzingsdatum=datetime.datetime(2026, 1, 1, 8, 0, 0),
                          ingangsdatum=ingang, einddatum=ingang + datetime.timedelta(days=30 * i) if i else None,
                          omvang=Omvang(volume, eenheid, frequentie))
        for i in range(aantal))
    bericht = Toewijzingsbericht(standaard, "0400", "87654321", "123456789012", datetime.date(2026, 12, 1),
                                 Client(bsn, achternaam, "", voornamen, datetime.date(1950, 5, 6)),
                                 Adres("Straat", huisnummer, postcode, "Den Helder", telefoon), producten)
    _geldig(standaard, 301, opbouw.bouw_301(bericht))


@pytest.mark.parametrize("standaard", ["wmo", "jw"])
def test_istandaard_319_rejection_with_WJ759_reden_and_in_onderzoek_are_valid(standaard):
    afgewezen = Antwoordbericht(
        standaard, "0400", "12345678", "8", datetime.date(2026, 12, 1), "VOT-2026-001", "1", "3"
    )
    xml = opbouw.bouw_319(afgewezen)
    _geldig(standaard, 319, xml)
    assert b"<RedenAfwijzingVerzoek>3</RedenAfwijzingVerzoek>" in xml
    onderzoek = Antwoordbericht(standaard, "0400", "12345678", "9", datetime.date(2026, 12, 1), "VOT-2026-001", "2")
    xml = opbouw.bouw_319(onderzoek)
    _geldig(standaard, 319, xml)
    assert b"RedenAfwijzingVerzoek" not in xml  # CD086


def test_istandaard_TR377_a_jw319_on_the_woonplaatsbeginsel_names_the_responsible_gemeente():
    xml = opbouw.bouw_319(Antwoordbericht("jw", "0400", "12345678", "10", datetime.date(2026, 12, 1), "VOT-1", "1", "8",
                                          "0441"))
    _geldig("jw", 319, xml)
    assert b"<Gemeente>0441</Gemeente>" in xml
    # TR409: with another reden the class is left out.
    xml = opbouw.bouw_319(Antwoordbericht("jw", "0400", "12345678", "11", datetime.date(2026, 12, 1), "VOT-1", "1", "7",
                                          "0441"))
    assert b"Woonplaatsbeginsel" not in xml
