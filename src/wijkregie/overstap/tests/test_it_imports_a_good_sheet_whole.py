"""A good sheet lands whole: its people, households, aanmeldingen, casussen and goals, through the services,
with one audit event for the import; and they show in the pages (the regisseur's casus list, the person page)."""

from django.urls import reverse

from wijkregie.casus.models import Casus, Status
from wijkregie.core.models import AuditActie, AuditEvent
from wijkregie.inwoners.models import Lidmaatschap, Persoon
from wijkregie.overstap.services import caseload_import
from wijkregie.plan.models import Doel
from wijkregie.testing import login
from wijkregie.toegang.models import Aanmelding, AanmeldingStatus

from .blad import als_csv, huishoudens


def test_it_imports_a_good_sheet_whole(client, world):
    rapport = caseload_import(actor=world.beheerder, data=als_csv(huishoudens(3)))

    assert rapport.ok and rapport.toegepast, rapport.meldingen
    assert rapport.telling == {"personen": 6, "huishoudens": 3, "aanmeldingen": 3, "casussen": 3, "doelen": 3}
    ouder = Persoon.objects.get(achternaam="Overstap0001", voornamen="Ouder")
    kind = Persoon.objects.get(achternaam="Overstap0001", voornamen="Kind")
    lid = Lidmaatschap.objects.get(persoon=kind)
    assert lid.relatie == "kind" and Lidmaatschap.objects.get(persoon=ouder).gezag
    assert lid.huishouden_id == Lidmaatschap.objects.get(persoon=ouder).huishouden_id
    casus = Casus.objects.get(hoofdpersoon=ouder)
    assert (casus.team, casus.medewerker, casus.status) == (world.team_noord, world.medewerker, Status.UITVOERING)
    assert casus.geopend_op.date().isoformat() == "2014-09-15"
    aanmelding = Aanmelding.objects.get(persoon=ouder)
    assert aanmelding.casus == casus and aanmelding.status == AanmeldingStatus.TOEGEDEELD
    assert aanmelding.ontvangen_op.date().isoformat() == "2014-09-15"
    assert Doel.objects.get(plan__casus=casus).omschrijving == "Rekeningen op tijd betalen"
    # One event for the import itself, besides the services' own (persons, casus, aanmelding, plan).
    assert AuditEvent.objects.filter(object_type="overstap.import").count() == 1
    assert AuditEvent.objects.filter(
        object_type="inwoners.persoon", client_id=kind.pk, actie=AuditActie.CREATE
    ).exists()

    login(client, world.medewerker)
    lijst = client.get(reverse("casus:casussen")).content.decode()
    assert "Overstap0000" in lijst and "Overstap0002" in lijst
    pagina = client.get(reverse("inwoners:persoon", args=[ouder.pk]))
    assert pagina.status_code == 200 and "Overstap0001" in pagina.content.decode()
    huishouden = client.get(reverse("inwoners:huishouden", args=[ouder.pk]))
    assert huishouden.status_code == 200 and "Kind Overstap0001" in huishouden.content.decode()
