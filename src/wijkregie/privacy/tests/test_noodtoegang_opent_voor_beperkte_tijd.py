"""Break-the-glass: a medewerker of another team opens a file with a reason, reads it for a limited
time with the ground "noodtoegang", and loses it again when the time is up."""

import datetime

from django.utils import timezone

from wijkregie.casus.models import Casus
from wijkregie.core.models import AuditEvent
from wijkregie.privacy.models import Noodtoegang
from wijkregie.privacy.noodtoegang import NOODTOEGANG_DUUR
from wijkregie.testing import login, make_persoon

REDEN = "Crisis in de nacht, regisseur niet bereikbaar, politie vraagt om contactgegevens."


def _anna(world):
    anna = make_persoon(world, "Anna", "de Boer", bsn="999993653", geboortedatum=datetime.date(1980, 3, 12),
                        team=world.team_noord, regisseur=world.medewerker)
    return anna, Casus.objects.get(hoofdpersoon=anna)


def _openen(client, **zoek):
    client.post("/noodtoegang/", {"stap": "zoeken", **zoek})
    return client.post("/noodtoegang/", {"stap": "openen", "reden": REDEN})


def test_it_opens_the_file_with_a_reason_and_closes_it_when_the_time_is_up(client, world):
    anna, casus = _anna(world)
    login(client, world.andere_teamlid)  # team Zuid: no relation with team Noord's file
    assert client.get(f"/casussen/{casus.pk}/").status_code == 404

    response = client.post("/noodtoegang/", {"stap": "zoeken", "bsn": "999993653"})
    inhoud = response.content.decode()
    assert "Er is een dossier over deze inwoner" in inhoud and "Team Noord" in inhoud
    assert "Anna" not in inhoud  # existence and team, nothing of the file
    response = client.post("/noodtoegang/", {"stap": "openen", "reden": REDEN})
    assert response.status_code == 302 and response["Location"] == f"/casussen/{casus.pk}/"

    toegang = Noodtoegang.objects.get()
    assert toegang.medewerker == world.andere_teamlid and toegang.casus == casus and toegang.reden == REDEN
    assert abs((toegang.tot - toegang.van) - NOODTOEGANG_DUUR) < datetime.timedelta(seconds=1)
    assert client.get(f"/casussen/{casus.pk}/").status_code == 200
    gelezen = AuditEvent.objects.filter(actor="zuid", object_type="casus.casus", client_id=anna.pk, actie="R",
                                      resultaat="gelukt")
    assert [e.grondslag for e in gelezen] == ["noodtoegang"]
    geopend = AuditEvent.objects.get(actor="zuid", object_type="privacy.noodtoegang", actie="E")
    assert geopend.client_id == anna.pk and geopend.resultaat == "gelukt" and REDEN not in geopend.omschrijving
    # Read-only: the table gives no documents and no changes (not in WERKT_IN_DOSSIER).
    assert not world.andere_teamlid.has_perm("casus.bewerken", casus)

    Noodtoegang.objects.update(tot=timezone.now() - datetime.timedelta(seconds=1))
    client.logout()
    login(client, world.andere_teamlid)  # a new request: nothing cached from before
    assert client.get(f"/casussen/{casus.pk}/").status_code == 404


def test_surname_and_birth_date_find_the_file_too(client, world):
    _anna_, casus = _anna(world)
    login(client, world.andere_teamlid)
    response = _openen(client, achternaam="de boer", geboortedatum="12-03-1980")
    assert response.status_code == 302
    assert client.get(f"/casussen/{casus.pk}/").status_code == 200


def test_a_partial_name_or_a_wrong_birth_date_finds_nothing(client, world):
    _anna(world)
    login(client, world.andere_teamlid)
    for zoek in ({"achternaam": "boer", "geboortedatum": "12-03-1980"},
                 {"achternaam": "de Boer", "geboortedatum": "13-03-1980"}):
        response = client.post("/noodtoegang/", {"stap": "zoeken", **zoek})
        assert "Geen inwoner gevonden met precies deze gegevens." in response.content.decode()
        assert response.context["redenform"] is None
    assert not AuditEvent.objects.filter(
        actor="zuid", object_type="privacy.noodtoegang", client_id__isnull=False
    ).exists()
    assert AuditEvent.objects.filter(actor="zuid", object_type="privacy.noodtoegang",
                                     omschrijving__endswith="niets gevonden").count() == 2


def test_who_already_sees_the_file_is_sent_to_it_without_break_the_glass(client, world):
    _anna_, casus = _anna(world)
    login(client, world.collega)  # team Noord with the household's consent
    response = client.post("/noodtoegang/", {"stap": "zoeken", "bsn": "999993653"})
    assert "U hebt al toegang" in response.content.decode() and f"/casussen/{casus.pk}/" in response.content.decode()
    assert response.context["redenform"] is None
