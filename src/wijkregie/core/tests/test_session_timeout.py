from wijkregie.testing import login


def test_the_session_expires_after_the_idle_time(client, world, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    login(client, world.medewerker)
    assert client.get("/").status_code == 200
    session = client.session
    assert 0 < session.get_expiry_age() <= 30 * 60
    # Expire the stored session as if 31 minutes passed without a request.
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    Session.objects.filter(session_key=session.session_key).update(expire_date=timezone.now())
    assert client.get("/").status_code == 302


def test_activity_extends_the_session_at_most_once_a_minute(client, world):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    login(client, world.medewerker)
    client.get("/")
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timezone.timedelta(minutes=5))
    client.get("/")  # within the minute: no write
    assert Session.objects.get(session_key=key).expire_date < timezone.now() + timezone.timedelta(minutes=6)
    session = client.session
    session["_touched"] = 0  # the last refresh was long ago
    session.save()
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timezone.timedelta(minutes=5))
    client.get("/")
    assert Session.objects.get(session_key=key).expire_date > timezone.now() + timezone.timedelta(minutes=29)


def test_csrf_is_enforced_on_forms(world):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    login(csrf_client, world.beheerder)
    response = csrf_client.post("/beheer/organisaties/nieuw/", {"naam": "Zonder token", "soort": "overig"})
    assert response.status_code == 403
