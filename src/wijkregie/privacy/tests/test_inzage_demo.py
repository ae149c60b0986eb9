"""The demo leaves one resident whose inzage lists reads by colleagues (list views and break-the-glass
included) and a request for inzage waiting for the privacy officer; loading it twice writes nothing."""

from wijkregie.casus.models import Casus, Status
from wijkregie.privacy.demo import load_privacy
from wijkregie.privacy.inzage import inzage_gegevens
from wijkregie.privacy.models import Inzageverzoek, Noodtoegang
from wijkregie.testing import make_persoon


def test_the_demo_resident_has_reads_by_colleagues_in_the_inzage(world):
    anna = make_persoon(world, "Anna", "de Boer", bsn="999993653", team=world.team_noord, regisseur=world.medewerker)
    Casus.objects.filter(hoofdpersoon=anna).update(status=Status.UITVOERING)
    assert load_privacy(world.den_helder) > 0
    verzoek = Inzageverzoek.objects.get()
    assert verzoek.persoon == anna and verzoek.geregistreerd_door == world.privacyfunctionaris
    g = inzage_gegevens(verzoek)
    wie = {(v["rol"], v["organisatie"], v["grondslag"]) for v in g["verwerkingen"] if v["actie"] == "inzien"}
    assert ("Medewerker", "De Wering", "behandelrelatie: regisseur of toegewezen medewerker") in wie
    assert ("Medewerker", "De Wering", "toestemming: bespreken in het wijkteam") in wie  # Pieter, a colleague
    assert ("Bureaudienst, Medewerker", "Gemeente Den Helder", "de rol van de medewerker") in wie  # a search result
    assert ("Gedragswetenschapper", "De Wering", "noodtoegang") in wie
    assert Noodtoegang.objects.get().medewerker == world.gedragswetenschapper
    assert g["noodtoegang"][0]["reden"].startswith("Avond")
    assert load_privacy(world.den_helder) == 0 and Inzageverzoek.objects.count() == 1
