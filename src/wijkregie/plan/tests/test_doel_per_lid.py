"""A goal is for one member or for the whole household: chosen in the form, shown on the plan and in
its PDF, kept by a new version, and part of what makes two goals different."""

import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError

from wijkregie.core.tests.achtergrond_hulp import via_achtergrond
from wijkregie.plan import selectors, services
from wijkregie.plan.models import Doel
from wijkregie.testing import login, make_persoon

from .huishouden import leefgebied, voeg_gezin_toe


@pytest.fixture
def gezin(world, casus):
    return voeg_gezin_toe(world, casus)


@pytest.fixture
def concept(world, casus, gezin):
    return services.plan_create(actor=world.medewerker, casus=casus)


def _doel(world, persoon, omschrijving="Naar de voetbalclub") -> dict:
    return {"doel-persoon": persoon.pk if persoon else "", "doel-leefgebied": leefgebied(world, "Sociaal netwerk").pk,
            "doel-omschrijving": omschrijving, "doel-prioriteit": 1}


def test_it_offers_the_members_with_the_whole_household_first(client, world, casus, gezin, concept):
    login(client, world.medewerker)
    content = client.get(f"/casussen/{casus.pk}/plan/").content.decode()
    keuzes = content[content.index('name="doel-persoon"'):].split("</select>")[0]
    assert keuzes.index("Het hele huishouden") < keuzes.index("Pieter Jansen")
    assert '<option value="" selected>Het hele huishouden</option>' in keuzes
    assert all(p.naam in keuzes for p in gezin)


def test_a_goal_for_a_member_and_one_for_the_household_are_shown_as_such(client, world, casus, gezin, concept):
    login(client, world.medewerker)
    assert client.post(f"/casussen/{casus.pk}/plan/{concept.versie}/doelen/", _doel(world, gezin[2])).status_code == 302
    assert (
        client.post(f"/casussen/{casus.pk}/plan/{concept.versie}/doelen/", _doel(world, None, "Samen eten")).status_code
        == 302
    )
    assert Doel.objects.get(omschrijving="Naar de voetbalclub").persoon == gezin[2]
    assert Doel.objects.get(omschrijving="Samen eten").persoon is None
    content = client.get(f"/casussen/{casus.pk}/plan/").content.decode()
    assert "Voor: Tim Jansen" in content and "Voor het hele huishouden" in content


def test_a_person_outside_the_household_is_refused(client, world, casus, gezin, concept):
    vreemde = make_persoon(world, "Kees", "Vreemd", team=world.team_noord)  # a resident the medewerker's team sees
    login(client, world.medewerker)
    response = client.post(f"/casussen/{casus.pk}/plan/{concept.versie}/doelen/", _doel(world, vreemde))
    assert response.status_code == 200
    assert "Kies een lid van dit huishouden, of het hele huishouden." in response.content.decode()
    assert not Doel.objects.exists()
    with pytest.raises(ValidationError):
        services.doel_save(actor=world.medewerker, plan=concept,
                              doel=Doel(persoon=vreemde, leefgebied=leefgebied(world, "Financiën"), omschrijving="x"))
    assert not Doel.objects.exists()


def test_a_new_version_keeps_whose_goal_it_is_and_a_new_owner_is_a_difference(world, casus, gezin, concept):
    services.doel_save(
        actor=world.medewerker,
        plan=concept,
        doel=Doel(persoon=gezin[1], leefgebied=leefgebied(world, "Werk & opleiding"), omschrijving="Werk vinden"),
    )
    services.doel_save(actor=world.medewerker, plan=concept,
                          doel=Doel(leefgebied=leefgebied(world, "Financiën"), omschrijving="Schulden op orde"))
    nieuw = services.plan_copy_as_version(concept, aangemaakt_door=world.medewerker)
    assert {(d.omschrijving, d.persoon_id) for d in nieuw.doelen.all()} == {
        ("Werk vinden", gezin[1].pk),
        ("Schulden op orde", None),
    }
    assert selectors.verschil(concept, nieuw) == {"toegevoegd": [], "vervallen": [], "gewijzigd": []}
    doel = nieuw.doelen.get(omschrijving="Werk vinden")
    doel.persoon = gezin[0]
    doel.save()
    verschil = selectors.verschil(concept, nieuw)
    assert verschil["toegevoegd"] == ["Werk & opleiding, voor Pieter Jansen: Werk vinden (prioriteit 1)"]
    assert verschil["vervallen"] == ["Werk & opleiding, voor Sara Jansen: Werk vinden (prioriteit 1)"]
    # Who may not see a member reads 'een gezinslid'.
    verborgen = selectors.verschil(concept, nieuw, zichtbaar={gezin[0].pk})
    assert verborgen["vervallen"] == ["Werk & opleiding, voor een gezinslid: Werk vinden (prioriteit 1)"]


def test_the_pdf_says_whose_goal_it_is(client, world, casus, gezin, concept, tmp_path):
    services.doel_save(
        actor=world.medewerker,
        plan=concept,
        doel=Doel(persoon=gezin[1], leefgebied=leefgebied(world, "Werk & opleiding"), omschrijving="Werk vinden"),
    )
    services.doel_save(actor=world.medewerker, plan=concept,
                          doel=Doel(leefgebied=leefgebied(world, "Financiën"), omschrijving="Schulden op orde"))
    login(client, world.medewerker)
    response = via_achtergrond(client, f"/casussen/{casus.pk}/plan/{concept.versie}/pdf/")  # made by the worker
    if shutil.which("pdftotext") is None:
        pytest.fail("poppler-utils (pdftotext) is installed by make test")
    (tmp_path / "plan.pdf").write_bytes(response.content)
    tekst = subprocess.run(["pdftotext", str(tmp_path / "plan.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Voor: Sara" in tekst and "Voor het hele huishouden" in tekst
