"""The backoffice's pages in its own words: a decision's missing fields in one round (also those a toekenning
needs when no decision was chosen yet), a provider's AGB code typed once (prefilled from the last decision for
that provider), providers by name beside their code in the message lists, expiring indications listed by
resident, and no "the letter is ready" before it is made."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wijkregie.backoffice.models import Toewijzing
from wijkregie.casus.models import Toestemming
from wijkregie.organisatie.models import Organisatie
from wijkregie.testing import login

from .bericht_hulp import jw_toewijzing, voorbeeld
from .helpers import GELDIG, getekend_plan, toekennen, verzoek_van


def test_without_a_decision_every_missing_field_is_named_at_once(client, world, getekend):
    verzoek = verzoek_van(getekend)
    login(client, world.backoffice)
    data = {**GELDIG, "besluit": "", "aanbieder_agb": "", "aanbieder_naam": "",
            "persoon": getekend.casus.hoofdpersoon_id}
    content = client.post(f"/backoffice/verzoeken/{verzoek.pk}/", data).content.decode()
    assert "Vul de AGB-code van de aanbieder in (8 cijfers) (nodig bij een toekenning)." in content
    assert "Vul de naam van de aanbieder in (nodig bij een toekenning)." in content
    assert 'id="id_besluit_error"' in content
    # An afwijzing needs none of them.
    data["besluit"] = "afwijzing"
    response = client.post(f"/backoffice/verzoeken/{verzoek.pk}/", data)
    assert response.status_code == 302


def test_the_providers_code_is_prefilled_from_the_last_decision_for_that_provider(client, world, casus):
    jw_toewijzing(world)  # another household's decision: provider "Omring", AGB 12345678
    omring = Organisatie.objects.create(gemeente=world.den_helder, naam="Omring")
    Toestemming.objects.create(gemeente=world.den_helder, persoon=casus.hoofdpersoon, scope="delen", organisatie=omring)
    plan = getekend_plan(world, casus, voorkeursaanbieder=omring)  # the team prefers the same provider
    login(client, world.backoffice)
    content = client.get(f"/backoffice/verzoeken/{verzoek_van(plan).pk}/").content.decode()
    assert 'value="12345678"' in content and 'value="Omring"' in content
    assert "Ingevuld uit eerdere besluiten voor deze aanbieder: controleer het." in content
    # The same name once decided with another code: not guessed, left for the backoffice to type.
    Toewijzing.objects.filter(pk=Toewijzing.objects.order_by("pk").first().pk).update(aanbieder_agb="87654321")
    jw = Toewijzing.objects.create(**{
        **{f.attname: getattr(Toewijzing.objects.order_by("pk").first(), f.attname)
           for f in Toewijzing._meta.concrete_fields if f.attname != "id"},
        "aanbieder_agb": "12345678", "toewijzingnummer": 999001})
    assert jw.aanbieder_naam == "Omring"
    content = client.get(f"/backoffice/verzoeken/{verzoek_van(plan).pk}/").content.decode()
    assert 'value="12345678"' not in content and 'value="87654321"' not in content


def test_an_unknown_provider_leaves_the_code_empty(client, world, getekend):
    jw_toewijzing(world)
    login(client, world.backoffice)
    content = client.get(f"/backoffice/verzoeken/{verzoek_van(getekend).pk}/").content.decode()
    assert 'value="12345678"' not in content


def test_messages_name_the_provider_beside_its_code(client, world):
    jw_toewijzing(world)  # provider "Omring", AGB 12345678
    login(client, world.backoffice)
    bestand = SimpleUploadedFile("jw305_start_geldig.xml", voorbeeld("jw305_start_geldig.xml"), content_type="text/xml")
    client.post("/backoffice/berichten/", {"bestanden": [bestand]})
    content = client.get("/backoffice/berichten/").content.decode()
    assert 'Omring <span class="wr-muted wr-nowrap">(AGB 12345678)</span>' in content


def test_expiring_indications_are_listed_by_resident(client, world, getekend):
    vandaag = timezone.localdate()
    b = toekennen(world, getekend, ingangsdatum=vandaag - datetime.timedelta(days=100),
                  einddatum=vandaag + datetime.timedelta(weeks=4))
    login(client, world.backoffice)
    content = client.get("/backoffice/aflopend/").content.decode()
    assert f'<th scope="row"><a href="/backoffice/beschikkingen/{b.pk}/">Pieter Jansen</a></th>' in content


def test_after_deciding_the_letter_is_offered_not_said_to_be_ready(client, world, getekend):
    login(client, world.backoffice)
    response = client.post(f"/backoffice/verzoeken/{verzoek_van(getekend).pk}/",
                           {**GELDIG, "persoon": getekend.casus.hoofdpersoon_id}, follow=True)
    content = response.content.decode()
    assert "Het besluit is vastgelegd." in content and "De brief staat klaar" not in content
    assert "Brief als pdf" in content
