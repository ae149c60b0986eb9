"""The Den Helder demo shows the backoffice at work: decided requests (some refused or partly granted), open
ones in the queue, toewijzingen ending within eight weeks; loading it twice changes nothing."""

import io

import pytest
from django.core.management import call_command

from wijkregie.backoffice import selectors
from wijkregie.backoffice.demo import load_beschikkingen
from wijkregie.backoffice.models import Beschikking, Toewijzing
from wijkregie.core.audit import audit_verify
from wijkregie.core.models import Gemeente
from wijkregie.organisatie.models import Medewerker


@pytest.fixture
def demo(empty_database, settings):
    settings.DEMO_MODE = True
    call_command("demo", "--households", "300", stdout=io.StringIO())


def test_the_demo_has_decided_and_open_requests_and_expiring_indications(demo):
    backoffice = Medewerker.objects.get(username="backoffice")
    besluiten = set(Beschikking.objects.values_list("besluit", flat=True))
    assert besluiten == {"toekenning", "gedeeltelijk", "afwijzing"}
    assert selectors.wachtrij_tellingen(backoffice)["open"] == 5
    assert selectors.verlopende_toewijzingen(backoffice).exists()
    nummers = list(Toewijzing.objects.values_list("toewijzingnummer", flat=True))
    assert len(nummers) == len(set(nummers)) and all(len(t.aanbieder_agb) == 8 for t in Toewijzing.objects.all())
    assert load_beschikkingen(Gemeente.objects.get(slug="den-helder")) == 0
    assert audit_verify().ok
