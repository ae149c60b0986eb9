"""Bad input on the audit page gets a Dutch error at the field, and shows no results."""

from wijkregie.testing import login


def test_an_invalid_date_is_named_at_its_field(client, world):
    login(client, world.privacyfunctionaris)
    response = client.post("/audit/", {"van": "31-02-2026"}, follow=True)
    assert "dd-mm-jjjj" in response.context["form"].errors["van"][0]
    assert response.context["page"].paginator.count == 0
    assert 'id="id_van_error"' in response.content.decode()


def test_a_bsn_failing_the_elfproef_is_refused(client, world):
    login(client, world.privacyfunctionaris)
    response = client.post("/audit/", {"inwoner": "123456789"}, follow=True)
    assert "elfproef" in response.context["form"].errors["inwoner"][0]


def test_an_end_before_the_start_is_refused(client, world):
    login(client, world.privacyfunctionaris)
    response = client.post("/audit/", {"van": "02-12-2026", "tot": "01-12-2026"}, follow=True)
    assert "tot" in response.context["form"].errors


def test_a_date_out_of_range_is_named_at_its_field_not_a_server_error(client, world):
    login(client, world.privacyfunctionaris)
    for veld, waarde in (("tot", "31-12-9999"), ("van", "01-01-0001")):
        response = client.post("/audit/", {veld: waarde}, follow=True)
        assert response.status_code == 200 and "Kies een datum tussen 2000 en 2100." in response.content.decode()
