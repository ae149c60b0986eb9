"""The request's user comes with their roles in the same query (the authentication backend): every page needs
them, for the menu and every visibility rule."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkregie.core.backends import WijkregieModelBackend
from wijkregie.organisatie.models import Rol, Roltoewijzing
from wijkregie.testing import make_medewerker


def _geladen(medewerker):
    with CaptureQueriesContext(connection) as ctx:
        user = WijkregieModelBackend().get_user(medewerker.pk)
        rollen = user.rollen
        gemeente = user.gemeente.naam
    return rollen, gemeente, len(ctx.captured_queries)


def test_roles_come_with_the_user_in_one_query(world):
    assert _geladen(world.bureaudienst) == (frozenset({Rol.MEDEWERKER, Rol.BUREAUDIENST}), "Den Helder", 1)


def test_a_role_given_or_taken_counts_at_the_next_request(world):
    Roltoewijzing.objects.create(medewerker=world.bureaudienst, rol=Rol.TEAMLEIDER)
    assert _geladen(world.bureaudienst)[0] == {Rol.MEDEWERKER, Rol.BUREAUDIENST, Rol.TEAMLEIDER}
    Roltoewijzing.objects.filter(medewerker=world.bureaudienst).delete()
    assert _geladen(world.bureaudienst)[0] == frozenset()


def test_a_medewerker_without_roles_has_none(world):
    zonder = make_medewerker(world.den_helder, "zonder-rol")
    assert _geladen(zonder)[0] == frozenset()
