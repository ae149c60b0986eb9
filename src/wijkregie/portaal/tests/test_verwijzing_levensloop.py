"""A referral's whole life through the portal (issue 15): the practice's assistant refers a resident, it
becomes the team's aanmelding at the bureaudienst, and the portal shows its status as the team works:
ontvangen, in behandeling, the terugkoppeling when the team spoke with the resident, afgerond. The same
status the API gives, and nothing more."""

from django.urls import reverse
from django.utils import timezone

from wijkregie.api.models import Verwijzing
from wijkregie.core.models import AuditEvent
from wijkregie.regie.services import casus_close
from wijkregie.toegang.models import Aanmelding
from wijkregie.toegang.services import aanmelding_allocate, eerste_contact_register

from .helpers import portaal_login

FORMULIER = {"naam": "Jan de Vries", "geboortedatum": "1961-04-12", "postcode": "1784 AB", "contact": "06 12345678",
             "vraag": "VRAAGMARKER Meneer redt het thuis niet meer.", "verwijzer": "02", "contactpersoon": "dr. Bakker",
             "kenmerk": "HIS-4711"}


def _status(client):
    inhoud = client.get(reverse("portaal:verwijzingen")).content.decode()
    assert "HIS-4711" in inhoud and "VRAAGMARKER" not in inhoud and "Jan de Vries" not in inhoud
    return inhoud


def test_a_referral_through_the_portal_from_received_to_finished(client, world, praktijk, assistent):
    portaal_login(client, assistent)
    response = client.post(reverse("portaal:verwijzen"), FORMULIER)
    assert response.status_code == 302 and response["Location"] == reverse("portaal:verwijzingen")

    aanmelding = Aanmelding.objects.get()
    assert (aanmelding.kanaal, aanmelding.verwijzer, aanmelding.verwijzer_naam) == ("partner", "02", praktijk.naam)
    assert aanmelding.status == "bureaudienst" and aanmelding.persoon is None
    assert aanmelding.anoniem_naam == "Jan de Vries (geboren 12-04-1961)"
    verwijzing = Verwijzing.objects.get()
    assert verwijzing.aanmelding == aanmelding and verwijzing.organisatie == praktijk and verwijzing.token is None
    event = AuditEvent.objects.get(object_type="toegang.aanmelding", actie="C")
    assert event.actor == "Fatima Assistent (Huisartsenpraktijk Julianadorp, partnerportaal)" and event.rol == "partner"
    assert event.chain == f"g{world.den_helder.pk}:portaal{assistent.pk}"

    inhoud = _status(client)
    assert "ontvangen" in inhoud and "nog niet" in inhoud

    aanmelding_allocate(actor=world.bureaudienst, aanmelding=aanmelding, team=world.team_noord,
                        medewerker=world.medewerker)
    assert "in behandeling" in _status(client)

    aanmelding.refresh_from_db()
    eerste_contact_register(actor=world.medewerker, aanmelding=aanmelding)
    aanmelding.refresh_from_db()
    inhoud = _status(client)
    assert f"Het wijkteam sprak de inwoner op {timezone.localtime(aanmelding.eerste_contact_op):%d-%m-%Y}" in inhoud

    casus_close(actor=world.medewerker, casus=aanmelding.casus, reden="01")
    assert "afgerond" in _status(client)


def test_bad_input_is_refused_at_the_field_with_the_apis_rules(client, world, praktijk, assistent):
    portaal_login(client, assistent)
    response = client.post(reverse("portaal:verwijzen"), {**FORMULIER, "bsn": "123456789", "postcode": "9999 ZZ"})
    inhoud = response.content.decode()
    assert response.status_code == 200 and "elfproef" in inhoud
    assert 'value="Jan de Vries"' in inhoud  # nothing typed is lost
    response = client.post(reverse("portaal:verwijzen"), {**FORMULIER, "postcode": "9999 ZZ"})
    assert "ligt niet in de gemeente" in response.content.decode()
    response = client.post(reverse("portaal:verwijzen"), {**FORMULIER, "naam": "", "geboortedatum": "2999-01-01"})
    inhoud = response.content.decode()
    assert "toekomst" in inhoud and "wr-field--invalid" in inhoud
    assert not Aanmelding.objects.exists() and not Verwijzing.objects.exists()
