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


def test_csrf_is_enforced_on_forms(world):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    login(csrf_client, world.beheerder)
    response = csrf_client.post("/beheer/organisaties/nieuw/", {"naam": "Zonder token", "soort": "overig"})
    assert response.status_code == 403
