"""Allocation is prefilled from the resident's wijk and offers only the chosen team's medewerkers (issue
13, fault 6): the team serving the wijk (from the resident's wijk, or their postcode) with the focuswijk's
contact; choosing another team swaps in that team's members (htmx asks the aanmelding page for the field
only: colleagues' names, nothing of the resident, no audit event); a posted mix is refused at the field."""

from wijkregie.core.models import AuditEvent
from wijkregie.testing import login, make_persoon
from wijkregie.toegang.models import Aanmelding


def _aanmelding(world, persoon):
    return Aanmelding.objects.create(
        gemeente=world.den_helder,
        kanaal="telefoon",
        vraag="Hulp nodig",
        status="bureaudienst",
        persoon=persoon,
        huishouden=persoon.lidmaatschappen.first().huishouden,
    )


def _keuzes(content: str, naam: str) -> str:
    start = content.index(f'name="{naam}"')
    return content[start:content.index("</select>", start)]


def test_it_prefills_the_wijk_team_and_its_contact_and_offers_only_that_team(client, world):
    a = _aanmelding(world, make_persoon(world, "Pieter", "Jansen", postcode="1784 AB", wijk=world.noord))
    login(client, world.bureaudienst)
    content = client.get(f"/aanmeldingen/{a.pk}/").content.decode()
    teams = _keuzes(content, "team")
    assert f'<option value="{world.team_noord.pk}" selected>' in teams
    medewerkers = _keuzes(content, "medewerker")
    assert f'<option value="{world.medewerker.pk}" selected>Sanne Visser</option>' in medewerkers
    assert "Pieter Jansen" in medewerkers  # the colleague in team Noord
    for ander in (world.andere_teamlid, world.bureaudienst, world.gedragswetenschapper, world.kcc, world.backoffice):
        assert f'value="{ander.pk}"' not in medewerkers, ander
    assert "---------" not in content


def test_a_resident_with_only_a_postcode_gets_the_team_of_the_postcodes_wijk(client, world):
    a = _aanmelding(world, make_persoon(world, "Els", "Bakker", postcode="1787 CD"))
    assert a.persoon.wijk_id is None
    login(client, world.bureaudienst)
    content = client.get(f"/aanmeldingen/{a.pk}/").content.decode()
    assert f'<option value="{world.team_zuid.pk}" selected>' in _keuzes(content, "team")


def test_choosing_another_team_swaps_in_its_members_without_disclosing_the_resident(client, world):
    a = _aanmelding(world, make_persoon(world, "Pieter", "Jansen", postcode="1784 AB", wijk=world.noord))
    login(client, world.bureaudienst)
    content = client.get(f"/aanmeldingen/{a.pk}/").content.decode()
    assert f'hx-get="/aanmeldingen/{a.pk}/"' in _keuzes(content, "team")
    voor = AuditEvent.objects.count()
    response = client.get(f"/aanmeldingen/{a.pk}/", {"team": world.team_zuid.pk}, HTTP_HX_REQUEST="true")
    fragment = response.content.decode()
    assert fragment.strip().startswith('<div id="toedeling-medewerker"')
    assert f'value="{world.andere_teamlid.pk}"' in fragment and f'value="{world.bureaudienst.pk}"' in fragment
    assert f'value="{world.medewerker.pk}"' not in fragment and "selected>" not in fragment.replace(
        'value="" selected>', ""
    )
    assert "Jansen" not in fragment and "Hulp nodig" not in fragment
    assert AuditEvent.objects.count() == voor


def test_a_medewerker_of_another_team_is_refused_at_the_field_with_the_right_choices(client, world):
    a = _aanmelding(world, make_persoon(world, "Pieter", "Jansen", wijk=world.noord))
    login(client, world.bureaudienst)
    response = client.post(f"/aanmeldingen/{a.pk}/toedelen/", {"team": world.team_noord.pk,
                                                                "medewerker": world.andere_teamlid.pk})
    content = response.content.decode()
    assert 'id="id_medewerker_error">Deze medewerker is geen lid van het gekozen team.' in content
    assert 'class="wr-error-summary"' in content
    assert f'value="{world.andere_teamlid.pk}"' not in _keuzes(content, "medewerker")
    assert f'value="{world.collega.pk}"' in _keuzes(content, "medewerker")
