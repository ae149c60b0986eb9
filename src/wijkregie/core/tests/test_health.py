import json

from django.db import connection


def test_it_answers_ok_without_login(client, db):
    response = client.get("/health")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body == {"status": "ok", "database": connection.vendor, "version": body["version"]}
    assert body["version"]


def test_it_carries_no_personal_data_even_with_data_present(client, world):
    content = client.get("/health").content.decode()
    for name in (world.medewerker.username, world.medewerker.last_name, world.den_helder.naam):
        assert name not in content
