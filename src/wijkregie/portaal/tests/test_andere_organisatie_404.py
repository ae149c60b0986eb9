"""A portal user of organisation A never sees B's referrals or B's shared plans: B's referral id is a
404 (like an id that does not exist) and the refusal is audited; A's lists do not contain B's."""

import json

from django.urls import reverse

from wijkregie.api.models import Verwijzing
from wijkregie.api.tests.helpers import VERWIJZING, Partnerclient, gedeeld_huishouden
from wijkregie.core.models import AuditEvent

from .helpers import portaal_login


def test_another_organisations_referral_and_plan_are_404(client, world, praktijk, andere_praktijk, assistent, ander):
    portaal_login(client, assistent)
    client.post(reverse("portaal:verwijzen"), {**{k: v for k, v in VERWIJZING.items()}, "kenmerk": "KENMERK-A"})
    van_a = Verwijzing.objects.get()
    gedeeld_huishouden(world, praktijk)
    casus_id = Partnerclient.met_sleutel(client, praktijk)
    casus_id = json.loads(casus_id.get("/api/v1/casussen/").content)["resultaten"][0]["id"]
    assert client.get(f"{reverse('portaal:plan')}?casus={casus_id}").status_code == 200
    assert client.get(f"{reverse('portaal:verwijzing')}?id={van_a.publiek_id}").status_code == 200

    portaal_login(client, ander)
    response = client.get(f"{reverse('portaal:verwijzing')}?id={van_a.publiek_id}")
    assert response.status_code == 404 and "KENMERK-A" not in response.content.decode()
    assert AuditEvent.objects.filter(object_type="toegang.aanmelding", resultaat="geweigerd",
                                     chain=f"g{world.den_helder.pk}:portaal{ander.pk}").count() == 1
    assert "KENMERK-A" not in client.get(reverse("portaal:verwijzingen")).content.decode()
    response = client.get(f"{reverse('portaal:plan')}?casus={casus_id}")
    assert response.status_code == 404 and "Weer naar de voetbal" not in response.content.decode()
    assert "Anouk" not in client.get(reverse("portaal:casussen")).content.decode()
    # An id that is no UUID, or none: 404 too, never an error page.
    assert client.get(f"{reverse('portaal:verwijzing')}?id=12").status_code == 404
    assert client.get(reverse("portaal:plan")).status_code == 404
