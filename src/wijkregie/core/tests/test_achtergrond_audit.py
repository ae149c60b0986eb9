"""The disclosure of a document made in the background is audited per person at download (when the data
reaches someone), with the kind's ground; making it discloses nothing and says only that it was asked."""

import pytest

from wijkregie.core import achtergrond
from wijkregie.core.models import AuditEvent
from wijkregie.core.tests.achtergrond_hulp import Proefdocument, taken_uitvoeren
from wijkregie.testing import login, make_persoon


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_each_download_is_one_disclosure_per_person(client, world):
    anna = make_persoon(world, "Anna", "Dossiermarker", team=world.team_noord, regisseur=world.medewerker)
    bestand = achtergrond.bestand_aanvragen(actor=world.medewerker, soort=Proefdocument, parameters={"pk": anna.pk})
    taken_uitvoeren()
    gevraagd = AuditEvent.objects.get(actie="E", object_type="inwoners.persoon")
    assert gevraagd.actie == "E" and gevraagd.client_id is None and str(bestand.pk) in gevraagd.omschrijving
    assert not AuditEvent.objects.filter(client_id=anna.pk, actie="R").exists()

    login(client, world.medewerker)
    for keer in (1, 2):
        assert client.get(f"/bestanden/{bestand.pk}/downloaden/").status_code == 200
        events = AuditEvent.objects.filter(client_id=anna.pk, actie="R", object_type="inwoners.persoon")
        assert events.count() == keer
    event = events.last()
    assert (event.actor, event.omschrijving, event.resultaat, event.object_id) == (
        "medewerker", "proefdocument als pdf", "gelukt", str(anna.pk))
