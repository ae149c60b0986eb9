"""One household, one casus: one aanmelding registers the household; a member's next question joins
its open casus; the database refuses a second open casus; the rule for a child in two households."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from wijkregie.casus.models import Casus, Status
from wijkregie.casus.services import casus_open, casus_transition
from wijkregie.inwoners.models import Huishouden, Lidmaatschap, Persoon
from wijkregie.inwoners.services import lidmaatschap_add, persoon_create
from wijkregie.testing import login, make_persoon
from wijkregie.toegang.models import Aanmelding
from wijkregie.toegang.services import aanmelding_allocate, aanmelding_register, open_casus_for


def _geboren(jaren: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=365 * jaren + 30)).strftime("%Y-%m-%d")


def _gezin_post(client, **extra):
    data = {
        "kanaal": "telefoon",
        "vraag": "Het loopt thuis vast met de kinderen en de schulden.",
        "afhandeling": "bureaudienst",
        "ontvangen_op": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "actie": "opslaan",
        "nieuw-voornamen": "Anouk",
        "nieuw-achternaam": "Visser",
        "nieuw-geboortedatum": _geboren(41),
        "nieuw-postcode": "1781 AB",
        "nieuw-huisnummer": "12",
        "nieuw-toch_nieuw": "on",
        "hoofd_gezag": "on",
        "lid-TOTAL_FORMS": "3",
        "lid-INITIAL_FORMS": "0",
        "lid-0-voornamen": "Mark",
        "lid-0-achternaam": "de Wit",
        "lid-0-geboortedatum": _geboren(43),
        "lid-0-relatie": "partner",
        "lid-0-gezag": "on",
        "lid-1-voornamen": "Sara",
        "lid-1-geboortedatum": _geboren(10),
        "lid-1-relatie": "kind",
        "lid-2-voornamen": "Daan",
        "lid-2-geboortedatum": _geboren(14),
        "lid-2-relatie": "kind",
    }
    data.update(extra)
    return client.post("/aanmeldingen/nieuw/", data)


def test_one_aanmelding_registers_a_household_of_four(client, world):
    login(client, world.kcc)
    response = _gezin_post(client)
    aanmelding = Aanmelding.objects.get()
    assert response.status_code == 302
    leden = {lid.persoon.voornamen: lid for lid in Lidmaatschap.objects.filter(huishouden=aanmelding.huishouden)
             .select_related("persoon")}
    assert set(leden) == {"Anouk", "Mark", "Sara", "Daan"}
    assert leden["Anouk"].relatie == "hoofd" and leden["Anouk"].gezag
    assert leden["Mark"].relatie == "partner" and leden["Mark"].gezag and leden["Mark"].persoon.achternaam == "de Wit"
    assert leden["Sara"].relatie == "kind" and not leden["Sara"].gezag and leden["Sara"].persoon.achternaam == "Visser"
    assert leden["Daan"].persoon.postcode == "1781 AB" and leden["Daan"].persoon.leeftijd() == 14


def test_a_parent_younger_than_a_child_saves_nothing_and_keeps_what_was_typed(client, world):
    login(client, world.kcc)
    response = _gezin_post(client, **{"nieuw-geboortedatum": _geboren(8)})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Een kind kan niet ouder zijn dan een ouder in het huishouden" in content
    assert not Persoon.objects.filter(gemeente=world.den_helder).exists() and not Aanmelding.objects.exists()
    assert 'value="Daan"' in content and 'value="Mark"' in content


def test_adding_a_row_keeps_the_rows_typed(client, world):
    login(client, world.kcc)
    content = _gezin_post(client, actie="meer_leden").content.decode()
    assert 'value="Sara"' in content and 'name="lid-3-voornamen"' in content
    assert not Persoon.objects.filter(gemeente=world.den_helder).exists()


def _gezin(world):
    anouk = persoon_create(actor=world.kcc, persoon=Persoon(voornamen="Anouk", achternaam="Visser",
                                                            geboortedatum=datetime.date(1985, 3, 1)), gezag=True)
    huishouden = Lidmaatschap.objects.get(persoon=anouk).huishouden
    daan = persoon_create(
        actor=world.kcc,
        persoon=Persoon(
            voornamen="Daan",
            achternaam="Visser",
            geboortedatum=timezone.localdate().replace(year=timezone.localdate().year - 14)
            - datetime.timedelta(days=3),
        ),
        huishouden=huishouden,
        relatie="kind",
    )
    return anouk, daan, huishouden


def _aanmelding(world, persoon):
    return aanmelding_register(actor=world.kcc, aanmelding=Aanmelding(kanaal="telefoon", persoon=persoon, vraag="Hulp"),
                               naar_bureaudienst=True)


def test_a_second_aanmelding_for_the_14_year_old_lands_in_the_same_casus(client, world):
    anouk, daan, huishouden = _gezin(world)
    eerste = _aanmelding(world, anouk)
    aanmelding_allocate(actor=world.bureaudienst, aanmelding=eerste, team=world.team_noord, medewerker=world.medewerker)
    casus = Casus.objects.get()
    tweede = _aanmelding(world, daan)
    tweede.refresh_from_db()
    assert Casus.objects.count() == 1
    assert tweede.casus == casus and tweede.status == "toegedeeld"
    assert tweede.team == world.team_noord and tweede.medewerker == world.medewerker
    assert tweede.toedelingen.get().reden == f"nieuwe vraag binnen lopende casus {casus.pk}"
    # The regisseur sees it in the werkvoorraad as a new question of the running casus.
    login(client, world.medewerker)
    assert "Nieuwe vraag in lopende casus: Daan Visser" in client.get("/").content.decode()
    # The bureaudienst's queue does not hold it.
    login(client, world.bureaudienst)
    assert "Daan Visser" not in client.get("/bureaudienst/").content.decode()


def test_the_database_refuses_a_second_open_casus_for_the_household(world):
    persoon = make_persoon(world, "Pieter", "Jansen", team=world.team_noord)
    huishouden = Lidmaatschap.objects.get(persoon=persoon).huishouden
    with pytest.raises(IntegrityError), transaction.atomic():
        Casus.objects.create(gemeente=world.den_helder, team=world.team_zuid, huishouden=huishouden, status=Status.PLAN)
    # After the first is closed, a new one may open.
    Casus.objects.filter(huishouden=huishouden).update(status=Status.AFGESLOTEN)
    Casus.objects.create(gemeente=world.den_helder, team=world.team_zuid, huishouden=huishouden, status=Status.PLAN)


def test_the_services_refuse_a_second_open_casus_in_words(world):
    persoon = make_persoon(world, "Pieter", "Jansen", team=world.team_noord)
    huishouden = Lidmaatschap.objects.get(persoon=persoon).huishouden
    with pytest.raises(ValidationError, match="al een open casus"):
        casus_open(actor=world.bureaudienst, team=world.team_zuid, huishouden=huishouden, hoofdpersoon=persoon)
    oud = Casus.objects.get()
    casus_transition(actor=world.medewerker, casus=oud, naar=Status.AFGESLOTEN)
    nieuw = casus_open(actor=world.bureaudienst, team=world.team_zuid, huishouden=huishouden, hoofdpersoon=persoon)
    with pytest.raises(ValidationError, match="al een open casus"):  # reopening the old one now
        casus_transition(actor=world.medewerker, casus=oud, naar=Status.VRAAGVERHELDERING)
    assert Casus.objects.exclude(status=Status.AFGESLOTEN).get() == nieuw


def test_a_child_in_two_households_goes_to_the_casus_where_it_lives_else_the_other(world):
    """The rule: a new question of a child in two households (separated parents) joins the open casus of
    the household it lives in; if only the other household has an open casus, that one; else a new
    casus for the household it lives in."""
    moeder = make_persoon(world, "Ilse", "Bakker", team=world.team_noord, regisseur=world.medewerker)
    vader = make_persoon(world, "Rob", "Smit", team=world.team_zuid, regisseur=world.andere_teamlid)
    bij_moeder = Lidmaatschap.objects.get(persoon=moeder).huishouden
    bij_vader = Lidmaatschap.objects.get(persoon=vader).huishouden
    kind = persoon_create(actor=world.kcc, persoon=Persoon(voornamen="Noor", achternaam="Smit",
                                                           geboortedatum=datetime.date(2016, 5, 1)),
                          huishouden=bij_moeder, relatie="kind")
    lidmaatschap_add(actor=world.kcc, huishouden=bij_vader, persoon=kind, relatie="kind", woont_hier=False)
    casus_moeder = Casus.objects.get(huishouden=bij_moeder)
    casus_vader = Casus.objects.get(huishouden=bij_vader)
    assert open_casus_for(kind) == casus_moeder
    Casus.objects.filter(pk=casus_moeder.pk).update(status=Status.AFGESLOTEN)
    assert open_casus_for(kind) == casus_vader
    tweede = _aanmelding(world, kind)
    assert tweede.casus == casus_vader and tweede.team == world.team_zuid
    Casus.objects.filter(pk=casus_vader.pk).update(status=Status.AFGESLOTEN)
    derde = _aanmelding(world, kind)
    assert derde.casus is None and derde.status == "bureaudienst" and derde.huishouden == bij_moeder
    assert Huishouden.objects.filter(pk=bij_moeder.pk).exists()


def test_household_rows_are_not_dropped_when_a_known_resident_is_chosen(client, world):
    bekend = make_persoon(world, "Pieter", "Jansen")
    login(client, world.kcc)
    response = _gezin_post(client, persoon=bekend.pk)
    assert "gezinsleden voegt u dan toe op de pagina Huishouden" in response.content.decode()
    assert not Aanmelding.objects.exists() and not Persoon.objects.filter(voornamen="Mark").exists()


def test_registering_a_joining_question_gives_no_view_of_the_household_file(world):
    """The KCC that registers a member's question that joins the running casus does not get the KCC
    relation to that casus (only the question that opened a casus gives it)."""
    from wijkregie.casus.selectors import casussen_visible_to
    from wijkregie.organisatie.models import Medewerker

    anouk, daan, huishouden = _gezin(world)
    eerste = aanmelding_register(actor=world.medewerker, aanmelding=Aanmelding(kanaal="inloop", persoon=anouk,
                                                                                vraag="Hulp"), naar_bureaudienst=True)
    aanmelding_allocate(actor=world.bureaudienst, aanmelding=eerste, team=world.team_noord, medewerker=world.medewerker)
    _aanmelding(world, daan)  # registered by the KCC, joins
    kcc = Medewerker.objects.get(pk=world.kcc.pk)
    assert not casussen_visible_to(kcc, "identiteit").exists()


def test_a_joining_question_goes_to_the_regie_holder_or_waits_at_the_bureaudienst(world):
    from wijkregie.regie.models import Regie

    anouk, daan, huishouden = _gezin(world)
    casus = casus_open(actor=world.bureaudienst, team=world.team_noord, huishouden=huishouden, hoofdpersoon=anouk)
    # No regisseur yet: the question waits at the bureaudienst, which allocates it into the same casus.
    vraag = _aanmelding(world, daan)
    assert vraag.casus is None and vraag.status == "bureaudienst"
    aanmelding_allocate(actor=world.bureaudienst, aanmelding=vraag, team=world.team_noord, medewerker=world.collega)
    vraag.refresh_from_db()
    casus.refresh_from_db()
    assert vraag.casus == casus and casus.medewerker == world.collega and Casus.objects.count() == 1
    # Regie passed to a colleague: the next question goes to the regie holder.
    Regie.objects.create(gemeente=world.den_helder, casus=casus, houder="medewerker", medewerker=world.medewerker,
                         uitleg_aan_inwoner="Sanne coördineert.")
    volgende = _aanmelding(world, anouk)
    assert volgende.casus == casus and volgende.medewerker == world.medewerker


def test_a_new_member_of_a_household_with_a_running_casus_is_a_task_for_the_regisseur(world):
    from wijkregie.regie.models import Herinnering

    moeder = make_persoon(world, "Ilse", "Bakker", team=world.team_noord, regisseur=world.medewerker)
    huishouden = Lidmaatschap.objects.get(persoon=moeder).huishouden
    baby = persoon_create(actor=world.medewerker, persoon=Persoon(voornamen="Lotte", achternaam="Bakker",
                                                                  geboortedatum=timezone.localdate()),
                          huishouden=huishouden, relatie="kind")
    taak = Herinnering.objects.get(medewerker=world.medewerker)
    assert taak.casus.huishouden == huishouden and "Lotte" in taak.tekst and "toestemming" in taak.tekst
    assert Lidmaatschap.objects.filter(persoon=baby).exists()
