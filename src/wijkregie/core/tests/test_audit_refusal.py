"""get_visible_or_404 records a refusal when the object exists but is not the user's to see."""

import pytest
from django.db import transaction
from django.http import Http404

from wijkregie.core.access import get_visible_or_404
from wijkregie.core.models import AuditEvent
from wijkregie.organisatie.models import Voorziening
from wijkregie.testing import login


def test_it_records_a_refusal_for_an_existing_object(world):
    with pytest.raises(Http404):
        get_visible_or_404(Voorziening.objects.filter(gemeente=world.voorbeeld),
                           audit_actor=world.buitenstaander, pk=world.voorziening_vrij.pk)
    event = AuditEvent.objects.get(resultaat="geweigerd")
    assert event.object_type == "organisatie.voorziening"
    assert event.object_id == str(world.voorziening_vrij.pk)
    # In the chain of the object's gemeente: its privacy officer answers for the data.
    assert event.gemeente_id == world.den_helder.pk
    assert event.chain == f"g{world.den_helder.pk}:m{world.buitenstaander.pk}"
    assert event.actor == "buiten"


def test_it_records_nothing_for_an_object_that_does_not_exist(world):
    with pytest.raises(Http404):
        get_visible_or_404(Voorziening.objects.all(), audit_actor=world.medewerker, pk=999999)
    with pytest.raises(Http404):
        get_visible_or_404(Voorziening.objects.all(), audit_actor=world.medewerker, pk="geen-getal")
    assert not AuditEvent.objects.exists()


def test_it_names_the_resident_of_a_refused_person(world):
    from wijkregie.inwoners.models import Persoon
    from wijkregie.testing import make_persoon

    persoon = make_persoon(world, "Anna", "de Boer")
    with pytest.raises(Http404):
        get_visible_or_404(Persoon.objects.none(), audit_actor=world.buitenstaander, pk=persoon.pk)
    event = AuditEvent.objects.get(resultaat="geweigerd")
    assert event.client_id == persoon.pk and event.object_type == "inwoners.persoon"


def test_the_refusal_survives_the_rollback_of_the_views_transaction(client, world, settings):
    """Through a real request: the view's atomic block is rolled back by the 404, the refusal stays."""
    login(client, world.buitenstaander)
    assert client.get(f"/sociale-kaart/{world.voorziening_vrij.pk}/").status_code == 404
    assert AuditEvent.objects.filter(resultaat="geweigerd", object_type="organisatie.voorziening").count() == 1


def test_a_refusal_inside_a_rolled_back_transaction_is_kept_in_a_request(rf, world):
    from wijkregie.core.context import RequestContext, current

    pending = []
    request = rf.get("/")
    request.user = world.buitenstaander
    token = current.set(RequestContext(request_id="r1", request=request, after_response=pending))
    try:
        with pytest.raises(Http404), transaction.atomic():
            get_visible_or_404(Voorziening.objects.filter(gemeente=world.voorbeeld), pk=world.voorziening_vrij.pk)
        assert not AuditEvent.objects.exists()
        for write in pending:
            write()
    finally:
        current.reset(token)
    event = AuditEvent.objects.get(resultaat="geweigerd")
    assert event.request_id == "r1" and event.actor == "buiten"
