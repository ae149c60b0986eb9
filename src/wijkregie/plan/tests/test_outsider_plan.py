import pytest

from wijkregie.plan import services
from wijkregie.testing import login


@pytest.mark.parametrize("wie", ["andere_teamlid", "buitenstaander", "beleidsmedewerker", "privacyfunctionaris", "kcc"])
def test_nobody_outside_the_team_gets_any_plan_page(client, world, casus, wie):
    plan = services.plan_create(actor=world.medewerker, casus=casus)
    login(client, getattr(world, wie))
    for url in [
        f"/casussen/{casus.pk}/",
        f"/casussen/{casus.pk}/vraagverheldering/",
        f"/casussen/{casus.pk}/veiligheid/",
        f"/casussen/{casus.pk}/plan/",
        f"/casussen/{casus.pk}/plan/{plan.versie}/",
        f"/casussen/{casus.pk}/plan/{plan.versie}/pdf/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/casussen/{casus.pk}/plan/{plan.versie}/ondertekenen/").status_code == 404
    assert "Jansen" not in client.get("/casussen/").content.decode()


def test_the_colleague_asked_to_sign_sees_the_plan_and_nothing_else(client, world, casus):
    import datetime
    from decimal import Decimal

    from wijkregie.organisatie.models import Leefgebied
    from wijkregie.plan.models import Arrangementregel, Consult, Doel

    Consult.objects.create(gemeente=world.den_helder, casus=casus, gevraagd_aan=world.gedragswetenschapper,
                           vraag="Geheime zorg over de kinderen", over_veiligheid=True)
    plan = services.plan_create(actor=world.medewerker, casus=casus)
    Doel.objects.create(gemeente=world.den_helder, plan=plan, omschrijving="x",
                        leefgebied=Leefgebied.objects.get(gemeente=world.den_helder, naam="Financiën"))
    Arrangementregel.objects.create(gemeente=world.den_helder, plan=plan, soort="maatwerk", omschrijving="Jeugdhulp",
                                    wet="jeugdwet", productcategorie="45", volume=Decimal("1"), eenheid="04",
                                    ingangsdatum=datetime.date.today())
    services.plan_offer_for_signing(actor=world.medewerker, plan=plan, bij=world.backoffice)
    login(client, world.backoffice)
    content = client.get(f"/casussen/{casus.pk}/plan/").content.decode()
    assert "ter ondertekening" in content and "Geheime zorg" not in content and "Doel toevoegen" not in content
    for url in [
        f"/casussen/{casus.pk}/",
        f"/casussen/{casus.pk}/vraagverheldering/",
        f"/casussen/{casus.pk}/veiligheid/",
    ]:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(f"/casussen/{casus.pk}/plan/{plan.versie}/afspraken/", {"regel-soort": "vrij"}).status_code == 403
    )
    assert client.get(f"/casussen/{casus.pk}/plan/1/pdf/").status_code == 302  # to its job (core/achtergrond.py)


def test_a_change_after_offering_takes_the_offer_back(world, casus):
    import datetime
    from decimal import Decimal

    from wijkregie.plan.models import Arrangementregel

    plan = services.plan_create(actor=world.medewerker, casus=casus)
    services.plan_offer_for_signing(actor=world.medewerker, plan=plan, bij=world.backoffice)
    services.regel_save(actor=world.medewerker, plan=plan, regel=Arrangementregel(
        soort="maatwerk", omschrijving="Extra", wet="wmo", productcategorie="01", volume=Decimal("1"), eenheid="04",
        ingangsdatum=datetime.date.today()))
    plan.refresh_from_db()
    assert plan.status == "concept" and plan.ter_ondertekening_bij is None


def test_a_closed_casus_gets_no_plan(world, casus):
    from django.core.exceptions import ValidationError

    from wijkregie.casus.services import casus_transition

    casus_transition(actor=world.medewerker, casus=casus, naar="afgesloten", reden="klaar")
    with pytest.raises(ValidationError, match="heropen"):
        services.plan_create(actor=world.medewerker, casus=casus)
