"""Following the help: contacts, evaluations, afschalen with check-ins, afsluiten and heropenen."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkregie.plan.models import Veiligheidsanalyse, ZrmScore
from wijkregie.regie import services
from wijkregie.regie.models import CheckIn, Contactmoment, Evaluatie, Schaling
from wijkregie.regie.selectors import tijdlijn
from wijkregie.testing import login
from wijkregie.toegang.models import Aanmelding


def test_signing_plans_the_first_evaluation(world, getekend, settings):
    evaluatie = Evaluatie.objects.get(casus=getekend.casus)
    assert evaluatie.gepland_op == timezone.localdate() + datetime.timedelta(weeks=settings.EVALUATIE_INTERVAL_WEKEN)


def test_a_contact_in_one_line_ends_the_wait_of_the_aanmelding(client, world, casus):
    aanmelding = Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="x", casus=casus,
                                           status="toegedeeld", team=world.team_noord)
    login(client, world.medewerker)
    nu = timezone.localtime().strftime("%Y-%m-%dT%H:%M")  # a contact can only follow the opening of the casus
    response = client.post(
        f"/casussen/{casus.pk}/regie/contactmomenten/",
        {"contact-soort": "huisbezoek", "contact-op": nu, "contact-met_wie": "Pieter"},
    )
    assert response.status_code == 302
    aanmelding.refresh_from_db()
    assert aanmelding.eerste_contact_op is not None
    response = client.post(
        f"/casussen/{casus.pk}/regie/contactmomenten/",
        {"contact-soort": "huisbezoek", "contact-op": "2999-01-01T10:00", "contact-met_wie": ""},
    )
    content = response.content.decode()
    assert "Met wie was het contact?" in content and "kan niet in de toekomst liggen" in content
    assert Contactmoment.objects.count() == 1


def test_an_evaluation_judges_goals_rescores_zrm_and_plans_the_next(client, world, getekend):
    evaluatie = Evaluatie.objects.get(casus=getekend.casus)
    doel = getekend.doelen.get()
    login(client, world.medewerker)
    volgende = (timezone.localdate() + datetime.timedelta(days=90)).isoformat()
    response = client.post(
        f"/evaluaties/{evaluatie.pk}/",
        {
            "verslag": "Het gaat beter",
            "met_inwoner": "on",
            f"doel_{doel.pk}": "deels",
            f"zrm-zrm_{getekend.casus.hoofdpersoon_id}_{doel.leefgebied_id}": "3",
            "volgende_op": volgende,
        },
    )
    assert response.status_code == 302
    evaluatie.refresh_from_db()
    assert evaluatie.gehouden_op == timezone.localdate()
    assert evaluatie.beoordelingen.get().behaald == "deels"
    assert ZrmScore.objects.get(casus=getekend.casus).niveau == 3
    assert (
        Evaluatie.objects.filter(casus=getekend.casus, gehouden_op__isnull=True).get().gepland_op.isoformat()
        == volgende
    )


def test_afschalen_plans_check_ins_for_more_than_a_year_and_heropenen_is_tracked(world, getekend):
    casus = getekend.casus
    services.casus_scale(
        actor=world.medewerker, casus=casus, schaling=Schaling(richting="af", naar="netwerk", reden="Netwerk draagt")
    )
    casus.refresh_from_db()
    assert casus.status == "afgeschaald"
    data = list(CheckIn.objects.filter(casus=casus).values_list("gepland_op", flat=True))
    assert len(data) == 4 and (max(data) - timezone.localdate()).days >= 360
    afsluiting = services.casus_close(actor=world.medewerker, casus=casus, reden="01")
    casus.refresh_from_db()
    assert casus.status == "afgesloten"
    assert not CheckIn.objects.filter(casus=casus, gedaan_op__isnull=True, vervallen=False).exists()
    assert CheckIn.objects.filter(casus=casus, vervallen=True).count() == 4  # kept as history
    services.casus_reopen(actor=world.medewerker, casus=casus, reden="Terugval na verlies van werk")
    afsluiting.refresh_from_db()
    casus.refresh_from_db()
    assert casus.status == "vraagverheldering" and afsluiting.heropend_binnen_12_maanden


def test_a_lasting_safety_flag_needs_the_gedragswetenschapper_to_close(world, getekend):
    casus = getekend.casus
    Veiligheidsanalyse.objects.create(gemeente=world.den_helder, casus=casus, antwoorden={"kinderen": "twijfel"})
    with pytest.raises(ValidationError, match="Alleen de gedragswetenschapper"):
        services.casus_close(actor=world.medewerker, casus=casus, reden="01")
    services.casus_close(actor=world.gedragswetenschapper, casus=casus, reden="02")
    casus.refresh_from_db()
    assert casus.status == "afgesloten"


def test_opschalen_gives_a_warm_handover_check_in(world, getekend):
    casus = getekend.casus
    with pytest.raises(ValidationError):
        from wijkregie.regie.forms import SchalingForm

        form = SchalingForm({"richting": "op", "naar": "netwerk", "reden": "x", "op": "2026-11-01"})
        assert not form.is_valid()
        raise ValidationError(form.errors)
    services.casus_scale(actor=world.medewerker, casus=casus, schaling=Schaling(
        richting="op", naar="jeugdbescherming", ontvangende_partij="Bureau Jeugdzorg", reden="Onveilig"))
    checkin = CheckIn.objects.get(casus=casus)
    assert "Bureau Jeugdzorg" in checkin.notitie and checkin.medewerker == world.medewerker


def test_the_timeline_is_newest_first_and_its_queries_do_not_grow(world, getekend, django_assert_max_num_queries):
    casus = getekend.casus
    Contactmoment.objects.bulk_create(
        [
            Contactmoment(
                gemeente=world.den_helder, casus=casus, met_wie="Pieter", op=timezone.now() - datetime.timedelta(days=i)
            )
            for i in range(300)
        ]
    )
    with django_assert_max_num_queries(6):
        gebeurtenissen = tijdlijn(casus, aantal=50)
    assert len(gebeurtenissen) == 50
    assert gebeurtenissen == sorted(gebeurtenissen, key=lambda g: g.op, reverse=True)
    ouder = tijdlijn(casus, voor=gebeurtenissen[-1].op, aantal=50)
    assert ouder[0].op < gebeurtenissen[-1].op


def test_other_safety_signals_also_need_the_gedragswetenschapper(world, getekend):
    casus = getekend.casus
    services.casus_scale(actor=world.medewerker, casus=casus, schaling=Schaling(
        richting="op", naar="veilig_thuis", ontvangende_partij="Veilig Thuis", reden="Melding gedaan"))
    with pytest.raises(ValidationError, match="Alleen de gedragswetenschapper"):
        services.casus_close(actor=world.medewerker, casus=casus, reden="01")
    # A later analysis without concern by the medewerker does not lift it; by the gedragswetenschapper it does.
    Veiligheidsanalyse.objects.create(gemeente=world.den_helder, casus=casus, antwoorden={"kinderen": "nee"},
                                      op=timezone.now() + datetime.timedelta(days=2), door=world.medewerker)
    with pytest.raises(ValidationError, match="Alleen de gedragswetenschapper"):
        services.casus_close(actor=world.medewerker, casus=casus, reden="01")
    Veiligheidsanalyse.objects.create(gemeente=world.den_helder, casus=casus, antwoorden={"kinderen": "nee"},
                                      op=timezone.now() + datetime.timedelta(days=3), door=world.gedragswetenschapper)
    services.casus_close(actor=world.medewerker, casus=casus, reden="01")


def test_an_evaluation_or_check_in_is_not_done_twice(world, getekend):
    evaluatie = Evaluatie.objects.get(casus=getekend.casus)
    services.evaluatie_hold(
        actor=world.medewerker,
        evaluatie=evaluatie,
        beoordelingen={},
        verslag="x",
        met_inwoner=True,
        zrm=[],
        volgende_op=None,
    )
    with pytest.raises(ValidationError, match="al gehouden"):
        services.evaluatie_hold(
            actor=world.medewerker,
            evaluatie=Evaluatie.objects.get(pk=evaluatie.pk),
            beoordelingen={},
            verslag="x",
            met_inwoner=True,
            zrm=[],
            volgende_op=None,
        )
    checkin = CheckIn.objects.create(gemeente=world.den_helder, casus=getekend.casus, medewerker=world.medewerker,
                                     gepland_op=timezone.localdate())
    services.checkin_complete(actor=world.medewerker, checkin=checkin, notitie="ok")
    with pytest.raises(ValidationError, match="al gedaan"):
        services.checkin_complete(
            actor=world.medewerker, checkin=CheckIn.objects.get(pk=checkin.pk), notitie="nog eens"
        )
