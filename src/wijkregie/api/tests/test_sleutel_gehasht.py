"""A key is shown once and stored hashed: neither the key nor its secret is anywhere in the database
(its row, the audit trail), and a key made from the stored hash does not work."""

from django.db import connection

from wijkregie.api import sleutels
from wijkregie.api.models import ApiToken
from wijkregie.api.services import token_create

from .helpers import Partnerclient


def _alles_in_de_database() -> str:
    tabellen = connection.introspection.table_names()
    tekst = []
    with connection.cursor() as cursor:
        for tabel in tabellen:
            cursor.execute(f'SELECT * FROM "{tabel}"')
            tekst += [repr(rij) for rij in cursor.fetchall()]
    return "\n".join(tekst)


def test_the_key_is_stored_hashed_and_nowhere_in_plain_text(client, praktijk):
    token, sleutel = token_create(organisatie=praktijk, naam="HIS", scopes=["verwijzen"])
    prefix, secret = sleutels.ontleed(sleutel)
    token.refresh_from_db()
    assert token.prefix == prefix and token.sleutel_hash == sleutels.sleutel_hash(secret) != secret
    dump = _alles_in_de_database()
    assert secret not in dump and sleutel not in dump
    assert prefix in dump  # the prefix is no secret: it finds the row, and the audit names it
    # The hash itself is no key.
    assert Partnerclient(client, f"wr_{prefix}_{token.sleutel_hash}").get("/api/v1/casussen/").status_code == 401
    assert Partnerclient(client, sleutel).post("/api/v1/verwijzingen/", {}).status_code == 400  # the key works


def test_every_key_is_new(praktijk):
    gezien = {token_create(organisatie=praktijk, naam="x", scopes=["signaleren"])[1] for _n in range(20)}
    assert len(gezien) == 20 and ApiToken.objects.values("prefix").distinct().count() == 20
