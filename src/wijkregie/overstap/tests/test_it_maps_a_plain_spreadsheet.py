"""A plain spreadsheet like the 2014 pilot's (Naam, Geboortedatum, Adres, Postcode, Wijk, Hulpvraag, Datum
aanmelding, Medewerker, Status), its headers in any case and with common variants, maps onto the template:
the name and address are split, the team follows from the medewerker or the wijk."""

from wijkregie.casus.models import Casus, Status
from wijkregie.inwoners.models import Persoon
from wijkregie.overstap.services import caseload_import
from wijkregie.toegang.models import Aanmelding, AanmeldingStatus

from .blad import als_csv

KOPPEN = ["NAAM", "Geb.datum", "adres", "Postcode", "Wijk", "Hulpvraag", "Aanmelddatum", "Regisseur", "status",
          "Opmerkingen"]
RIJEN = [
    {"NAAM": "Pieter van den Berg", "Geb.datum": "12-3-1961", "adres": "Keizerstraat 12a", "Postcode": "1784AB",
     "Wijk": "Nieuw Den Helder", "Hulpvraag": "Eenzaam sinds overlijden partner", "Aanmelddatum": "3-9-2014",
     "Regisseur": "Sanne Visser", "status": "Lopend", "Opmerkingen": "belt liever 's middags"},
    {"NAAM": "Yıldız, Ayşe", "Geb.datum": "1988-07-01", "adres": "Duinweg 4", "Postcode": "1787 CD",
     "Wijk": "Julianadorp", "Hulpvraag": "Schulden", "Aanmelddatum": "2014-10-20", "Regisseur": "",
     "status": "", "Opmerkingen": ""},
]


def test_it_maps_a_plain_spreadsheet(world):
    rapport = caseload_import(actor=world.beheerder, data=als_csv(RIJEN, KOPPEN))

    assert rapport.toegepast, rapport.meldingen
    assert any("Opmerkingen" in o for o in rapport.opmerkingen)  # said, not silently dropped
    pieter = Persoon.objects.get(achternaam="Berg")
    assert (pieter.voornamen, pieter.tussenvoegsel, pieter.straat, pieter.huisnummer, pieter.postcode) == (
        "Pieter", "van den", "Keizerstraat", "12a", "1784 AB")
    casus = Casus.objects.get(hoofdpersoon=pieter)
    assert (casus.team, casus.medewerker, casus.status) == (world.team_noord, world.medewerker, Status.UITVOERING)
    ayse = Persoon.objects.get(achternaam="Yıldız")
    assert ayse.voornamen == "Ayşe"
    # No medewerker: the wijk's team gets the casus and the question waits at the bureaudienst for a regisseur.
    casus = Casus.objects.get(hoofdpersoon=ayse)
    assert (casus.team, casus.medewerker) == (world.team_zuid, None)
    assert Aanmelding.objects.get(persoon=ayse).status == AanmeldingStatus.BUREAUDIENST
