"""The public web form: no login, plain Dutch, spam-resistant, stores nothing until sent, no echo."""

import time

from django.core import signing

from wijkregie.core.models import AuditEvent
from wijkregie.toegang.models import Aanmelding
from wijkregie.toegang.publiek import SALT


def _data(**kw):
    begonnen = signing.dumps(time.time() - 10, salt=SALT)
    return {"naam": "Truus de Boer", "contact": "06 12345678", "postcode": "1784 ab",
            "vraag": "Ik kan mijn rekeningen niet meer betalen.", "website": "", "begonnen": begonnen, **kw}


def test_it_opens_without_login_and_stores_nothing_on_opening(client, world):
    response = client.get("/hulp/den-helder/")
    assert response.status_code == 200
    assert "Hulp vragen in Den Helder" in response.content.decode()
    assert not Aanmelding.objects.exists()


def test_a_request_becomes_an_aanmelding_for_the_bureaudienst_and_is_not_echoed(client, world):
    response = client.post("/hulp/den-helder/", _data(), follow=True)
    content = response.content.decode()
    assert "Uw vraag is verstuurd" in content
    assert "Truus" not in content and "rekeningen" not in content and "06 12345678" not in content
    aanmelding = Aanmelding.objects.get()
    assert aanmelding.kanaal == "webformulier" and aanmelding.status == "bureaudienst"
    assert aanmelding.gemeente == world.den_helder and aanmelding.postcode == "1784 AB"
    assert AuditEvent.objects.filter(object_type="toegang.aanmelding", grondslag="verzoek inwoner").exists()


def test_missing_fields_get_plain_dutch_errors_and_keep_the_text(client, world):
    response = client.post("/hulp/den-helder/", _data(naam="", contact="bel me", vraag="Hulp graag"))
    content = response.content.decode()
    assert "Vul uw naam in." in content
    assert "Vul een geldig telefoonnummer (10 cijfers) of e-mailadres in." in content
    assert "Hulp graag" in content
    assert not Aanmelding.objects.exists()


def test_robots_are_answered_politely_but_nothing_is_stored(client, world):
    client.post("/hulp/den-helder/", _data(website="http://spam.example"))
    client.post("/hulp/den-helder/", _data(begonnen=signing.dumps(time.time(), salt=SALT)))  # too fast
    client.post("/hulp/den-helder/", _data(begonnen="vervalst"))
    assert not Aanmelding.objects.exists()


def test_more_than_five_requests_an_hour_from_one_address_are_refused(client, world):
    for _ in range(5):
        client.post("/hulp/den-helder/", _data())
    response = client.post("/hulp/den-helder/", _data())
    assert "al vaak een aanvraag gedaan" in response.content.decode()
    assert Aanmelding.objects.count() == 5


def test_an_unknown_gemeente_is_404(client, db):
    assert client.get("/hulp/bestaat-niet/").status_code == 404
