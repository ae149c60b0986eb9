import io

import pytest
from django.core.management import call_command

from wijkregie.core.audit import audit_verify
from wijkregie.inwoners.models import Persoon
from wijkregie.plan.models import Ondersteuningsplan
from wijkregie.toegang.models import Aanmelding


@pytest.fixture
def demo(empty_database, settings):
    settings.DEMO_MODE = True
    call_command("demo", "--households", "300", stdout=io.StringIO())


def test_the_demo_has_households_aanmeldingen_and_plans_in_every_state(demo):
    assert Persoon.objects.filter(gemeente__slug="den-helder").count() > 300
    assert all(p.bsn == "" or p.bsn.startswith("9999") for p in Persoon.objects.all())
    kanalen = set(Aanmelding.objects.values_list("kanaal", flat=True))
    assert {"email", "partner", "telefoon"} <= kanalen
    assert (
        Aanmelding.objects.filter(status="voorkant").exists()
        and Aanmelding.objects.filter(status="toegedeeld").exists()
    )
    staten = set(Ondersteuningsplan.objects.values_list("status", flat=True))
    assert staten == {"concept", "ter_ondertekening", "ondertekend"}
    assert Ondersteuningsplan.objects.filter(versie=2, vorige__status="ondertekend").exists()
    assert audit_verify().ok
