"""A nulmeting freezes a period's figures; later periods are compared with it, and later changes to the
data do not move the baseline. Only like with like: a nulmeting of one law is not offered for another."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkregie.monitor.models import Nulmeting
from wijkregie.testing import login

from .conftest import maak_aanmeldingen


@pytest.fixture
def vorige_maand(world):
    """Seven questions by phone in the middle of last month (a whole month that is over)."""
    midden = timezone.localdate().replace(day=1) - datetime.timedelta(days=15)
    maak_aanmeldingen(world.den_helder, world.team_noord, 7, dagen_geleden=(timezone.localdate() - midden).days)
    return {"van": midden.strftime("%Y-%m"), "tot": midden.strftime("%Y-%m")}, (timezone.localdate() - midden).days


def _url(periode, **extra):
    return reverse("monitor:nulmeting") + "?" + "&".join(f"{k}={v}" for k, v in {**periode, **extra}.items())


def test_freeze_and_compare(client, world, vorige_maand):
    periode, dagen_geleden = vorige_maand
    login(client, world.beleidsmedewerker)
    assert client.post(_url(periode), {"naam": "Nulmeting start wijkteams"}).status_code == 302
    nulmeting = Nulmeting.objects.get()
    assert {(i, b): v for i, b, v, n in nulmeting.rijen}[("instroom_per_kanaal", "telefoon")] == 7
    # New registrations afterwards do not change the baseline; the page compares today's figure with it.
    maak_aanmeldingen(world.den_helder, world.team_noord, 4, dagen_geleden=dagen_geleden)
    nulmeting.refresh_from_db()
    assert {(i, b): v for i, b, v, n in nulmeting.rijen}[("instroom_per_kanaal", "telefoon")] == 7
    pagina = client.get(reverse("monitor:overzicht"), {**periode, "nulmeting": nulmeting.pk}).content.decode()
    assert "Nulmeting start wijkteams" in pagina and "+4" in pagina


def test_a_nulmeting_is_only_offered_for_the_same_narrowing(client, world, vorige_maand):
    periode, _dagen = vorige_maand
    login(client, world.beleidsmedewerker)
    client.post(_url(periode, wet="jeugdwet"), {"naam": "Alleen Jeugdwet"}, follow=True)  # reads the message
    assert Nulmeting.objects.get().wet == "jeugdwet"
    assert "Alleen Jeugdwet" not in client.get(reverse("monitor:overzicht"), periode).content.decode()
    assert (
        "Alleen Jeugdwet" in client.get(reverse("monitor:overzicht"), {**periode, "wet": "jeugdwet"}).content.decode()
    )


def test_a_nulmeting_needs_a_name_and_a_past_period(client, world, vorige_maand):
    periode, _dagen = vorige_maand
    login(client, world.beleidsmedewerker)
    r = client.post(_url(periode), {"naam": ""}, follow=True)
    assert "Geef de nulmeting een naam." in r.content.decode()
    deze_maand = timezone.localdate().strftime("%Y-%m")
    r = client.post(_url({"van": periode["van"], "tot": deze_maand}), {"naam": "Te vroeg"}, follow=True)
    assert "periode die voorbij is" in r.content.decode()
    assert client.post(_url({"van": "2025-13", "tot": deze_maand}), {"naam": "Kapot"}).status_code == 400
    assert not Nulmeting.objects.exists()


def test_only_policy_roles_freeze_and_nobody_sees_another_gemeentes(client, world, cijfers):
    login(client, world.medewerker)
    assert client.post(reverse("monitor:nulmeting"), {"naam": "x"}).status_code == 403
    Nulmeting.objects.create(gemeente=world.den_helder, naam="Geheime basis", van=datetime.date(2025, 1, 1),
                             tot=datetime.date(2025, 2, 1), rijen=[])
    login(client, world.buitenstaander)
    assert "Geheime basis" not in client.get(reverse("monitor:overzicht")).content.decode()
