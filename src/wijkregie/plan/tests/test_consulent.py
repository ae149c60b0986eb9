"""A consulent reads the file while the consult runs and advises; they do not change the plan, and the
file closes to them once the advice is given (docs/toegangsbeleid.md, betrekking consulent)."""

from wijkregie.plan.models import Consult, Doel
from wijkregie.plan.services import consult_answer, consult_request
from wijkregie.testing import login


def test_the_consulent_reads_but_does_not_change_the_plan(client, world, getekend, casus):
    consult_request(actor=world.medewerker, casus=casus, aan=world.gedragswetenschapper, vraag="Kijk je mee?")
    login(client, world.gedragswetenschapper)
    assert client.get(f"/casussen/{casus.pk}/plan/").status_code == 200
    voor = Doel.objects.count()
    response = client.post(f"/casussen/{casus.pk}/plan/{getekend.versie}/doelen/", {"doel-omschrijving": "Iets anders"})
    assert response.status_code == 403 and Doel.objects.count() == voor
    assert client.post(f"/casussen/{casus.pk}/vraagverheldering/zrm/", {}).status_code == 403


def test_the_file_closes_to_the_consulent_after_the_advice(client, world, casus):
    consult = consult_request(actor=world.medewerker, casus=casus, aan=world.gedragswetenschapper, vraag="Kijk je mee?")
    login(client, world.gedragswetenschapper)
    assert client.get(f"/casussen/{casus.pk}/").status_code == 200
    consult_answer(actor=world.gedragswetenschapper, consult=Consult.objects.get(pk=consult.pk), advies="Prima zo.")
    for pad in ("", "plan/", "vraagverheldering/", "veiligheid/"):
        assert client.get(f"/casussen/{casus.pk}/{pad}").status_code == 404


def test_a_consult_goes_only_to_a_current_team_member(world, casus):
    import datetime

    import pytest
    from django.core.exceptions import ValidationError

    from wijkregie.organisatie.models import Teamlid

    Teamlid.objects.filter(medewerker=world.gedragswetenschapper).update(
        tot=datetime.date.today() - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        consult_request(actor=world.medewerker, casus=casus, aan=world.gedragswetenschapper, vraag="Kijk je mee?")
