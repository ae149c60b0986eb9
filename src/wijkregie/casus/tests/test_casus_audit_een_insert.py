"""The casus page records its read of the hoofdpersoon's file and the household's members it shows in one
insert (issue 17): the same events as before, each member's with its own description and ground."""

import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wijkregie.casus.models import Casus, Toestemming
from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.models import Lidmaatschap, Persoon
from wijkregie.testing import login, make_persoon


def test_it_writes_the_read_and_the_members_disclosure_in_one_insert(world):
    hoofd = make_persoon(world, "Ilse", "Vos", team=world.team_noord, regisseur=world.medewerker)
    casus = Casus.objects.get(hoofdpersoon=hoofd)
    kind = Persoon.objects.create(gemeente=world.den_helder, voornamen="Jip", achternaam="Vos",
                                  geboortedatum=datetime.date(2015, 5, 5))
    Lidmaatschap.objects.create(gemeente=world.den_helder, persoon=kind, huishouden=casus.huishouden, relatie="kind")
    Toestemming.objects.create(gemeente=world.den_helder, persoon=hoofd, scope="team")
    client = login(Client(), world.medewerker)
    voor = AuditEvent.objects.count()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/casussen/{casus.pk}/").status_code == 200
    inserts = [q for q in ctx.captured_queries if q["sql"].startswith('INSERT INTO "core_auditevent"')]
    assert len(inserts) == 1
    nieuw = {e.client_id: e for e in AuditEvent.objects.order_by("pk")[voor:]}
    assert set(nieuw) == {hoofd.pk, kind.pk}
    assert nieuw[hoofd.pk].omschrijving == "casus ingezien"
    assert nieuw[hoofd.pk].grondslag.startswith("behandelrelatie")
    assert nieuw[kind.pk].omschrijving == "casus: huishouden en toestemming"
    assert nieuw[kind.pk].grondslag == "rol"
    for e in nieuw.values():
        assert (e.actor_id, e.object_type, e.object_id, e.actie, e.gemeente_id) == (
            world.medewerker.pk, "casus.casus", str(casus.pk), "R", world.den_helder.pk)
        assert e.rol
