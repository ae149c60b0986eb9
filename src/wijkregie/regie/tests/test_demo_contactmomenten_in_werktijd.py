"""The demo's contactmomenten happen in office hours: a house visit at the minute the file happened to be
opened (02:53 in one demo) reads as wrong to anyone clicking through the demo."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from wijkregie.regie.models import Contactmoment


@pytest.fixture
def demo(empty_database, settings):
    settings.DEMO_MODE = True
    call_command("demo", "--households", "300", stdout=io.StringIO())


def test_the_demos_contactmomenten_are_in_office_hours(demo):
    momenten = list(Contactmoment.objects.select_related("casus"))
    assert len(momenten) > 50
    buiten = [m for m in momenten if not 9 <= timezone.localtime(m.op).hour < 17
              and m.op != m.casus.geopend_op]  # the first day's contact may be the opening itself
    assert buiten == []
