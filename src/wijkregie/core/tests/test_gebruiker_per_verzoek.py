"""The request's user (core/backends.py) is read by a statement built once per process for every user, the user's
id filled in (issue 17: building and compiling it was a tenth of the server's Python time per request). What it
reads is read fresh every time:
a new password, a deactivation, another gemeente. The instance is whole: every field as the ORM reads it, the
gemeente and the employer with it, and it can be saved."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkregie.core import backends
from wijkregie.core.backends import WijkregieModelBackend
from wijkregie.organisatie.models import Medewerker


def _velden(obj):
    return [getattr(obj, f.attname) for f in obj._meta.concrete_fields]


def test_the_user_is_whole_and_saved_changes_count_at_the_next_request(world, gebouwd):
    backend = WijkregieModelBackend()

    user = backend.get_user(world.medewerker.pk)
    orm = Medewerker.objects.select_related("gemeente", "moederorganisatie").get(pk=world.medewerker.pk)
    assert _velden(user) == _velden(orm)
    assert _velden(user.gemeente) == _velden(orm.gemeente)
    assert _velden(user.moederorganisatie) == _velden(orm.moederorganisatie)

    user.set_password("een-nieuw-wachtwoord-2026")
    user.save()
    with CaptureQueriesContext(connection) as ctx:
        opnieuw = backend.get_user(world.medewerker.pk)
        assert opnieuw.check_password("een-nieuw-wachtwoord-2026")
        assert opnieuw.gemeente.naam == "Den Helder"
    assert len(ctx.captured_queries) == 1 and gebouwd == [1]  # built once, read again

    Medewerker.objects.filter(pk=world.medewerker.pk).update(is_active=False)
    assert backend.get_user(world.medewerker.pk) is None
    assert backend.get_user(987654321) is None
    assert gebouwd == [1]  # one statement for every user: the id is filled in


def test_another_users_statement_never_answers(world):
    """With the tests' guard on, the kept statement filled in with the user's id is compared with one built from that
    id: a statement that answered with another user's row would fail here."""
    assert backends.WijkregieModelBackend().get_user(world.medewerker.pk).pk == world.medewerker.pk
    assert backends.WijkregieModelBackend().get_user(world.collega.pk).pk == world.collega.pk
