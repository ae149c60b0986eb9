"""Household composition (issue 12, step 1): members with relation, gezag and where they live; people at
the same address suggested; contradictions refused at the field with nothing saved."""

import datetime

from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.models import Lidmaatschap, Persoon
from wijkregie.testing import login, make_persoon


def _gezin(world):
    moeder = make_persoon(world, "Sara", "de Wit", team=world.team_noord, regisseur=world.medewerker,
                          geboortedatum=datetime.date(1985, 4, 2), postcode="1784AB", huisnummer="12")
    return moeder, moeder.lidmaatschappen.get().huishouden


def _url(persoon):
    return f"/personen/{persoon.pk}/huishouden/"


def test_a_resident_at_the_same_address_is_suggested_and_linked(client, world):
    moeder, huishouden = _gezin(world)
    zoon = make_persoon(world, "Tim", "de Wit", geboortedatum=datetime.date(2012, 1, 5), postcode="1784AB",
                        huisnummer="12", aangemaakt_door=world.medewerker)
    login(client, world.medewerker)
    assert "Tim de Wit, 05-01-2012" in client.get(_url(moeder)).content.decode()
    response = client.post(
        _url(moeder), {"actie": "toevoegen", "persoon": zoon.pk, "relatie": "kind", "woont_hier": "on"}
    )
    assert response.status_code == 302
    lid = Lidmaatschap.objects.get(huishouden=huishouden, persoon=zoon)
    assert lid.relatie == "kind" and lid.woont_hier and not lid.gezag
    # Tim's own household is no longer where he lives: one household is marked.
    assert not Lidmaatschap.objects.filter(persoon=zoon, woont_hier=True).exclude(huishouden=huishouden).exists()
    assert AuditEvent.objects.filter(
        client_id=zoon.pk, omschrijving__startswith=f"lid van huishouden {huishouden.pk}"
    ).exists()


def test_a_new_child_is_registered_into_the_household_in_one_step(client, world):
    moeder, huishouden = _gezin(world)
    login(client, world.medewerker)
    response = client.post(_url(moeder), {"actie": "toevoegen", "relatie": "kind", "woont_hier": "on",
                                          "nieuw-voornamen": "Noor", "nieuw-achternaam": "de Wit",
                                          "nieuw-geboortedatum": "03-03-2016"})
    assert response.status_code == 302
    noor = Persoon.objects.get(voornamen="Noor")
    assert list(Lidmaatschap.objects.filter(persoon=noor).values_list("huishouden_id", "relatie")) == [
        (huishouden.pk, "kind")
    ]
    assert "Noor de Wit" in client.get(f"/personen/{moeder.pk}/").content.decode()


def test_someone_already_in_the_household_is_refused_at_the_field(client, world):
    moeder, huishouden = _gezin(world)
    login(client, world.medewerker)
    client.post(
        _url(moeder),
        {
            "actie": "toevoegen",
            "relatie": "kind",
            "woont_hier": "on",
            "nieuw-voornamen": "Noor",
            "nieuw-achternaam": "de Wit",
            "nieuw-geboortedatum": "2016-04-02",
        },
    )
    noor = Persoon.objects.get(voornamen="Noor")
    response = client.post(_url(moeder), {"actie": "zoeken", "zoek": "noor de wit"})
    assert "Noor de Wit" in response.content.decode()
    # Noor is a member already: she is not offered, and posting her anyway is refused with a reason.
    response = client.post(_url(moeder), {"actie": "toevoegen", "persoon": noor.pk, "relatie": "kind"})
    assert response.status_code == 200
    assert Lidmaatschap.objects.filter(persoon=noor, huishouden=huishouden).count() == 1


def test_a_parent_younger_than_a_child_is_refused_and_nothing_is_saved(client, world):
    moeder, huishouden = _gezin(world)
    login(client, world.medewerker)
    client.post(
        _url(moeder),
        {
            "actie": "toevoegen",
            "relatie": "kind",
            "woont_hier": "on",
            "nieuw-voornamen": "Noor",
            "nieuw-achternaam": "de Wit",
            "nieuw-geboortedatum": "03-03-2016",
        },
    )
    response = client.post(_url(moeder), {"actie": "toevoegen", "relatie": "ouder", "gezag": "on", "woont_hier": "on",
                                          "nieuw-voornamen": "Piet", "nieuw-achternaam": "Jong",
                                          "nieuw-geboortedatum": "01-01-2018"})
    content = response.content.decode()
    assert response.status_code == 200 and "Een ouder kan niet jonger zijn dan een kind" in content
    assert 'value="Piet"' in content  # what was typed stays
    assert not Persoon.objects.filter(voornamen="Piet").exists()


def test_a_child_of_separated_parents_is_in_two_households_and_lives_in_one(world):
    from wijkregie.inwoners.services import lidmaatschap_add

    moeder, bij_moeder = _gezin(world)
    vader = make_persoon(world, "Kees", "de Wit", geboortedatum=datetime.date(1983, 1, 1))
    bij_vader = vader.lidmaatschappen.get().huishouden
    kind = make_persoon(world, "Lotte", "de Wit", geboortedatum=datetime.date(2014, 6, 1))
    lidmaatschap_add(actor=world.medewerker, huishouden=bij_moeder, persoon=kind, relatie="kind")
    lidmaatschap_add(actor=world.medewerker, huishouden=bij_vader, persoon=kind, relatie="kind", woont_hier=False)
    leden = {lid.huishouden_id: lid.woont_hier for lid in Lidmaatschap.objects.filter(persoon=kind, tot__isnull=True)}
    assert leden[bij_moeder.pk] is True and leden[bij_vader.pk] is False


def test_a_membership_ends_and_the_history_stays(client, world):
    moeder, huishouden = _gezin(world)
    login(client, world.medewerker)
    client.post(_url(moeder), {"actie": "toevoegen", "relatie": "partner", "gezag": "on", "woont_hier": "on",
                               "nieuw-voornamen": "Ron", "nieuw-achternaam": "Bos"})
    lid = Lidmaatschap.objects.get(persoon__voornamen="Ron")
    assert lid.gezag
    assert client.post(_url(moeder), {"actie": "beeindigen", "lid": lid.pk}).status_code == 302
    lid.refresh_from_db()
    assert lid.tot == datetime.date.today() - datetime.timedelta(days=1)
    assert "hoort niet meer bij dit huishouden" in client.get(_url(moeder)).content.decode()  # the message, once
    assert "Ron Bos" not in client.get(f"/personen/{moeder.pk}/").content.decode()


def test_a_colleague_without_need_to_know_cannot_compose_it(client, world):
    moeder, _huishouden = _gezin(world)
    for user in (world.andere_teamlid, world.buitenstaander, world.kcc, world.beleidsmedewerker):
        login(client, user)
        assert client.get(_url(moeder)).status_code in (403, 404)


def test_a_child_without_a_birth_date_is_refused_the_age_decides_who_consents(client, world):
    moeder, huishouden = _gezin(world)
    login(client, world.medewerker)
    response = client.post(_url(moeder), {"actie": "toevoegen", "relatie": "kind", "woont_hier": "on",
                                          "nieuw-voornamen": "Noor", "nieuw-achternaam": "de Wit"})
    assert "Vul de geboortedatum van het kind in" in response.content.decode()
    assert not Persoon.objects.filter(voornamen="Noor").exists()
