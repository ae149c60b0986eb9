"""A document made in the background is its owner's alone: a colleague who may see the same resident, a
medewerker of another team, an outsider of another gemeente get 404 on its status page, its download and
its retry (as for a job that does not exist), and each refusal is audited. Who may not see the resident
cannot even have the job made."""

import uuid

import pytest
from django.http import Http404

from wijkregie.core import achtergrond
from wijkregie.core.models import Achtergrondbestand, AuditEvent
from wijkregie.core.tests.achtergrond_hulp import Proefdocument, taken_uitvoeren
from wijkregie.testing import login, make_persoon


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def klaar(world):
    anna = make_persoon(world, "Anna", "Dossiermarker", team=world.team_noord, regisseur=world.medewerker)
    bestand = achtergrond.bestand_aanvragen(actor=world.medewerker, soort=Proefdocument, parameters={"pk": anna.pk})
    taken_uitvoeren()
    return bestand


@pytest.mark.parametrize(
    "persona", ["collega", "andere_teamlid", "buitenstaander", "privacyfunctionaris", "backoffice"]
)
def test_nobody_but_the_owner_gets_anything(client, world, klaar, persona):
    user = getattr(world, persona)
    login(client, user)
    for url in (f"/bestanden/{klaar.pk}/", f"/bestanden/{klaar.pk}/downloaden/"):
        response = client.get(url)
        assert (
            response.status_code == 404 and b"Dossiermarker" not in response.content and b"%PDF" not in response.content
        )
    assert client.post(f"/bestanden/{klaar.pk}/opnieuw/").status_code == 404
    assert Achtergrondbestand.objects.count() == 1
    assert AuditEvent.objects.filter(actor=user.username, resultaat="geweigerd",
                                     object_type="core.achtergrondbestand", object_id=str(klaar.pk)).count() == 3
    assert not AuditEvent.objects.filter(resultaat="gelukt", actie="R", object_type="inwoners.persoon").exists()


def test_an_unknown_job_is_the_same_404(client, world, klaar):
    login(client, world.collega)
    assert client.get(f"/bestanden/{uuid.uuid4()}/").status_code == 404


def test_logged_out_gets_the_login_page(client, klaar):
    response = client.get(f"/bestanden/{klaar.pk}/downloaden/")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


@pytest.mark.parametrize("persona", ["andere_teamlid", "buitenstaander"])
def test_who_may_not_see_the_resident_cannot_have_it_made(world, persona):
    anna = make_persoon(world, "Anna", "Dossiermarker", team=world.team_noord, regisseur=world.medewerker)
    with pytest.raises(Http404):
        achtergrond.bestand_aanvragen(actor=getattr(world, persona), soort=Proefdocument, parameters={"pk": anna.pk})
    assert not Achtergrondbestand.objects.exists()
