"""A seal that falls due in a request runs when the server has sent that request's response (the
request_finished signal), not inside the view: the page that filled the window does not wait for a batch
of UPDATEs (issue 17: those pages were the tail of the latency). Outside a request it seals at once."""

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections, transaction

from wijkregie.core import audit
from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.core.context import RequestContext, current
from wijkregie.core.models import AuditEvent


@pytest.fixture
def window(monkeypatch):
    monkeypatch.setattr(audit._Window, "count", 0)
    monkeypatch.setattr(audit._Window, "since", None)
    monkeypatch.setattr(audit._Window, "after_request", False)
    monkeypatch.setattr(audit, "SEAL_EVERY", 2)
    monkeypatch.setattr(audit, "SEAL_AFTER", 60.0)
    return audit._Window


def _respons_verzonden():
    """The WSGI server closed the response. Django's own receiver that closes the database connection is left
    out, as Django's test client leaves it out: the test's transaction holds that connection."""
    request_finished.disconnect(close_old_connections)
    try:
        request_finished.send(sender=None)
    finally:
        request_finished.connect(close_old_connections)


def _log(actor, capture):
    with capture(execute=True), transaction.atomic():
        audit_log(actor=actor, actie=AuditActie.READ, object_type="inwoners.persoon", client_id=1)


def _unsealed():
    return AuditEvent.objects.filter(seq__isnull=True).count()


def test_a_seal_due_in_a_request_waits_for_the_response_to_be_sent(world, window, django_capture_on_commit_callbacks):
    token = current.set(RequestContext(request_id="r1", request=object()))
    try:
        _log(world.medewerker, django_capture_on_commit_callbacks)
        _log(world.medewerker, django_capture_on_commit_callbacks)
        assert _unsealed() == 2 and window.after_request  # due, not done: the view is still answering
    finally:
        current.reset(token)
    _respons_verzonden()
    assert _unsealed() == 0 and not window.after_request and (window.count, window.since) == (0, None)


def test_outside_a_request_it_seals_at_once(world, window, django_capture_on_commit_callbacks):
    _log(world.medewerker, django_capture_on_commit_callbacks)
    _log(world.medewerker, django_capture_on_commit_callbacks)
    assert _unsealed() == 0 and not window.after_request


def test_a_finished_request_without_a_due_seal_seals_nothing(world, window, django_capture_on_commit_callbacks):
    token = current.set(RequestContext(request_id="r2", request=object()))
    try:
        _log(world.medewerker, django_capture_on_commit_callbacks)
    finally:
        current.reset(token)
    _respons_verzonden()
    assert _unsealed() == 1
