"""The werkvoorraad names residents and reads nothing else of them: not their BSN, address or phone, nor the
triage's account of a safety concern (dataminimalisatie). A field it did not read is deferred, so code that
would use it reads the true value (with a query of its own), never an empty default."""

import datetime

from django.utils import timezone

from wijkregie.casus.models import Casus
from wijkregie.regie.models import Herinnering
from wijkregie.regie.selectors import werkvoorraad
from wijkregie.testing import make_persoon
from wijkregie.toegang.models import Aanmelding, AanmeldingStatus, Triage

NIET_GELEZEN = {"bsn", "straat", "huisnummer", "postcode", "telefoon", "email", "geboortedatum"}


def test_the_werkvoorraad_reads_the_residents_name_only(world):
    persoon = make_persoon(world, "Naima", "Leest", team=world.team_noord, regisseur=world.medewerker,
                           bsn="111222333", straat="Spoorstraat", huisnummer="4", telefoon="0612345678",
                           geboortedatum=datetime.date(1980, 5, 1))
    casus = Casus.objects.get(hoofdpersoon=persoon)
    Herinnering.objects.create(gemeente=world.den_helder, medewerker=world.medewerker, casus=casus,
                               sleutel="naam", tekst="Bel terug")
    aanmelding = Aanmelding.objects.create(
        gemeente=world.den_helder, kanaal="telefoon", vraag="Hulp", persoon=persoon, team=world.team_noord,
        medewerker=world.medewerker, status=AanmeldingStatus.TOEGEDEELD, ontvangen_op=timezone.now())
    Triage.objects.create(gemeente=world.den_helder, aanmelding=aanmelding, urgentie="acuut", veiligheid="ja",
                          veiligheid_toelichting="Zorg over de kinderen", aard="meervoudig_zonder",
                          uitkomst="specialistisch")

    werk = werkvoorraad(world.medewerker, lopende=True)

    [herinnering] = werk.herinneringen
    [lopend] = werk.lopende
    [nieuw] = werk.nieuw_toegedeeld
    [alarm] = werk.alarmen
    for gelezen in (herinnering.casus.hoofdpersoon, lopend.hoofdpersoon, nieuw.persoon):
        assert gelezen.naam == "Naima Leest"
        assert NIET_GELEZEN <= gelezen.get_deferred_fields()
    assert alarm.triage.urgentie == "acuut"
    assert "veiligheid_toelichting" in alarm.triage.get_deferred_fields()
    # Not read is not empty: asked for, the true value comes from the database.
    assert herinnering.casus.hoofdpersoon.bsn == "111222333"
    assert lopend.hoofdpersoon.geboortedatum == datetime.date(1980, 5, 1)
