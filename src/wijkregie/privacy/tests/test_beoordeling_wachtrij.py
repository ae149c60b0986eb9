"""The privacy officer's review queue: break-the-glass at once, unusual patterns in the trail, each item
judged once (in orde / niet in orde with an explanation), audited."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkregie.casus.models import Casus
from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.core.models import AuditEvent
from wijkregie.organisatie.models import Rol
from wijkregie.privacy import beoordeling
from wijkregie.privacy.models import Beoordeling
from wijkregie.testing import login, make_medewerker, make_persoon


@pytest.fixture
def geen_nachtregel(monkeypatch):
    """Tests about break-the-glass run whatever the hour: the night rule (reads between 22.00 and 6.00) would
    add the test's own reads to the queue when CI runs at night. It has its own test below."""
    monkeypatch.setattr(beoordeling, "NACHT_VAN", 24)
    monkeypatch.setattr(beoordeling, "NACHT_TOT", 0)


def _noodtoegang(client, world):
    anna = make_persoon(world, "Anna", "de Boer", bsn="999993653", team=world.team_noord, regisseur=world.medewerker)
    login(client, world.andere_teamlid)
    client.post("/noodtoegang/", {"stap": "zoeken", "bsn": "999993653"})
    client.post("/noodtoegang/", {"stap": "openen", "reden": "Crisis, regisseur ziek, politie belt."})
    return anna


def _lees(actor, client_id, *, object_type="inwoners.persoon", object_id=""):
    with transaction.atomic():
        audit_log(actor=actor, actie=AuditActie.READ, object_type=object_type, object_id=object_id, client_id=client_id)


def test_break_the_glass_is_in_the_queue_at_once_and_leaves_it_with_a_verdict(client, world, geen_nachtregel):
    anna = _noodtoegang(client, world)
    login(client, world.privacyfunctionaris)
    response = client.get("/audit/beoordelen/")
    items = response.context["open_items"]
    assert [(i.soort, i.medewerker, i.inwoner) for i in items] == [("noodtoegang", "Zuid Test", "Anna de Boer")]
    inhoud = response.content.decode()
    assert "Crisis, regisseur ziek, politie belt." in inhoud  # the reason, for the verdict
    assert items[0].uitleg.endswith("daarna 0 keer ingezien.")
    login(client, world.andere_teamlid)
    client.get(f"/casussen/{anna.casussen.get().pk}/")
    client.get(f"/casussen/{anna.casussen.get().pk}/")
    login(client, world.privacyfunctionaris)
    items = client.get("/audit/beoordelen/").context["open_items"]
    assert items[0].uitleg.endswith("daarna 2 keer ingezien.")
    sleutel = items[0].sleutel
    prefix = items[0].formulier_id
    response = client.post("/audit/beoordelen/", {"sleutel": sleutel, f"{prefix}-oordeel": "in_orde",
                                                  f"{prefix}-toelichting": "Gebeld met de teamleider: terecht."})
    assert response.status_code == 302
    b = Beoordeling.objects.get()
    assert (b.oordeel, b.door, b.soort) == ("in_orde", world.privacyfunctionaris, "noodtoegang")
    response = client.get("/audit/beoordelen/")
    assert response.context["open_items"] == [] and [i.sleutel for i in response.context["beoordeeld"]] == [sleutel]
    event = AuditEvent.objects.get(object_type="privacy.beoordeling", actie="C")
    assert event.client_id == anna.pk and event.omschrijving == "noodtoegang beoordeeld: in orde"
    # Judged once: a second verdict on the same item is refused.
    response = client.post("/audit/beoordelen/", {"sleutel": sleutel, f"{prefix}-oordeel": "niet_in_orde",
                                                  f"{prefix}-toelichting": "toch niet"}, follow=True)
    assert "Dit item is al beoordeeld." in response.content.decode() and Beoordeling.objects.count() == 1


def test_niet_in_orde_needs_an_explanation(client, world):
    _noodtoegang(client, world)
    login(client, world.privacyfunctionaris)
    item = client.get("/audit/beoordelen/").context["open_items"][0]
    response = client.post(
        "/audit/beoordelen/", {"sleutel": item.sleutel, f"{item.formulier_id}-oordeel": "niet_in_orde"}
    )
    assert response.status_code == 200
    fout = response.context["open_items"][0].form.errors["toelichting"]
    assert fout == ["Leg uit wat niet in orde is en wat er nu gebeurt."]
    assert f'id="id_{item.formulier_id}-toelichting_error"' in response.content.decode()
    response = client.post("/audit/beoordelen/", {"sleutel": item.sleutel})
    assert response.context["open_items"][0].form.errors["oordeel"] == ["Kies of dit in orde is of niet."]
    response = client.post(
        "/audit/beoordelen/", {"sleutel": "noodtoegang:999999", "b-noodtoegang-999999-oordeel": "in_orde"}, follow=True
    )
    assert "Dit item staat niet (meer) in de lijst om te beoordelen." in response.content.decode()
    assert not Beoordeling.objects.exists()


def test_it_finds_the_patterns_in_the_trail(world, monkeypatch):
    anna = make_persoon(world, "Anna", "de Boer")
    visser = make_persoon(world, "Joop", "Visser")  # Sanne Visser's family name
    nacht = timezone.make_aware(datetime.datetime.combine(timezone.localdate() - datetime.timedelta(days=1),
                                                          datetime.time(23, 30)))
    echte_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: nacht)
    _lees(world.collega, anna.pk)
    # Every other read in daytime, whenever the test runs: only the one above is at night.
    overdag = nacht.replace(hour=14, minute=0)
    monkeypatch.setattr(timezone, "now", lambda: overdag)
    _lees(world.medewerker, visser.pk)
    for i in range(beoordeling.BUITEN_TEAM_DREMPEL):
        p = make_persoon(world, "Buiten", f"Dossier{i}", team=world.team_noord)
        _lees(world.andere_teamlid, p.pk, object_type="casus.casus", object_id=Casus.objects.get(hoofdpersoon=p).pk)
    lezers = [make_medewerker(world.den_helder, f"lezer{i}", Rol.MEDEWERKER, team=world.team_zuid)
              for i in range(beoordeling.VEEL_LEZERS_DREMPEL)]
    veel = make_persoon(world, "Veel", "Gelezen")
    for lezer in lezers:
        _lees(lezer, veel.pk)
    monkeypatch.setattr(timezone, "now", echte_now)
    items = {i.soort: i for i in beoordeling.review_items(world.privacyfunctionaris)}
    gisteren = nacht.date().isoformat()
    assert (
        items["nacht"].medewerker == "Pieter Jansen"
        and items["nacht"].sleutel == f"nacht:{world.collega.pk}:{gisteren}"
    )
    assert items["familienaam"].medewerker == "Sanne Visser" and items["familienaam"].inwoner == "Joop Visser"
    assert items["buiten_team"].medewerker == "Zuid Test" and items["buiten_team"].uitleg.startswith("5 dossiers")
    assert items["veel_lezers"].inwoner == "Veel Gelezen"
    assert len(items) == 4  # nothing else: daytime reads of one's own team are no pattern
    # Below the thresholds nothing: one reader less, one file less.
    assert not [i for i in beoordeling.review_items(world.privacyfunctionaris)
                if i.soort == "veel_lezers" and i.inwoner == "Anna de Boer"]


def test_the_queue_costs_the_same_queries_for_one_item_or_many(client, world, geen_nachtregel):
    _noodtoegang(client, world)
    login(client, world.privacyfunctionaris)
    client.get("/audit/beoordelen/")

    def aantal():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/audit/beoordelen/").status_code == 200
        return len(ctx.captured_queries)

    een = aantal()
    for i in range(8):
        p = make_persoon(world, "Ander", f"Inwoner{i}", bsn="", team=world.team_noord)
        from wijkregie.privacy.models import Noodtoegang

        Noodtoegang.objects.create(gemeente=world.den_helder, medewerker=world.gedragswetenschapper, persoon=p,
                                   casus=Casus.objects.get(hoofdpersoon=p), reden="Crisis in de nacht",
                                   tot=timezone.now() + datetime.timedelta(hours=1))
    assert len(client.get("/audit/beoordelen/").context["open_items"]) == 9
    assert aantal() == een


@pytest.mark.parametrize("persona", ["medewerker", "beheerder", "beleidsmedewerker", "kcc", "andere_teamlid"])
def test_other_roles_get_no_queue(client, world, persona):
    login(client, getattr(world, persona))
    assert client.get("/audit/beoordelen/").status_code == 403
    assert client.post("/audit/beoordelen/", {"sleutel": "noodtoegang:1"}).status_code == 403


def test_the_privacy_officer_of_another_gemeente_sees_nothing_of_den_helder(client, world):
    _noodtoegang(client, world)
    login(client, world.buitenstaander)
    response = client.get("/audit/beoordelen/")
    assert response.status_code == 200 and response.context["open_items"] == []
    assert "Anna" not in response.content.decode() and "Crisis" not in response.content.decode()
    sleutel = beoordeling.review_items(world.privacyfunctionaris)[0].sleutel
    client.post("/audit/beoordelen/", {"sleutel": sleutel, f"b-{sleutel.replace(':', '-')}-oordeel": "in_orde"})
    assert not Beoordeling.objects.exists()


def test_an_explanation_longer_than_the_field_is_named_at_the_field(client, world):
    _noodtoegang(client, world)
    login(client, world.privacyfunctionaris)
    item = client.get("/audit/beoordelen/").context["open_items"][0]
    response = client.post(
        "/audit/beoordelen/",
        {
            "sleutel": item.sleutel,
            f"{item.formulier_id}-oordeel": "niet_in_orde",
            f"{item.formulier_id}-toelichting": "y" * 2001,
        },
    )
    form = response.context["open_items"][0].form
    assert "2000" in form.errors["toelichting"][0] and form["toelichting"].value() == "y" * 2001
    assert not Beoordeling.objects.exists()
