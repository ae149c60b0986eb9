"""Triage (the safety question always), the bureaudienst queue, allocation into a casus, reallocation."""

from wijkregie.casus.models import Casus, Toestemming
from wijkregie.inwoners.selectors import personen_visible_to
from wijkregie.organisatie.models import Leefgebied
from wijkregie.testing import login, make_persoon
from wijkregie.toegang.models import Aanmelding
from wijkregie.toegang.selectors import bureaudienst_wachtrij


def _aanmelding(world, persoon=None, **kw):
    kw.setdefault("status", "bureaudienst")
    return Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Hulp nodig",
                                     persoon=persoon,
                                     huishouden=persoon.lidmaatschappen.first().huishouden if persoon else None, **kw)


def _triage(client, aanmelding, **kw):
    data = {
        "urgentie": "normaal",
        "veiligheid": "nee",
        "aard": "meervoudig_zonder",
        "uitkomst": "vraagverheldering",
        "vraagverheldering_door": kw.pop("door"),
        "leefgebieden": [
            g.pk
            for g in Leefgebied.objects.filter(
                gemeente_id=aanmelding.gemeente_id, naam__in=["Financiën", "Huisvesting"]
            )
        ],
    }
    return client.post(f"/aanmeldingen/{aanmelding.pk}/triage/", {**data, **kw})


def test_the_safety_question_cannot_be_skipped(client, world):
    a = _aanmelding(world)
    login(client, world.bureaudienst)
    response = client.post(
        f"/aanmeldingen/{a.pk}/triage/", {"urgentie": "normaal", "aard": "informatie", "uitkomst": "opgelost"}
    )
    assert "Beantwoord de veiligheidsvraag: die is altijd verplicht." in response.content.decode()
    response = client.post(f"/aanmeldingen/{a.pk}/triage/", {"urgentie": "normaal", "aard": "informatie",
                                                              "uitkomst": "opgelost", "veiligheid": "ja"})
    content = response.content.decode()
    assert "Beschrijf kort wat de zorg over de veiligheid is." in content
    assert "kan een vraag niet aan de voorkant worden afgesloten" in content
    for extra in ({"veiligheid": "twijfel", "veiligheid_toelichting": "?"}, {"veiligheid": "nee", "urgentie": "acuut"}):
        response = client.post(f"/aanmeldingen/{a.pk}/triage/", {"urgentie": "normaal", "aard": "informatie",
                                                                  "uitkomst": "opgelost", **extra})
        assert "kan een vraag niet aan de voorkant worden afgesloten" in response.content.decode(), extra
    a.refresh_from_db()
    assert a.status == "bureaudienst"


def test_an_unsafe_triage_is_seen_at_once_by_the_gedragswetenschapper_and_first_in_the_queue(client, world):
    gewoon = _aanmelding(world)
    onveilig = _aanmelding(world)
    login(client, world.bureaudienst)
    _triage(client, onveilig, door=world.medewerker.pk, veiligheid="ja", veiligheid_toelichting="Vader dreigt.")
    assert [a.pk for a in bureaudienst_wachtrij(world.bureaudienst)][:2] == [onveilig.pk, gewoon.pk]
    login(client, world.gedragswetenschapper)
    assert client.get(f"/aanmeldingen/{onveilig.pk}/").status_code == 200
    assert client.get(f"/aanmeldingen/{gewoon.pk}/").status_code == 404
    content = client.get("/").content.decode()
    assert "Vader dreigt." not in content and f"/aanmeldingen/{onveilig.pk}/" in content


def test_allocation_defaults_to_the_focuswijk_contact_and_opens_the_casus(client, world):
    persoon = make_persoon(world, "Pieter", "Jansen", postcode="1784 AB", wijk=world.noord)
    a = _aanmelding(world, persoon)
    login(client, world.bureaudienst)
    content = client.get(f"/aanmeldingen/{a.pk}/").content.decode()
    assert f'<option value="{world.team_noord.pk}" selected>' in content
    assert f'<option value="{world.medewerker.pk}" selected>' in content  # Sanne: contact for Nieuw Den Helder
    assert persoon not in personen_visible_to(world.medewerker)
    response = client.post(
        f"/aanmeldingen/{a.pk}/toedelen/", {"team": world.team_noord.pk, "medewerker": world.medewerker.pk}
    )
    assert response.status_code == 302
    a.refresh_from_db()
    casus = Casus.objects.get()
    assert a.status == "toegedeeld" and a.casus == casus and casus.team == world.team_noord
    assert casus.status == "vraagverheldering" and casus.overgangen.count() == 1
    # The team now has a working relationship with the household: it knows who the resident is; the
    # allocated medewerker opens the file, a colleague only once the household agreed to the team.
    assert persoon in personen_visible_to(world.medewerker) and persoon in personen_visible_to(world.collega)
    login(client, world.medewerker)
    assert client.get(f"/casussen/{casus.pk}/").status_code == 200
    login(client, world.collega)
    assert client.get(f"/casussen/{casus.pk}/").status_code == 404
    Toestemming.objects.create(gemeente=world.den_helder, persoon=persoon, scope="team")
    assert client.get(f"/casussen/{casus.pk}/").status_code == 200
    login(client, world.andere_teamlid)
    assert client.get(f"/casussen/{casus.pk}/").status_code == 404


def test_reallocation_needs_a_reason_and_moves_the_sight(client, world):
    persoon = make_persoon(world, "Pieter", "Jansen", wijk=world.noord)
    a = _aanmelding(world, persoon)
    login(client, world.bureaudienst)
    client.post(f"/aanmeldingen/{a.pk}/toedelen/", {"team": world.team_noord.pk})
    response = client.post(f"/aanmeldingen/{a.pk}/toedelen/", {"team": world.team_zuid.pk})
    assert "Geef een reden voor de nieuwe toedeling." in response.content.decode()
    response = client.post(f"/aanmeldingen/{a.pk}/toedelen/", {"team": world.team_zuid.pk, "reden": "verhuisd"})
    assert response.status_code == 302
    assert Casus.objects.get().team == world.team_zuid
    assert persoon not in personen_visible_to(world.medewerker)
    assert persoon in personen_visible_to(world.andere_teamlid)
    assert a.toedelingen.count() == 2


def test_a_medewerker_outside_the_team_cannot_be_chosen(client, world):
    a = _aanmelding(world)
    login(client, world.bureaudienst)
    response = client.post(
        f"/aanmeldingen/{a.pk}/toedelen/", {"team": world.team_noord.pk, "medewerker": world.andere_teamlid.pk}
    )
    assert "Deze medewerker is geen lid van het gekozen team." in response.content.decode()
    assert not Casus.objects.exists()


def test_only_the_bureaudienst_allocates(client, world):
    a = _aanmelding(world, geregistreerd_door=world.kcc)
    login(client, world.kcc)
    assert client.post(f"/aanmeldingen/{a.pk}/toedelen/", {"team": world.team_noord.pk}).status_code == 403


def test_the_wachtlijst_shows_count_median_and_longest(client, world):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    for dagen in (2, 4, 10):
        _aanmelding(world, team=world.team_noord, status="toegedeeld", ontvangen_op=now - timedelta(days=dagen))
    _aanmelding(world, team=world.team_noord, status="toegedeeld", ontvangen_op=now - timedelta(days=30),
                eerste_contact_op=now)
    login(client, world.bureaudienst)
    content = client.get("/wachtlijst/").content.decode()
    rij = content[content.index("Team Noord"):]
    assert '<td class="wr-num">3</td><td class="wr-num">4,0</td><td class="wr-num">10,0</td>' in rij


def test_the_first_contact_is_stamped_by_the_allocated_team_only(client, world):
    a = _aanmelding(world, geregistreerd_door=world.kcc)
    login(client, world.kcc)
    assert client.post(f"/aanmeldingen/{a.pk}/eerste-contact/").status_code == 403
    login(client, world.bureaudienst)
    response = client.post(f"/aanmeldingen/{a.pk}/eerste-contact/", follow=True)
    assert "Eerst toedelen" in response.content.decode()
    login(client, world.kcc)
    a.refresh_from_db()
    assert a.eerste_contact_op is None
    Aanmelding.objects.filter(pk=a.pk).update(status="toegedeeld", team=world.team_noord)
    # After handover the KCC no longer sees the aanmelding at all (docs/toegangsbeleid.md).
    assert client.post(f"/aanmeldingen/{a.pk}/eerste-contact/").status_code == 404
    login(client, world.collega)
    client.post(f"/aanmeldingen/{a.pk}/eerste-contact/")
    a.refresh_from_db()
    assert a.eerste_contact_op is not None


def test_not_yet_triaged_comes_before_normal_in_the_queue(client, world):
    normaal = _aanmelding(world)
    login(client, world.bureaudienst)
    _triage(client, normaal, door=world.medewerker.pk)
    nieuw = _aanmelding(world)
    assert [a.pk for a in bureaudienst_wachtrij(world.bureaudienst)] == [nieuw.pk, normaal.pk]
