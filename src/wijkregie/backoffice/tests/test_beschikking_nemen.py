"""The backoffice decides a request: a toekenning makes the toewijzing and queues the 301 after the commit;
a refused mandaat or bad input saves nothing, says why at the field and keeps what was typed; audited."""

import datetime
import sys
import types

import pytest

from wijkregie.backoffice.models import Beschikking, Toewijzing
from wijkregie.core.models import AuditEvent
from wijkregie.organisatie.models import Rol
from wijkregie.testing import login, make_medewerker

from .helpers import GELDIG, verzoek_van


@pytest.fixture
def klaargezet(monkeypatch):
    """Stands in for the exchange's module (issue 19 part B) to see what the decision hands it."""
    gezien = []
    module = types.ModuleType("wijkregie.backoffice.berichten")
    module.toewijzing_klaarzetten = gezien.append
    monkeypatch.setitem(sys.modules, "wijkregie.backoffice.berichten", module)
    import wijkregie.backoffice as pakket
    monkeypatch.setattr(pakket, "berichten", module, raising=False)
    return gezien


def test_a_toekenning_makes_the_toewijzing_and_hands_it_to_the_exchange_after_the_commit(
        client, world, getekend, klaargezet, django_capture_on_commit_callbacks):
    verzoek = verzoek_van(getekend)
    login(client, world.backoffice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/backoffice/verzoeken/{verzoek.pk}/", {**GELDIG, "persoon": getekend.casus.hoofdpersoon_id}
        )
    beschikking = Beschikking.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/backoffice/beschikkingen/{beschikking.pk}/"
    assert beschikking.besluit == "toekenning" and beschikking.mandaat.besluit == "MB-1"
    assert beschikking.besloten_door == world.backoffice
    assert beschikking.bezwaar_tot == beschikking.verzonden_op + datetime.timedelta(weeks=6)
    toewijzing = Toewijzing.objects.get()
    assert (toewijzing.toewijzingnummer, toewijzing.volume, toewijzing.eenheid, toewijzing.aanbieder_agb) == (
        1,
        3,
        "04",
        "12345678",
    )
    assert toewijzing.ingangsdatum == datetime.date(2026, 1, 5) and toewijzing.productcode == "02A01"
    verzoek.refresh_from_db()
    assert verzoek.afgehandeld_op is not None
    assert klaargezet == [toewijzing]
    event = AuditEvent.objects.get(object_type="backoffice.beschikking", actie="C")
    assert event.client_id == getekend.casus.hoofdpersoon_id and "MB-1" in event.omschrijving
    # Decided once: the request's page now leads to the decision.
    assert (
        client.get(f"/backoffice/verzoeken/{verzoek.pk}/")["Location"] == f"/backoffice/beschikkingen/{beschikking.pk}/"
    )


def test_without_the_exchange_module_the_decision_stands(
    world, getekend, monkeypatch, django_capture_on_commit_callbacks
):
    from .helpers import toekennen

    monkeypatch.setitem(
        sys.modules, "wijkregie.backoffice.berichten", types.ModuleType("wijkregie.backoffice.berichten")
    )
    with django_capture_on_commit_callbacks(execute=True):
        toekennen(world, getekend)
    assert Toewijzing.objects.count() == 1


def test_an_afwijzing_assigns_nothing(client, world, getekend, klaargezet, django_capture_on_commit_callbacks):
    verzoek = verzoek_van(getekend)
    login(client, world.backoffice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/backoffice/verzoeken/{verzoek.pk}/",
            {
                "besluit": "afwijzing",
                "grondslag": "artikel 2.3.5 lid 3 Wmo 2015",
                "persoon": getekend.casus.hoofdpersoon_id,
                "motivering": "Uw netwerk kan dit bieden.",
                "variant": "inspanningsgericht",
            },
        )
    assert response.status_code == 302
    assert Beschikking.objects.get().besluit == "afwijzing" and not Toewijzing.objects.exists() and klaargezet == []


def test_without_a_covering_mandaat_nothing_is_saved_and_the_page_says_why(client, world, getekend):
    zonder = make_medewerker(world.den_helder, "bo2", Rol.BACKOFFICE, org=world.gemeente_org)
    verzoek = verzoek_van(getekend)
    login(client, zonder)
    response = client.post(
        f"/backoffice/verzoeken/{verzoek.pk}/", {**GELDIG, "persoon": getekend.casus.hoofdpersoon_id}
    )
    inhoud = response.content.decode()
    assert response.status_code == 200
    assert "geen geldig mandaat" in inhoud and "Wmo 2015" in inhoud
    assert 'value="02A01"' in inhoud and "U heeft hulp nodig om uw administratie" in inhoud  # what was typed stays
    assert not Beschikking.objects.exists() and not Toewijzing.objects.exists()
    verzoek.refresh_from_db()
    assert verzoek.afgehandeld_op is None
    geweigerd = AuditEvent.objects.get(object_type="backoffice.beschikking", resultaat="geweigerd")
    assert geweigerd.actor_id == zonder.pk and geweigerd.client_id == getekend.casus.hoofdpersoon_id


@pytest.mark.parametrize("veld, waarde, fout", [
    ("aanbieder_agb", "1234567", "precies 8 cijfers"),
    ("aanbieder_agb", "1234567A", "precies 8 cijfers"),
    ("einddatum", "2025-12-31", "De einddatum ligt voor de ingangsdatum."),
    ("volume", "0", ""),
    ("volume", "2,5", ""),
    ("productcategorie", "45", ""),  # a Jeugdwet category on a Wmo request
    ("eenheid", "", "Kies de eenheid van het volume."),
    ("motivering", "", ""),
    ("besluit", "misschien", ""),
])
def test_bad_input_is_refused_at_the_field_keeping_what_was_typed(client, world, getekend, veld, waarde, fout):
    verzoek = verzoek_van(getekend)
    login(client, world.backoffice)
    response = client.post(f"/backoffice/verzoeken/{verzoek.pk}/", {**GELDIG, "persoon": getekend.casus.hoofdpersoon_id,
                                                                      veld: waarde})
    inhoud = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{veld}_error"' in inhoud and fout in inhoud
    assert "U heeft hulp nodig om uw administratie" in inhoud or veld == "motivering"
    assert not Beschikking.objects.exists() and not Toewijzing.objects.exists()


def test_the_resident_must_be_someone_the_casus_is_about(client, world, getekend):
    from wijkregie.testing import make_persoon

    vreemde = make_persoon(world, "Anna", "Vreemd")
    verzoek = verzoek_van(getekend)
    login(client, world.backoffice)
    response = client.post(f"/backoffice/verzoeken/{verzoek.pk}/", {**GELDIG, "persoon": vreemde.pk})
    assert response.status_code == 200 and 'id="id_persoon_error"' in response.content.decode()
    assert not Beschikking.objects.exists()


def test_numbers_count_up_per_gemeente(world, getekend, casus):
    from wijkregie.backoffice import services

    from .helpers import product, toekennen

    toekennen(world, getekend)
    nieuw = services.beschikking_issue  # a second request: a new version of the plan with a changed line
    from wijkregie.plan import services as plan_services
    from wijkregie.plan.models import Arrangementregel

    versie2 = plan_services.plan_new_version(actor=world.medewerker, plan=getekend)
    Arrangementregel.objects.filter(plan=versie2).update(volume=5)
    versie2.akkoord_wijze, versie2.akkoord_op = "mondeling", datetime.date.today()
    versie2.save()
    plan_services.plan_sign(actor=world.medewerker, plan=versie2)
    nieuw(actor=world.backoffice, verzoek=verzoek_van(versie2), besluit="gedeeltelijk", grondslag="x", motivering="y",
          persoon_id=casus.hoofdpersoon_id, product=product(volume=4))
    assert list(Toewijzing.objects.order_by("toewijzingnummer").values_list("toewijzingnummer", "volume")) == [
        (1, 3),
        (2, 4),
    ]


def test_the_request_of_a_changed_line_shows_the_running_toewijzing_it_may_replace(client, world, getekend):
    from wijkregie.plan import services as plan_services
    from wijkregie.plan.models import Arrangementregel

    from .helpers import toekennen

    eerste = toekennen(world, getekend).toewijzingen.get()
    versie2 = plan_services.plan_new_version(actor=world.medewerker, plan=getekend)
    Arrangementregel.objects.filter(plan=versie2).update(volume=5)
    versie2.akkoord_wijze, versie2.akkoord_op = "mondeling", datetime.date.today()
    versie2.save()
    plan_services.plan_sign(actor=world.medewerker, plan=versie2)
    login(client, world.backoffice)
    pagina = client.get(f"/backoffice/verzoeken/{verzoek_van(versie2).pk}/").content.decode()
    assert "Lopende toewijzingen in deze casus" in pagina and f"Toewijzing {eerste.toewijzingnummer}</a>" in pagina


def test_a_participatiewet_request_is_decided_without_a_toewijzing(client, world, casus, klaargezet,
                                                                   django_capture_on_commit_callbacks):
    from wijkregie.organisatie.models import Mandaat

    from .helpers import getekend_plan

    Mandaat.objects.filter(besluit="MB-1").update(participatiewet=True)
    plan = getekend_plan(world, casus, wet="participatiewet", productcategorie="", signer=world.backoffice)
    verzoek = verzoek_van(plan)
    login(client, world.backoffice)
    pagina = client.get(f"/backoffice/verzoeken/{verzoek.pk}/").content.decode()
    assert "geen toewijzingsbericht" in pagina and 'name="aanbieder_agb"' not in pagina
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/backoffice/verzoeken/{verzoek.pk}/", {
            "besluit": "toekenning", "grondslag": "artikel 10 Participatiewet", "persoon": casus.hoofdpersoon_id,
            "motivering": "Begeleiding naar werk past bij uw doel."})
    assert response.status_code == 302
    beschikking = Beschikking.objects.get()
    assert beschikking.wet == "participatiewet" and beschikking.ingangsdatum == datetime.date.today()
    assert not Toewijzing.objects.exists() and klaargezet == []
