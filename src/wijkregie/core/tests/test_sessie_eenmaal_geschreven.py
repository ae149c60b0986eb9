"""The session is read by a statement written once (core/sessies.py, issue 17), with Django's own conditions: the
session key, and only while the session has not expired. Writing and everything else stay Django's."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from wijkregie.core.sessies import SessionStore
from wijkregie.testing import login


def test_the_configured_store_reads_without_building_a_query(client, world, monkeypatch):
    assert settings.SESSION_ENGINE == "wijkregie.core.sessies"
    login(client, world.medewerker)
    # Django's own store builds Session.objects.get(...) on every request; this one does not.
    monkeypatch.setattr(Session.objects, "get", lambda *a, **k: pytest.fail("the session was read by the ORM"))
    assert client.get("/").status_code == 200
    assert client.get("/").wsgi_request.user == world.medewerker


def test_a_stored_session_is_read_whole(db):
    store = SessionStore()
    store["zoekterm"] = "niet in een url"
    store.save()
    assert SessionStore(store.session_key).load() == {"zoekterm": "niet in een url"}


def test_an_expired_session_is_not_read_and_a_new_key_is_made(db):
    store = SessionStore()
    store["gebruiker"] = "iemand"
    store.save()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1))
    verlopen = SessionStore(store.session_key)
    assert verlopen.load() == {}
    assert verlopen.session_key is None  # as Django: saving makes a new key, the old one is not revived


def test_an_unknown_key_reads_nothing(db):
    assert SessionStore("x" * 32).load() == {}
    assert SessionStore(None).load() == {}


def test_logging_out_ends_the_session(client, world):
    login(client, world.medewerker)
    sleutel = client.session.session_key
    client.post("/uitloggen/")
    assert not Session.objects.filter(session_key=sleutel).exists()
    assert client.get("/").status_code == 302
