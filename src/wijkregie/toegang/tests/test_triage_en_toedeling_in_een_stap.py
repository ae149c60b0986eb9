"""Triage and allocation in one form (issue 13): one button records both or neither; who clarifies the
question defaults to whom it is allocated; "meervoudig" follows from the aard instead of a second box."""

from wijkregie.casus.models import Casus
from wijkregie.organisatie.models import Leefgebied
from wijkregie.testing import login, make_persoon
from wijkregie.toegang.models import Aanmelding, Triage


def _aanmelding(world):
    persoon = make_persoon(world, "Noor", "de Vries", postcode="1784 AB", wijk=world.noord)
    return Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Hulp nodig", persoon=persoon,
                                     huishouden=persoon.lidmaatschappen.first().huishouden, status="bureaudienst")


def _post(client, aanmelding, **kw):
    data = {"urgentie": "normaal", "veiligheid": "nee", "aard": "meervoudig_zonder", "uitkomst": "vraagverheldering",
            "leefgebieden": [Leefgebied.objects.get(gemeente_id=aanmelding.gemeente_id, naam="Financiën").pk],
            "toedelen": "1", **kw}
    return client.post(f"/aanmeldingen/{aanmelding.pk}/triage/", data)


def test_it_offers_the_allocation_prefilled_from_the_wijk(client, world):
    a = _aanmelding(world)
    login(client, world.bureaudienst)
    content = client.get(f"/aanmeldingen/{a.pk}/triage/").content.decode()
    assert "Triage vastleggen en toedelen" in content
    assert f'<option value="{world.team_noord.pk}" selected>' in content
    assert f'<option value="{world.medewerker.pk}" selected>' in content
    assert 'name="meervoudig"' not in content  # the aard says it already


def test_it_records_triage_and_allocation_at_once(client, world):
    a = _aanmelding(world)
    login(client, world.bureaudienst)
    response = _post(client, a, team=world.team_noord.pk, medewerker=world.medewerker.pk)
    assert response.status_code == 302
    a.refresh_from_db()
    triage = Triage.objects.get(aanmelding=a)
    assert a.status == "toegedeeld" and a.casus.medewerker == world.medewerker
    assert triage.vraagverheldering_door == world.medewerker  # not asked twice
    assert triage.meervoudig  # from the aard


def test_a_refused_allocation_saves_no_triage_and_keeps_what_was_typed(client, world):
    a = _aanmelding(world)
    login(client, world.bureaudienst)
    # A medewerker of another team: the allocation is refused, so the triage is not recorded either.
    response = _post(client, a, team=world.team_noord.pk, medewerker=world.bureaudienst.pk,
                     veiligheid_toelichting="Typed text stays")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Deze medewerker is geen lid van het gekozen team." in content
    assert "Typed text stays" in content
    assert not Triage.objects.filter(aanmelding=a).exists() and not Casus.objects.exists()


def test_only_the_triage_when_the_other_button_is_used(client, world):
    a = _aanmelding(world)
    login(client, world.bureaudienst)
    data = {"urgentie": "normaal", "veiligheid": "nee", "aard": "enkelvoudig_zonder", "uitkomst": "kortdurend"}
    assert client.post(f"/aanmeldingen/{a.pk}/triage/", data).status_code == 302
    a.refresh_from_db()
    assert a.status == "bureaudienst" and not Triage.objects.get(aanmelding=a).meervoudig


def test_an_outsider_and_a_medewerker_get_nothing(client, world):
    a = _aanmelding(world)
    for user in (world.buitenstaander, world.andere_teamlid):
        login(client, user)
        assert _post(client, a, team=world.team_noord.pk, medewerker=world.medewerker.pk).status_code in (403, 404)
    assert not Triage.objects.exists() and not Casus.objects.exists()
