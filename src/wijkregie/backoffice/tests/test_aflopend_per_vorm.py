"""The regisseur's expiring indications on the start page (backoffice.selectors.verlopende_eigen) are read by a
statement kept per shape of the access policy's inputs on PostgreSQL, the user's ids filled in at each use (issue
17), as the werkvoorraad's. Each regisseur still sees only their own; the tests' GECOMPILEERD_CONTROLE builds every
filled-in statement from the user itself too and compares."""

import datetime
from collections import OrderedDict

from django.db import connection
from django.utils import timezone

from wijkregie.backoffice import selectors
from wijkregie.core import querying
from wijkregie.testing import login

from .helpers import toekennen


def test_the_same_toewijzingen_as_the_queryset_whole_enough_for_the_card(world, getekend):
    vandaag = timezone.localdate()
    toekennen(world, getekend, ingangsdatum=vandaag - datetime.timedelta(days=100),
              einddatum=vandaag + datetime.timedelta(weeks=3))
    verwacht = list(selectors.verlopende_toewijzingen(world.medewerker, alleen_eigen=True)[:20])
    gelezen = selectors.verlopende_eigen(world.medewerker)
    assert [t.pk for t in gelezen] == [t.pk for t in verwacht] and len(gelezen) == 1
    (t,) = gelezen
    assert t.beschikking.persoon.naam == "Pieter Jansen" and t.beschikking.casus_id == getekend.casus_id
    assert (t.einddatum, t.aanbieder_naam, t.productcategorie_omschrijving) == (
        verwacht[0].einddatum, verwacht[0].aanbieder_naam, verwacht[0].productcategorie_omschrijving)
    for user in (world.collega, world.andere_teamlid, world.buitenstaander):
        assert selectors.verlopende_eigen(user) == []


def test_colleagues_of_one_shape_share_the_statement_and_see_their_own(client, world, getekend, monkeypatch):
    vandaag = timezone.localdate()
    toekennen(world, getekend, ingangsdatum=vandaag, einddatum=vandaag + datetime.timedelta(weeks=2))
    bewaard: OrderedDict = OrderedDict()
    monkeypatch.setattr(querying, "_eerste_rijen", bewaard)
    login(client, world.medewerker)
    assert "Indicaties die binnen 8 weken aflopen" in client.get("/").content.decode()
    login(client, world.collega)
    assert "Indicaties die binnen 8 weken aflopen" not in client.get("/").content.decode()
    sleutels = [k for k in bewaard if "backoffice.aflopend" in k]
    # PostgreSQL: one statement for both (their shape is the same); SQLite: built per request, nothing kept.
    assert len(sleutels) == (1 if connection.vendor == "postgresql" else 0)
