"""Making an inzage reads a fixed number of queries, however many files, contacts and audit events the
resident has (one per kind of record, never one per row)."""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from wijkregie.casus.models import Casus, Status
from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.privacy.models import Inzageverzoek
from wijkregie.regie.models import Contactmoment
from wijkregie.testing import login, make_getekend_plan, make_persoon


def _meer(world, anna, n):
    for i in range(n):
        # Earlier files about her (before her household was recorded), closed after their plan was signed.
        casus = Casus.objects.create(gemeente=world.den_helder, team=world.team_noord, huishouden=None,
                                     hoofdpersoon=anna, status=Status.UITVOERING, medewerker=world.medewerker)
        Contactmoment.objects.create(gemeente=world.den_helder, casus=casus, met_wie="Anna", notitie=f"Gesprek {i}",
                                     door=world.medewerker)
        make_getekend_plan(world, casus)
        Casus.objects.filter(pk=casus.pk).update(status=Status.AFGESLOTEN)
        with transaction.atomic():
            audit_log(actor=world.collega, actie=AuditActie.READ, object_type="casus.casus", object_id=casus.pk,
                      client_id=anna.pk)


def test_the_inzage_costs_the_same_queries_for_one_file_or_many(client, world):
    anna = make_persoon(world, "Anna", "de Boer", bsn="999993653", team=world.team_noord, regisseur=world.medewerker)
    _meer(world, anna, 1)
    verzoek = Inzageverzoek.objects.create(gemeente=world.den_helder, persoon=anna, identiteit="Paspoort")
    login(client, world.privacyfunctionaris)

    def aantal():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/audit/inzage/{verzoek.pk}/json/")
        assert response.status_code == 200
        return len(ctx.captured_queries), response.json()

    client.get(f"/audit/inzage/{verzoek.pk}/json/")  # the first production sets gemaakt_op once
    weinig, _g = aantal()
    _meer(world, anna, 4)
    veel, g = aantal()
    assert len(g["casussen"]) == 6 and sum(len(c["contactmomenten"]) for c in g["casussen"]) == 5
    assert veel == weinig
