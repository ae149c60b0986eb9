"""A nulmeting freezes a period's figures; later periods are compared with it, and later changes to the
data do not move the baseline."""

import datetime

from django.urls import reverse
from django.utils import timezone

from wijkregie.monitor.models import Nulmeting
from wijkregie.testing import login

from .conftest import maak_aanmeldingen


def _periode():
    vandaag = timezone.localdate()
    return {"van": (vandaag - datetime.timedelta(days=30)).isoformat(), "tot": (vandaag - datetime.timedelta(days=1)).isoformat()}


def test_freeze_and_compare(client, world, cijfers):
    login(client, world.beleidsmedewerker)
    url = reverse("monitor:nulmeting") + "?" + "&".join(f"{k}={v}" for k, v in _periode().items())
    r = client.post(url, {"naam": "Nulmeting start wijkteams"})
    assert r.status_code == 302
    nulmeting = Nulmeting.objects.get()
    bevroren = {(i, b): v for i, b, v, n in nulmeting.rijen}
    assert bevroren[("instroom_per_kanaal", "telefoon")] == 7
    # New registrations afterwards do not change the baseline; the page compares today's figure with it.
    maak_aanmeldingen(world.den_helder, world.team_noord, 4)
    nulmeting.refresh_from_db()
    assert {(i, b): v for i, b, v, n in nulmeting.rijen}[("instroom_per_kanaal", "telefoon")] == 7
    pagina = client.get(reverse("monitor:overzicht"), {**_periode(), "nulmeting": nulmeting.pk}).content.decode()
    assert "Nulmeting start wijkteams" in pagina and "+4" in pagina


def test_a_nulmeting_needs_a_name_and_a_past_period(client, world, cijfers):
    login(client, world.beleidsmedewerker)
    r = client.post(reverse("monitor:nulmeting") + "?van=2025-01-01&tot=2025-12-31", {"naam": ""}, follow=True)
    assert "Geef de nulmeting een naam." in r.content.decode()
    toekomst = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    r = client.post(reverse("monitor:nulmeting") + f"?van=2025-01-01&tot={toekomst}", {"naam": "Te vroeg"}, follow=True)
    assert "periode die voorbij is" in r.content.decode()
    assert not Nulmeting.objects.exists()


def test_only_policy_roles_freeze_and_nobody_sees_another_gemeentes(client, world, cijfers):
    login(client, world.medewerker)
    assert client.post(reverse("monitor:nulmeting"), {"naam": "x"}).status_code == 403
    Nulmeting.objects.create(gemeente=world.den_helder, naam="Geheime basis", van=datetime.date(2025, 1, 1),
                             tot=datetime.date(2025, 2, 1), rijen=[])
    login(client, world.buitenstaander)
    assert "Geheime basis" not in client.get(reverse("monitor:overzicht")).content.decode()
