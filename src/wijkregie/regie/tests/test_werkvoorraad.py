import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkregie.casus.services import casus_open
from wijkregie.organisatie.models import Medewerker
from wijkregie.regie.models import CheckIn, Evaluatie
from wijkregie.regie.selectors import werkvoorraad
from wijkregie.testing import login, make_persoon


def test_the_start_page_lists_due_and_overdue_work(client, world, getekend):
    Evaluatie.objects.filter(casus=getekend.casus).update(gepland_op=timezone.localdate() - datetime.timedelta(days=3))
    CheckIn.objects.create(gemeente=world.den_helder, casus=getekend.casus, medewerker=world.medewerker,
                           gepland_op=timezone.localdate() + datetime.timedelta(days=2), notitie="Even bellen")
    login(client, world.medewerker)
    content = client.get("/").content.decode()
    assert "Mijn werkvoorraad" in content and "te laat" in content
    assert "Evaluatie Pieter Jansen" in content and "Check-in Pieter Jansen" in content


def test_the_werkvoorraad_needs_a_constant_number_of_queries(world, getekend):
    # Each measurement as a new request: a user object of its own, without what the other one read.
    with CaptureQueriesContext(connection) as weinig:
        werkvoorraad(Medewerker.objects.get(pk=world.medewerker.pk))
    for i in range(25):
        persoon = make_persoon(world, f"Extra{i}", "Test")
        casus = casus_open(
            actor=world.bureaudienst, team=world.team_noord, medewerker=world.medewerker, hoofdpersoon=persoon
        )
        Evaluatie.objects.create(gemeente=world.den_helder, casus=casus, plan=getekend, gepland_op=timezone.localdate())
        CheckIn.objects.create(
            gemeente=world.den_helder, casus=casus, medewerker=world.medewerker, gepland_op=timezone.localdate()
        )
    with CaptureQueriesContext(connection) as veel:
        werk = werkvoorraad(Medewerker.objects.get(pk=world.medewerker.pk))
    assert len(werk.evaluaties) == 25 and len(werk.checkins) == 25  # the signed plan's own is 13 weeks away
    assert len(veel) == len(weinig) <= 10


def test_the_teamleider_sees_caseload_per_medewerker_and_state(client, world, getekend):
    from wijkregie.organisatie.models import Roltoewijzing

    Roltoewijzing.objects.create(medewerker=world.collega, rol="teamleider")
    login(client, world.collega)
    content = client.get("/caseload/").content.decode()
    assert "Sanne Visser" in content and "Uitvoering" in content
    login(client, world.medewerker)
    assert client.get("/caseload/").status_code == 403


def test_outsiders_get_nothing(client, world, getekend):
    evaluatie = Evaluatie.objects.get(casus=getekend.casus)
    checkin = CheckIn.objects.create(gemeente=world.den_helder, casus=getekend.casus, medewerker=world.medewerker,
                                     gepland_op=timezone.localdate())
    for user in (world.andere_teamlid, world.buitenstaander, world.beleidsmedewerker):
        login(client, user)
        for url in [
            f"/casussen/{getekend.casus_id}/regie/",
            f"/casussen/{getekend.casus_id}/tijdlijn/",
            f"/evaluaties/{evaluatie.pk}/",
        ]:
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(f"/check-ins/{checkin.pk}/").status_code == 404
        assert (
            client.post(f"/casussen/{getekend.casus_id}/regie/afsluiten/", {"afsluiten-reden": "01"}).status_code == 404
        )
        assert "Pieter Jansen" not in client.get("/").content.decode()
