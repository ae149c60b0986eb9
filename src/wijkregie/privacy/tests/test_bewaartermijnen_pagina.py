"""The privacy officer's retention page: terms never below the law, legal holds, the dry run; nobody else."""

import datetime

from django.utils import timezone

from wijkregie.core.models import AuditEvent
from wijkregie.privacy.models import Bewaarblokkade, Bewaartermijn
from wijkregie.regie.services import casus_close
from wijkregie.testing import login

URL = "/privacy/bewaartermijnen/"


def test_a_term_below_the_law_gets_a_dutch_error_and_changes_nothing(client, world):
    login(client, world.privacyfunctionaris)
    response = client.post(URL, {"actie": "termijn", "wet": "jeugdwet", "jaren": "15"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "ten minste 20 jaar (art. 7.3.8 Jeugdwet)" in content and 'value="15"' in content
    response = client.post(URL, {"actie": "termijn", "wet": "wmo", "jaren": "12"})
    assert "Geef aan waarom langer bewaren nodig is" in response.content.decode()
    assert not Bewaartermijn.objects.exists()
    response = client.post(
        URL, {"actie": "termijn", "wet": "wmo", "jaren": "12", "toelichting": "Collegebesluit 2026-14"}
    )
    assert response.status_code == 302
    assert Bewaartermijn.objects.get(gemeente=world.den_helder, wet="wmo").jaren == 12
    assert AuditEvent.objects.filter(
        object_type="privacy.bewaartermijn", omschrijving="bewaartermijn wmo: 10 -> 12 jaar"
    ).exists()


def test_the_dry_run_lists_expiring_files_by_number_and_a_hold_is_placed_and_lifted(client, world, casus, getekend,
                                                                                    monkeypatch):
    casus_close(actor=world.medewerker, casus=casus, reden="01")
    later = timezone.now() + datetime.timedelta(days=365 * 11)
    monkeypatch.setattr(timezone, "now", lambda: later)
    login(client, world.privacyfunctionaris)
    content = client.get(URL).content.decode()
    assert "De volgende run vernietigt 1 casus." in content and "Wordt vernietigd" in content
    assert "Jansen" not in content  # numbers, never names

    response = client.post(URL, {"actie": "blokkade", "soort": "persoon", "nummer": "999999", "reden": "Klacht"})
    assert "Dit nummer bestaat niet in uw gemeente." in response.content.decode()
    response = client.post(URL, {"actie": "blokkade", "soort": "casus", "nummer": str(casus.pk), "reden": ""})
    assert "Geef de reden van de bewaarblokkade." in response.content.decode()
    assert not Bewaarblokkade.objects.exists()
    response = client.post(URL, {"actie": "blokkade", "soort": "casus", "nummer": str(casus.pk), "reden": "Bezwaar"})
    assert response.status_code == 302
    assert "Bewaard (bewaarblokkade)" in client.get(URL).content.decode()
    blokkade = Bewaarblokkade.objects.get()
    client.post(URL, {"actie": "opheffen", "blokkade": str(blokkade.pk)})
    blokkade.refresh_from_db()
    assert blokkade.opgeheven_op is not None and blokkade.opgeheven_door == world.privacyfunctionaris


def test_an_outsider_and_colleagues_get_nothing(client, world, casus):
    for user in (world.medewerker, world.beheerder, world.beleidsmedewerker):
        login(client, user)
        assert client.get(URL).status_code == 403
        assert (
            client.post(URL, {"actie": "blokkade", "soort": "casus", "nummer": casus.pk, "reden": "x"}).status_code
            == 403
        )
    # The privacy officer of another gemeente cannot place a hold on Den Helder's casus, nor see it.
    login(client, world.buitenstaander)
    response = client.post(URL, {"actie": "blokkade", "soort": "casus", "nummer": str(casus.pk), "reden": "x"})
    assert "Dit nummer bestaat niet in uw gemeente." in response.content.decode()
    assert not Bewaarblokkade.objects.exists()


def test_refused_attempts_are_on_record(client, world):
    login(client, world.privacyfunctionaris)
    client.post(URL, {"actie": "termijn", "wet": "jeugdwet", "jaren": "15"})
    client.post(URL, {"actie": "blokkade", "soort": "persoon", "nummer": "999999", "reden": "Klacht"})
    geweigerd = AuditEvent.objects.filter(resultaat="geweigerd", actor="privacy")
    assert geweigerd.filter(omschrijving="bewaartermijn jeugdwet van 15 jaar geweigerd: korter dan 20 jaar").exists()
    assert geweigerd.filter(object_type="privacy.bewaarblokkade").exists()
