"""A partner that is betrokken reads the casussen shared with it and the part of the plan the household
consented to share with it (docs/api.md): the goals, its own arrangement lines, the regisseur. Every
read is audited per person shown."""

import json

from wijkregie.core.models import AuditEvent

from .helpers import gedeeld_huishouden


def test_it_lists_only_the_casussen_shared_with_the_organisation(api, world, praktijk):
    casus, moeder, kind = gedeeld_huishouden(world, praktijk)
    gedeeld_huishouden(world, world.wering)  # another household, shared with De Wering only
    response = api.get("/api/v1/casussen/")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    resultaten = json.loads(response.content)["resultaten"]
    assert len(resultaten) == 1
    item = resultaten[0]
    assert item["inwoner"] == {"naam": "Anouk Visser", "geboortedatum": moeder.geboortedatum.isoformat()}
    assert item["relatie"] == "betrokkene" and str(casus.pk) != item["id"]
    events = AuditEvent.objects.filter(rol="partner", actie="R", object_type="casus.casus")
    assert [e.client_id for e in events] == [moeder.pk]
    assert events[0].grondslag == f"toestemming: delen met {praktijk}"


def test_it_shows_the_goals_its_own_lines_and_the_regisseur_and_audits_every_member(api, world, praktijk):
    casus, moeder, kind = gedeeld_huishouden(world, praktijk)
    world.medewerker.telefoon = "0223 111111"
    world.medewerker.save(update_fields=["telefoon"])
    casus_id = json.loads(api.get("/api/v1/casussen/").content)["resultaten"][0]["id"]
    response = api.get(f"/api/v1/casussen/{casus_id}/plan/")
    assert response.status_code == 200, response.content
    data = json.loads(response.content)
    assert data["id"] == casus_id
    assert data["regisseur"] == {"houder": "medewerker", "naam": "Sanne Visser", "organisatie": "De Wering",
                                 "telefoon": "0223 111111", "email": ""}
    plan = data["plan"]
    assert plan["versie"] == 1 and plan["ondertekend_op"]
    assert [(d["leefgebied"], d["omschrijving"], d["voor"]) for d in plan["doelen"]] == [
        ("Financiën", "Rekeningen zelf betalen", None),
        ("Maatschappelijke participatie", "Weer naar de voetbal", "Daan"),
    ]
    assert [r["omschrijving"] for r in plan["arrangement"]] == ["Controle bloeddruk bij de praktijkondersteuner"]
    inhoud = response.content.decode()
    # Only the first name of a member, no BSN, no ZRM, no other organisation's lines.
    assert "GEHEIMEREGEL" not in inhoud and "Pieter" not in inhoud and "bsn" not in inhoud
    gelezen = AuditEvent.objects.filter(rol="partner", actie="R", object_type="casus.casus",
                                        object_id=str(casus.pk))
    assert sorted(e.client_id for e in gelezen) == sorted([moeder.pk, kind.pk])
    assert all(e.actor.startswith(praktijk.naam) and e.grondslag.startswith("toestemming") for e in gelezen)


def test_a_casus_without_a_signed_plan_shows_the_regisseur_only(api, world, praktijk):
    from wijkregie.casus.models import Toestemming
    from wijkregie.regie.models import Betrokkene
    from wijkregie.regie.services import betrokkene_add
    from wijkregie.testing import make_persoon

    persoon = make_persoon(world, "Kees", "Smit", team=world.team_noord, regisseur=world.medewerker)
    Toestemming.objects.create(gemeente=world.den_helder, persoon=persoon, scope="delen", organisatie=praktijk)
    betrokkene_add(actor=world.medewerker, casus=persoon.casussen.get(),
                         betrokkene=Betrokkene(organisatie=praktijk, naam="Huisarts"))
    casus_id = json.loads(api.get("/api/v1/casussen/").content)["resultaten"][0]["id"]
    data = json.loads(api.get(f"/api/v1/casussen/{casus_id}/plan/").content)
    assert data["plan"] is None and data["regisseur"]["naam"] == "Sanne Visser"


def test_ids_are_the_organisations_own_and_an_unknown_one_is_404(client, api, world, praktijk):
    from .helpers import Partnerclient, probleem

    gedeeld_huishouden(world, praktijk)
    ander = Partnerclient.met_sleutel(client, world.wering)
    casus_id = json.loads(api.get("/api/v1/casussen/").content)["resultaten"][0]["id"]
    assert probleem(ander.get(f"/api/v1/casussen/{casus_id}/plan/"))["status"] == 404
    assert probleem(api.get("/api/v1/casussen/00000000-0000-4000-8000-000000000000/plan/"))["status"] == 404
    assert probleem(api.get("/api/v1/casussen/1/plan/"))["status"] == 404
