"""The functioneel beheerder makes a portal account (its activation link shown once, in the answer only),
issues a new link (a lost phone: the old password and app stop), and ends it: the next request of its
open session finds nobody. Nobody else
gets the page; another gemeente's beheerder cannot touch this gemeente's accounts."""

from django.test import Client
from django.urls import reverse

from wijkregie.core.models import AuditEvent
from wijkregie.portaal.models import PortaalGebruiker
from wijkregie.testing import login

from .helpers import portaal_login

PAD = "/portaal/beheer/accounts/"


def test_the_beheerder_makes_resets_and_ends_an_account(client, world, praktijk):
    assert reverse("portaal:beheer_accounts") == PAD
    login(client, world.beheerder)
    response = client.post(PAD, {"actie": "maken", "organisatie": praktijk.pk, "naam": "Fatima Assistent",
                                 "gebruikersnaam": "f.assistent", "scopes": ["verwijzen", "plan_lezen"]})
    assert response.status_code == 200
    link = response.context["link"]
    assert link.startswith("http://testserver/portaal/activeren/?t=") and link in response.content.decode()
    gebruiker = PortaalGebruiker.objects.get(gebruikersnaam="f.assistent")
    assert gebruiker.scopes == ["plan_lezen", "verwijzen"] and not gebruiker.wachtwoord.startswith("argon2")
    assert link.split("t=")[1] not in gebruiker.activatie_hash
    assert link not in client.get(PAD).content.decode()  # shown once
    # The same name again: refused at the field.
    response = client.post(PAD, {"actie": "maken", "organisatie": praktijk.pk, "naam": "X",
                                 "gebruikersnaam": "F.Assistent", "scopes": ["verwijzen"]})
    assert "bestaat al" in response.content.decode() and PortaalGebruiker.objects.count() == 1

    persoon = Client()
    client.post(PAD, {"actie": "tweestaps", "account": gebruiker.pk})  # a new link; the first stops working
    persoon.get(link)
    assert persoon.get(reverse("portaal:activeren")).status_code == 410
    gebruiker.refresh_from_db()
    assert not gebruiker.totp_bevestigd and gebruiker.activatie_hash

    portaal_login(persoon, gebruiker)
    assert persoon.get(reverse("portaal:start")).status_code == 200
    client.post(PAD, {"actie": "uitzetten", "account": gebruiker.pk})
    assert persoon.get(reverse("portaal:start")).status_code == 302  # the open session finds nobody
    assert AuditEvent.objects.filter(object_type="portaal.portaalgebruiker", actor_id=world.beheerder.pk).count() == 5


def test_nobody_else_gets_the_page(client, world, praktijk, assistent):
    for persona in ("medewerker", "collega", "privacyfunctionaris", "bureaudienst", "kcc"):
        login(client, getattr(world, persona, world.collega))
        assert client.get(PAD).status_code == 403, persona
        assert client.post(PAD, {"actie": "uitzetten", "account": assistent.pk}).status_code == 403
    login(client, world.buitenstaander)  # the functioneel beheerder of another gemeente
    assert "assistent" not in client.get(PAD).content.decode()
    assert client.post(PAD, {"actie": "uitzetten", "account": assistent.pk}).status_code == 404
    assistent.refresh_from_db()
    assert assistent.actief
