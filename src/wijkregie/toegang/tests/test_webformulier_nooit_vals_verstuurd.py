"""The public form never says "verstuurd" for a question it did not store (issue 13, fault 1).

A browser that fills the form by itself (autofill) sends it within seconds; so would a robot. Either
way the question is kept on the screen, as typed, with an honest message and a summary of what to
check; sending it again after a moment stores it.
"""

import time

from django.core import signing

from wijkregie.toegang.models import Aanmelding
from wijkregie.toegang.publiek import SALT

VRAAG = "Ik kan mijn rekeningen niet meer betalen."


def _data(seconden_geleden: float = 10, **kw):
    return {"naam": "Truus de Boer", "contact": "06 12345678", "postcode": "1784 AB", "vraag": VRAAG,
            "website": "", "begonnen": signing.dumps(time.time() - seconden_geleden, salt=SALT), **kw}


def _token(content: str) -> str:
    start = content.index('name="begonnen" value="') + len('name="begonnen" value="')
    return content[start:content.index('"', start)]


def test_it_keeps_a_question_sent_two_seconds_after_loading_and_says_it_was_not_sent(client, world):
    response = client.post("/hulp/den-helder/", _data(seconden_geleden=2))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Uw vraag is verstuurd" not in content
    assert "Uw vraag is nog niet verstuurd" in content
    assert 'class="wr-error-summary"' in content
    assert VRAAG in content and "Truus de Boer" in content and "06 12345678" in content
    assert not Aanmelding.objects.exists()


def test_it_stores_the_question_when_it_is_sent_again_a_moment_later(client, world):
    content = client.post("/hulp/den-helder/", _data(seconden_geleden=2)).content.decode()
    token = _token(content)
    # The form came back with a fresh timer; a person reading the message sends it a moment later.
    begonnen = signing.loads(token, salt=SALT)
    later = signing.dumps(begonnen - 5, salt=SALT)
    response = client.post("/hulp/den-helder/", _data(begonnen=later), follow=True)
    assert "Uw vraag is verstuurd" in response.content.decode()
    assert Aanmelding.objects.get().vraag == VRAAG


def test_a_filled_hidden_field_or_a_forged_timer_is_never_answered_with_verstuurd(client, world):
    for data in (_data(website="https://voorbeeld.example"), _data(begonnen="vervalst")):
        response = client.post("/hulp/den-helder/", data)
        content = response.content.decode()
        assert response.status_code == 200 and "Uw vraag is verstuurd" not in content
        assert "Uw vraag is nog niet verstuurd" in content and VRAAG in content
        assert 'name="website" value="https' not in content  # the hidden field comes back empty
    assert not Aanmelding.objects.exists()


def test_errors_are_summarised_at_the_top_with_links_to_the_fields(client, world):
    content = client.post("/hulp/den-helder/", _data(naam="", vraag="")).content.decode()
    summary = content[content.index('class="wr-error-summary"'):content.index('id="id_naam"')]
    assert 'href="#id_naam"' in summary and "Vul uw naam in." in summary
    assert 'href="#id_vraag"' in summary
    assert "website" not in summary


def test_it_names_the_gemeente_on_the_form_and_on_the_confirmation(client, world):
    content = client.get("/hulp/den-helder/").content.decode()
    assert "<title>Hulp vragen in Den Helder" in content
    assert "Hulp vragen in Den Helder</h1>" in content
    content = client.get("/hulp/den-helder/verstuurd/").content.decode()
    assert "wijkteam van de gemeente Den Helder" in content
