from wijkregie.testing import login
from wijkregie.toegang.models import Aanmelding, Signaal


def test_a_signal_without_a_known_resident_becomes_an_aanmelding(client, world):
    login(client, world.kcc)
    response = client.post("/signalen/nieuw/", {"bron": "energie", "melder": "Energieleverancier, afdeling incasso",
                                                "omschrijving": "Drie maanden betalingsachterstand.",
                                                "adres": "Kerkstraat 1", "ontvangen_op": "2026-01-05T10:00"})
    signaal = Signaal.objects.get()
    assert response.status_code == 302 and signaal.persoon is None
    login(client, world.bureaudienst)
    response = client.post(f"/signalen/{signaal.pk}/", {"actie": "aanmelding"})
    aanmelding = Aanmelding.objects.get()
    assert response.url == f"/aanmeldingen/{aanmelding.pk}/"
    assert aanmelding.signaal == signaal and aanmelding.status == "bureaudienst"
    assert aanmelding.vraag == "Drie maanden betalingsachterstand."
    signaal.refresh_from_db()
    assert signaal.status == "aanmelding"


def test_closing_without_action_needs_a_reason(client, world):
    signaal = Signaal.objects.create(gemeente=world.den_helder, bron="school", melder="Basisschool De Vlinder",
                                     omschrijving="Kind komt vaak zonder ontbijt.")
    login(client, world.bureaudienst)
    response = client.post(f"/signalen/{signaal.pk}/", {"actie": "geen_actie", "reden": ""})
    assert "Geef een reden." in response.content.decode()
    client.post(f"/signalen/{signaal.pk}/", {"actie": "geen_actie", "reden": "Gezin heeft al hulp via de school."})
    signaal.refresh_from_db()
    assert signaal.status == "geen_actie" and signaal.reden_geen_actie


def test_others_do_not_see_signals(client, world):
    signaal = Signaal.objects.create(gemeente=world.den_helder, bron="politie", melder="Wijkagent",
                                     omschrijving="Geluidsoverlast en ruzie.")
    for user in (world.medewerker, world.beleidsmedewerker, world.buitenstaander):
        login(client, user)
        assert client.get(f"/signalen/{signaal.pk}/").status_code == 404
        assert "Geluidsoverlast" not in client.get("/signalen/").content.decode()


def test_a_handled_signal_cannot_be_handled_again(client, world):
    signaal = Signaal.objects.create(gemeente=world.den_helder, bron="school", melder="School", omschrijving="x")
    login(client, world.bureaudienst)
    client.post(f"/signalen/{signaal.pk}/", {"actie": "aanmelding"})
    response = client.post(f"/signalen/{signaal.pk}/", {"actie": "aanmelding"}, follow=True)
    assert "Dit signaal is al afgehandeld." in response.content.decode()
    client.post(f"/signalen/{signaal.pk}/", {"actie": "geen_actie", "reden": "toch niet"})
    signaal.refresh_from_db()
    assert signaal.status == "aanmelding" and Aanmelding.objects.count() == 1
