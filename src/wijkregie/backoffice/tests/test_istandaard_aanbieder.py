"""A provider's 305, 307 and 315 as built for the demo and the tests are valid and read back as built."""

import datetime

import pytest

from wijkregie.backoffice.istandaard import aanbieder, codes, lezen, schemas
from wijkregie.backoffice.istandaard.gegevens import AangevraagdProduct, Client, Omvang, StartProduct, StopProduct

CLIENT = Client("999900006", "Bakker", "de", "Sanne", datetime.date(2012, 3, 4))
DAG = datetime.date(2026, 11, 20)


@pytest.mark.parametrize("standaard,categorie", [("wmo", "02"), ("jw", "45")])
def test_istandaard_a_providers_messages_are_valid_and_read_back(standaard, categorie):
    start = StartProduct(1001, categorie, "", datetime.date(2026, 11, 2), datetime.date(2026, 11, 9), "1")
    stop = StopProduct(1001, "", "", datetime.date(2026, 11, 2), datetime.date(2026, 11, 9), "02", DAG, "1")
    vraag = AangevraagdProduct("VOT-1", categorie, "", datetime.date(2026, 12, 7), datetime.date(2027, 6, 30),
                               Omvang(3, "04", "2"), None, "02", "Huisarts Zuid")
    gemeen = dict(standaard=standaard, agb="12345678", gemeentecode="0400", identificatie="A-1", dagtekening=DAG,
                  client=CLIENT)
    for xml, nummer in ((aanbieder.bouw_305(**gemeen, starts=[start]), 305),
                        (aanbieder.bouw_307(**gemeen, stops=[stop]), 307),
                        (aanbieder.bouw_315(**gemeen, aangevraagd=[vraag]), 315)):
        assert schemas.valideer(codes.soort(standaard, nummer), xml) == []
        gelezen = lezen.lees(xml)
        assert gelezen.bericht.client.bsn == CLIENT.bsn and gelezen.header.afzender == "12345678"
    assert lezen.lees(aanbieder.bouw_305(**gemeen, starts=[start])).bericht.starts == (start,)
    assert (
        lezen.lees(aanbieder.bouw_315(**gemeen, aangevraagd=[vraag])).bericht.aangevraagd[0].referentie_aanbieder
        == "VOT-1"
    )
