"""A contactmoment is refused when it cannot be true (issue 13, fault 2): dated before the casus or its
aanmelding began, more than a year back or in the future, lasting more than a day, or with a note of
more than 10.000 characters. Each refusal is a Dutch message at its field, and nothing is saved: such a
contact would otherwise become the aanmelding's first contact and corrupt the wachttijd."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkregie.regie import services
from wijkregie.regie.models import Contactmoment
from wijkregie.testing import login
from wijkregie.toegang.models import Aanmelding


@pytest.fixture
def aanmelding(world, casus):
    return Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="x", casus=casus,
                                     status="toegedeeld", team=world.team_noord)


def _post(client, casus, **velden):
    data = {
        "contact-soort": "huisbezoek",
        "contact-met_wie": "Pieter",
        "contact-op": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        **{f"contact-{k}": v for k, v in velden.items()},
    }
    return client.post(f"/casussen/{casus.pk}/regie/contactmomenten/", data)


def _veldfout(content: str, veld: str) -> str:
    """The error shown at the field (the paragraph with the field's error id)."""
    start = content.index(f'id="id_contact-{veld}_error"')
    return content[start:content.index("</p>", start)]


def test_it_refuses_1999_and_100000_minutes_and_keeps_the_wachttijd(client, world, casus, aanmelding):
    login(client, world.medewerker)
    response = _post(client, casus, op="1999-01-01T10:00", duur_minuten="100000")
    content = response.content.decode()
    assert response.status_code == 200
    assert "meer dan een jaar geleden" in _veldfout(content, "op")
    assert "1 tot en met 1440 minuten" in _veldfout(content, "duur_minuten")
    assert not Contactmoment.objects.exists()
    aanmelding.refresh_from_db()
    assert aanmelding.eerste_contact_op is None


def test_it_refuses_a_date_before_the_casus_began(client, world, casus, aanmelding):
    begin = timezone.now() - datetime.timedelta(days=30)
    type(casus).objects.filter(pk=casus.pk).update(geopend_op=begin)
    Aanmelding.objects.filter(pk=aanmelding.pk).update(ontvangen_op=begin)
    login(client, world.medewerker)
    twee_maanden = timezone.localtime() - datetime.timedelta(days=60)
    content = _post(client, casus, op=twee_maanden.strftime("%Y-%m-%dT%H:%M")).content.decode()
    assert "vóór het begin van de casus" in _veldfout(content, "op")
    assert not Contactmoment.objects.exists()
    # A week after the opening is fine, and it is the first contact.
    week = timezone.localtime() - datetime.timedelta(days=23)
    assert _post(client, casus, op=week.strftime("%Y-%m-%dT%H:%M"), duur_minuten="45").status_code == 302
    aanmelding.refresh_from_db()
    assert timezone.localtime(aanmelding.eerste_contact_op).date() == week.date()  # the local date, as typed


def test_it_refuses_the_future_and_a_day_and_a_minute(client, world, casus):
    login(client, world.medewerker)
    morgen = timezone.localtime() + datetime.timedelta(days=1)
    content = _post(client, casus, op=morgen.strftime("%Y-%m-%dT%H:%M"), duur_minuten="1441").content.decode()
    assert "in de toekomst" in _veldfout(content, "op")
    assert "1 tot en met 1440 minuten" in _veldfout(content, "duur_minuten")
    assert "1 tot en met 1440 minuten" in _veldfout(
        _post(client, casus, duur_minuten="0").content.decode(), "duur_minuten"
    )
    assert _post(client, casus, duur_minuten="1440").status_code == 302


def test_it_refuses_a_note_of_two_megabytes(client, world, casus):
    login(client, world.medewerker)
    content = _post(client, casus, notitie="x" * 2_000_000).content.decode()
    assert "hoogstens 10.000 tekens" in _veldfout(content, "notitie")
    assert not Contactmoment.objects.exists()
    assert _post(client, casus, notitie="y" * 10_000).status_code == 302


def test_the_service_refuses_the_same_for_every_caller(world, casus):
    with pytest.raises(ValidationError) as fout:
        services.contactmoment_register(actor=world.medewerker, casus=casus, contact=Contactmoment(
            soort="huisbezoek", met_wie="Pieter", op=timezone.make_aware(datetime.datetime(1999, 1, 1, 10)),
            duur_minuten=100_000, notitie="z" * 10_001))
    assert set(fout.value.message_dict) == {"op", "duur_minuten", "notitie"}
    assert not Contactmoment.objects.exists()


def test_a_contact_before_the_aanmelding_came_in_is_not_its_first_contact(world, casus, aanmelding):
    """A question that reaches a running casus later waits for a contact of its own."""
    nu = timezone.now()
    type(casus).objects.filter(pk=casus.pk).update(geopend_op=nu - datetime.timedelta(hours=1))
    Aanmelding.objects.filter(pk=aanmelding.pk).update(ontvangen_op=nu - datetime.timedelta(minutes=10))
    casus.refresh_from_db()

    def contact(minuten_geleden):
        return services.contactmoment_register(actor=world.medewerker, casus=casus, contact=Contactmoment(
            soort="telefonisch", met_wie="Pieter", op=nu - datetime.timedelta(minutes=minuten_geleden)))

    contact(20)  # within the casus, but before this question came in
    aanmelding.refresh_from_db()
    assert aanmelding.eerste_contact_op is None
    antwoord = contact(0)
    aanmelding.refresh_from_db()
    assert aanmelding.eerste_contact_op == antwoord.op
