"""Expiring indications: toewijzingen ending within eight weeks, for the backoffice (its page and start card)
and for the regisseur (on the start page, only their own casussen); colleagues and outsiders see none."""

import datetime

from django.utils import timezone

from wijkregie.backoffice import selectors
from wijkregie.core.models import AuditEvent
from wijkregie.testing import login

from .helpers import toekennen


def test_ending_within_eight_weeks_is_shown_to_the_backoffice_and_the_regisseur(client, world, getekend):
    vandaag = timezone.localdate()
    toewijzing = toekennen(world, getekend, ingangsdatum=vandaag - datetime.timedelta(days=100),
                           einddatum=vandaag + datetime.timedelta(weeks=8)).toewijzingen.get()
    assert list(selectors.verlopende_toewijzingen(world.backoffice)) == [toewijzing]
    login(client, world.backoffice)
    pagina = client.get("/backoffice/aflopend/").content.decode()
    assert "Pieter Jansen" in pagina and toewijzing.einddatum.strftime("%d-%m-%Y") in pagina
    assert "1 indicatie loopt binnen 8 weken af." in client.get("/").content.decode()
    login(client, world.medewerker)  # the regisseur
    start = client.get("/").content.decode()
    assert "Indicaties die binnen 8 weken aflopen" in start and "Pieter Jansen" in start
    assert AuditEvent.objects.filter(actor_id=world.medewerker.pk, client_id=getekend.casus.hoofdpersoon_id,
                                     omschrijving="startpagina: aflopende indicaties, identiteit").exists()
    # A colleague with the household's consent works in the file but is not its regisseur: not on their start page.
    for user in (world.collega, world.andere_teamlid):
        login(client, user)
        assert "Indicaties die binnen 8 weken aflopen" not in client.get("/").content.decode()
        assert client.get("/backoffice/aflopend/").status_code == 403
    # Another gemeente's backoffice has the page, without Den Helder's residents.
    login(client, world.buitenstaander)
    assert "Pieter Jansen" not in client.get("/backoffice/aflopend/").content.decode()
    assert "Pieter Jansen" not in client.get("/").content.decode()


def test_later_ended_or_open_ended_ones_are_not_expiring(world, getekend):
    vandaag = timezone.localdate()
    toewijzing = toekennen(
        world, getekend, ingangsdatum=vandaag, einddatum=vandaag + datetime.timedelta(weeks=8, days=1)
    ).toewijzingen.get()
    assert not selectors.verlopende_toewijzingen(world.backoffice).exists()
    toewijzing.einddatum = None
    toewijzing.save()
    assert not selectors.verlopende_toewijzingen(world.backoffice).exists()
    toewijzing.einddatum, toewijzing.status = vandaag + datetime.timedelta(days=3), "beeindigd"
    toewijzing.save()
    assert not selectors.verlopende_toewijzingen(world.backoffice).exists()
    assert not selectors.verlopende_toewijzingen(world.buitenstaander).exists()
