from wijkregie.testing import login


def test_it_shows_each_wijk_profile_with_rates(client, world):
    login(client, world.medewerker)
    response = client.get("/wijken/")
    content = response.content.decode()
    assert response.status_code == 200
    # Nieuw Den Helder (seed 004 Tabel 5): 2.249 zorgvragen on 12.508 inwoners = 179,8 per 1.000.
    assert "12.508" in content and "179,8" in content
    # Totals over both wijken of the test world: 27.210 inwoners, 3.249 zorgvragen (119,4 per 1.000).
    assert "27.210" in content and "119,4" in content
    assert '<span class="wr-badge wr-level-hoog">Hoog</span>' in content


def test_it_shows_the_current_model_phase_of_a_location(client, world):
    login(client, world.medewerker)
    content = client.get("/wijken/").content.decode()
    assert 'MFC &#x27;t Wijkhuis<br><span class="wr-badge">model B</span>' in content


def test_wijk_page_shows_history_contacts_and_provisions(client, world):
    login(client, world.medewerker)
    response = client.get(f"/wijken/{world.noord.slug}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "1 april 2020" in content and "30 juni 2021" in content  # model A period
    assert "Sanne Visser" in content  # contact person for this focuswijk
    assert world.voorziening_vrij.naam in content  # whole gemeente
    assert world.voorziening_maatwerk.naam not in content  # only Julianadorp
    assert "46,0% van de gemeente" in content


def test_unknown_wijk_is_404(client, world):
    login(client, world.medewerker)
    assert client.get("/wijken/bestaat-niet/").status_code == 404


def test_it_needs_a_constant_number_of_queries(client, world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wijkregie.organisatie.models import Locatie, LocatieFase, Wijk

    login(client, world.medewerker)
    client.get("/wijken/")
    with CaptureQueriesContext(connection) as few:
        client.get("/wijken/")
    for i in range(10):
        wijk = Wijk.objects.create(gemeente=world.den_helder, naam=f"Extra {i}", slug=f"extra-{i}", inwoners=100,
                                   huishoudens=50, zorgvragen=5, problematiek_jeugd="laag",
                                   problematiek_zorg_wmo="laag", problematiek_werk="laag")
        locatie = Locatie.objects.create(gemeente=world.den_helder, wijk=wijk, naam=f"Locatie {i}")
        LocatieFase.objects.create(gemeente=world.den_helder, locatie=locatie, model="A", geldig_van="2020-01-01")
    with django_assert_num_queries(len(few)):
        response = client.get("/wijken/")
    assert "Extra 9" in response.content.decode()
