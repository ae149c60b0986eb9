"""One household, one plan, one regisseur: enforced by the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from wijkregie.regie import selectors, services
from wijkregie.regie.models import Betrokkene, CheckIn, Regie, Schaling
from wijkregie.testing import login


def test_the_database_refuses_a_second_regisseur(world, casus):
    Regie.objects.create(gemeente=world.den_helder, casus=casus, houder="medewerker", medewerker=world.medewerker,
                         uitleg_aan_inwoner="De inwoner wil dat het team coördineert.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Regie.objects.create(gemeente=world.den_helder, casus=casus, houder="inwoner")


def test_the_database_wants_an_explanation_when_not_the_resident(world, casus):
    with pytest.raises(IntegrityError), transaction.atomic():
        Regie.objects.create(gemeente=world.den_helder, casus=casus, houder="medewerker", medewerker=world.medewerker)


def test_handover_keeps_history(world, casus):
    services.regie_transfer(actor=world.medewerker, casus=casus, regie=Regie(houder="inwoner"))
    services.regie_transfer(actor=world.medewerker, casus=casus, regie=Regie(
        houder="medewerker", medewerker=world.collega, uitleg_aan_inwoner="Tijdelijk, tijdens de opname."))
    assert casus.regies.count() == 2 and casus.regies.filter(tot__isnull=True).get().medewerker == world.collega


def test_a_partner_holding_regie_leaves_the_team_a_named_medewerker_for_vinger_aan_de_pols(client, world, getekend):
    casus = getekend.casus
    login(client, world.medewerker)
    response = client.post(
        f"/casussen/{casus.pk}/regie/overdragen/",
        {"regie-soort": "casusregie", "regie-houder": "organisatie", "regie-organisatie": world.wering.pk},
    )
    content = response.content.decode()
    assert "Het team houdt vinger aan de pols: kies wie." in content
    assert "Leg vast wat u de inwoner uitlegde" in content
    data = {
        "regie-soort": "casusregie",
        "regie-houder": "organisatie",
        "regie-organisatie": world.wering.pk,
        "regie-vinger_aan_de_pols": world.collega.pk,
        "regie-uitleg_aan_inwoner": "De Wering kent het gezin al jaren.",
    }
    assert "geen geldige toestemming" in client.post(f"/casussen/{casus.pk}/regie/overdragen/", data).content.decode()
    # Someone outside the casus' team cannot keep vinger aan de pols: they could not see it.
    content = client.post(
        f"/casussen/{casus.pk}/regie/overdragen/", {**data, "regie-vinger_aan_de_pols": world.andere_teamlid.pk}
    ).content.decode()
    assert "Selecteer een geldige keuze" in content
    from wijkregie.casus.models import Toestemming

    Toestemming.objects.create(
        gemeente=world.den_helder, persoon=casus.hoofdpersoon, scope="delen", organisatie=world.wering, doel="regie"
    )
    response = client.post(f"/casussen/{casus.pk}/regie/overdragen/", {
        "regie-soort": "casusregie", "regie-houder": "organisatie", "regie-organisatie": world.wering.pk,
        "regie-vinger_aan_de_pols": world.collega.pk, "regie-uitleg_aan_inwoner": "De Wering kent het gezin al jaren."})
    assert response.status_code == 302
    regie = selectors.huidige_regie(casus)
    assert regie.organisatie == world.wering and regie.vinger_aan_de_pols == world.collega
    # Afschalen to the network: the check-ins go to the team's named medewerker.
    services.casus_scale(
        actor=world.medewerker, casus=casus, schaling=Schaling(richting="af", naar="netwerk", reden="Het gaat goed")
    )
    assert set(CheckIn.objects.filter(casus=casus).values_list("medewerker", flat=True)) == {world.collega.pk}


def test_an_organisation_is_involved_only_with_consent_to_share(world, casus):
    with pytest.raises(ValidationError, match="geen geldige toestemming"):
        services.betrokkene_add(actor=world.medewerker, casus=casus,
                                      betrokkene=Betrokkene(naam="Jan (schuldhulp)", organisatie=world.wering))
    from wijkregie.casus.models import Toestemming

    Toestemming.objects.create(
        gemeente=world.den_helder, persoon=casus.hoofdpersoon, scope="delen", organisatie=world.wering, doel="afstemmen"
    )
    services.betrokkene_add(
        actor=world.medewerker,
        casus=casus,
        betrokkene=Betrokkene(naam="Jan (schuldhulp)", organisatie=world.wering, monitort=True),
    )
    assert casus.betrokkenen.count() == 1
